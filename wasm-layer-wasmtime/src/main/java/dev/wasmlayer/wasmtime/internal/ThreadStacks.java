package dev.wasmlayer.wasmtime.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The size of the calling thread's native stack, from glibc's {@code pthread_getattr_np}. wasmtime
 * lets wasm use {@code max_wasm_stack} bytes below the point of entry; on a thread whose whole
 * stack is smaller, deep recursion runs off the stack's end into the JVM's guard pages and kills
 * the process instead of trapping.
 */
public final class ThreadStacks {
  private static final boolean AVAILABLE = bind();

  private ThreadStacks() {}

  private static boolean bind() {
    if (!Platform.isLinux()) {
      return false;
    }
    try {
      Native.register(ThreadStacks.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
      return true;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false;
    }
  }

  private static native long pthread_self();

  private static native int pthread_getattr_np(long thread, Memory attr);

  private static native int pthread_attr_getstacksize(Memory attr, long[] size);

  private static native int pthread_attr_destroy(Memory attr);

  /**
   * A thread's stack never changes size, and reading it costs microseconds (glibc reads
   * /proc/self/maps for the main thread): read once per thread, not once per store.
   */
  private static final ThreadLocal<Long> SIZE = ThreadLocal.withInitial(ThreadStacks::read);

  /** The calling thread's stack size in bytes, or -1 where it cannot be read (not Linux/glibc). */
  public static long currentSize() {
    return SIZE.get();
  }

  private static long read() {
    if (!AVAILABLE) {
      return -1;
    }
    Memory attr = new Memory(128); // pthread_attr_t is 56 bytes on x86-64 and aarch64 glibc
    if (pthread_getattr_np(pthread_self(), attr) != 0) {
      return -1;
    }
    try {
      long[] size = new long[1];
      return pthread_attr_getstacksize(attr, size) == 0 ? size[0] : -1;
    } finally {
      pthread_attr_destroy(attr);
    }
  }
}
