package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;

/**
 * WASI's {@code fd_read} with stdin read from a Java stream exactly when the guest reads, as on the
 * other engines: wasmtime has no stdin callback, so this host function stands in for wasmtime's own
 * {@code fd_read}. For fd 0 it does one blocking {@link InputStream#read} into the guest's first
 * non-empty buffer, as wasmtime reads its streams (a short count, 0 at the end of the stream);
 * every other descriptor goes to wasmtime's {@code fd_read} unchanged ({@link
 * WasiFdReadForwarder}). The same call goes to wasmtime first for fd 0 too, where its stdin is open
 * but empty ({@link WasmtimeWasi}): so fd 0 closed or renumbered away gets wasmtime's own answer
 * (EBADF), a file renumbered onto fd 0 that gave bytes keeps wasmtime's read, and the stream is
 * read only after wasmtime accepted the call. wasmtime answers an empty stdin before looking at the
 * buffers, so a buffer outside the memory is this class's EFAULT, as the layer's own WASI answers
 * (wasmtime traps for a file).
 *
 * <p>Nothing reads the stream when the guest does not: a guest that never reads stdin leaves it
 * untouched. The read is host code, so like any host function it is not interrupted: {@code
 * interrupt()}, a deadline or a close stop the guest once the read returns (the stream gives bytes,
 * ends or fails).
 */
final class WasiStdinRead implements HostCallbacks.Target {
  private static final int STDIN = 0;

  /** WASI errnos. */
  private static final int ESUCCESS = 0;

  private static final int EFAULT = 21;
  private static final int EIO = 29;
  private static final int EINVAL = 28;

  /** WASI's limit on iovecs per call, as the layer's own WASI enforces it. */
  private static final long IOV_MAX = 1024;

  /**
   * One read moves at most this much (a short count is a valid answer), so a guest-chosen length
   * costs little heap.
   */
  private static final int CHUNK = 64 * 1024;

  private static final long IOVS_LEN = 2L * Layout.VAL_SIZE + Layout.VAL_OF;
  private static final byte[] MEMORY = Natives.utf8("memory");
  private static final byte[] NO_MEMORY = Natives.utf8("missing required memory export");

  private final WeakReference<WasmtimeStore<?>> store;
  private final InputStream in;
  private final WasiFdReadForwarder wasmtimes;

  WasiStdinRead(WasmtimeStore<?> store, InputStream in, WasiFdReadForwarder wasmtimes) {
    this.store = new WeakReference<>(store);
    this.in = in;
    this.wasmtimes = wasmtimes;
  }

  @Override
  public Pointer invoke(Pointer caller, Pointer args, long nargs, Pointer results, long nresults) {
    try { // everything: on the JNA path an exception escaping here would read as a successful call
      HotCalls hot = HotCalls.get();
      Pointer context = Wasmtime.wasmtime_caller_context(caller);
      Memory memory = Natives.alloc(Layout.EXTERN_SIZE);
      if (Wasmtime.wasmtime_caller_export_get(caller, MEMORY, MEMORY.length, memory) == 0
          || memory.getByte(0) != Layout.EXTERN_MEMORY) {
        return Wasmtime.wasmtime_trap_new(
            NO_MEMORY, NO_MEMORY.length); // as wasmtime's own WASI functions do
      }
      boolean stdin = hot.getInt(args, Layout.VAL_OF) == STDIN;
      Pointer trap = wasmtimes.call(context, memory, args, results);
      if (trap != null || !stdin || hot.getInt(results, Layout.VAL_OF) != ESUCCESS) {
        return trap; // another descriptor, or wasmtime refused the call: its answer
      }
      int errno = readStdin(hot, context, memory.share(Layout.EXTERN_OF), args);
      hot.setByte(results, 0, Layout.I32);
      hot.setInt(results, Layout.VAL_OF, errno);
      return null;
    } catch (Throwable t) {
      WasmtimeStore<?> s = store.get();
      return s == null
          ? WasmtimeHostFunctions.gone()
          : WasmtimeHostFunctions.fail(s, "wasi_snapshot_preview1.fd_read", t);
    }
  }

  /**
   * One read of the stream into the first non-empty iovec; returns the errno, having written {@code
   * nread} on success.
   */
  private int readStdin(HotCalls hot, Pointer context, Pointer mem, Pointer args) {
    long iovs = u32(hot.getInt(args, Layout.VAL_SIZE + Layout.VAL_OF));
    long iovsLen = u32(hot.getInt(args, IOVS_LEN));
    long nreadAt = u32(hot.getInt(args, 3L * Layout.VAL_SIZE + Layout.VAL_OF));
    long size = hot.memoryDataSize(context, mem);
    if (!fits(iovs, iovsLen * 8, size) || !fits(nreadAt, 4, size)) {
      return EFAULT;
    }
    Pointer data = hot.memoryData(context, mem);
    if (hot.getInt(data, nreadAt) != 0) {
      return ESUCCESS; // fd 0 is no longer wasmtime's empty stdin (a file renumbered onto it): its
      // read stands
    }
    if (iovsLen > IOV_MAX) {
      return EINVAL; // as the layer's own WASI: and no guest-sized walk in host code, which no
      // deadline stops
    }
    long at = 0;
    long len = 0;
    for (long i = 0; i < iovsLen; i++) {
      long p = u32(hot.getInt(data, iovs + 8 * i));
      long n = u32(hot.getInt(data, iovs + 8 * i + 4));
      if (!fits(p, n, size)) {
        return EFAULT; // before the read, any buffer, as the layer's own WASI: the stream never
        // pays for it
      }
      if (len == 0) {
        at = p;
        len = n;
      }
    }
    byte[] buf = new byte[(int) Math.min(len, CHUNK)];
    int n;
    try {
      n = buf.length == 0 ? 0 : Math.max(0, in.read(buf, 0, buf.length));
    } catch (IOException | RuntimeException e) {
      return EIO; // as the layer's own WASI answers a failing stream: an errno for the guest, not a
      // trap
    }
    if (n > buf.length) {
      return EIO; // a broken stream claiming more than it was asked for: as the layer's own WASI
      // answers it
    }
    // the read blocked in host code: no wasm ran, so the memory cannot have moved, but ask again
    // rather than assume
    data = hot.memoryData(context, mem);
    hot.write(data, at, buf, 0, n);
    hot.setInt(data, nreadAt, n);
    return ESUCCESS;
  }

  private static boolean fits(long at, long len, long size) {
    return at + len <= size;
  }

  private static long u32(int v) {
    return v & 0xFFFF_FFFFL;
  }
}
