package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.wasi.Preopen;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One store's WASI preview 1 on wasmtime's own implementation ({@code wasi_config_*}, sandboxed by
 * cap-std): the config goes to the store's context, and a linker with WASI defined hands out the
 * functions for the module's imports. stdout and stderr reach Java streams through one static write
 * callback. wasmtime has no stdin callback, so with a Java stdin the module's {@code fd_read} is
 * {@link WasiStdinRead}, which reads the stream when the guest reads fd 0 and hands every other
 * descriptor to wasmtime's. {@link WasiConfig#inheritStdio()} means {@code System.in/out/err} as
 * they are when the store is made, exactly as on the other engines, never the process's native
 * descriptors.
 */
final class WasmtimeWasi implements AutoCloseable {
  /**
   * Java streams by the key wasmtime passes back to {@link #WRITE}; removed by wasmtime's
   * finalizer.
   */
  private static final Map<Long, OutputStream> STREAMS = new ConcurrentHashMap<>();

  private static final AtomicLong KEYS = new AtomicLong();
  private static final String FD_READ = "fd_read";
  private static final FuncType FD_READ_TYPE =
      FuncType.of(
          List.of(NumType.I32, NumType.I32, NumType.I32, NumType.I32), List.of(NumType.I32));

  static final Wasmtime.WriteCallback WRITE =
      (data, buf, len) -> {
        OutputStream out = STREAMS.get(Pointer.nativeValue(data));
        if (out == null || len < 0 || len > Integer.MAX_VALUE) {
          return -1;
        }
        try {
          out.write(buf.getByteArray(0, (int) len));
          out.flush();
          return len;
        } catch (Throwable t) { // never unwind into native frames: the guest sees a write error
          return -1;
        }
      };
  static final Wasmtime.Finalizer RELEASE = data -> STREAMS.remove(Pointer.nativeValue(data));

  private final Pointer linker;
  private final Pointer engine;
  private final Pointer context;

  /** The guest's stdin, read by {@link WasiStdinRead}; null leaves wasmtime's own (empty) stdin. */
  private final InputStream stdin;

  private final boolean explicitStdin;

  /**
   * The store's {@code fd_read} reading {@link #stdin}, made on first import (owner thread only).
   */
  private WasmtimeFunc stdinRead;

  /** Deletes the linker on close, or when the store was left to the garbage collector. */
  private final Cleaner.Cleanable cleanable;

  WasmtimeWasi(Pointer engine, Pointer context, WasiConfig c) {
    this.engine = engine;
    this.context = context;
    this.stdin = c.stdin().orElse(c.inheritStdio() ? System.in : null);
    this.explicitStdin = c.stdin().isPresent();
    Pointer cfg = Wasmtime.wasi_config_new();
    Pointer l = null;
    try {
      try {
        configure(cfg, c, stdin != null);
      } catch (RuntimeException e) {
        Wasmtime.wasmtime_context_set_wasi(
            context, cfg); // it takes the config: the only way to free it
        throw e;
      }
      check(Wasmtime.wasmtime_context_set_wasi(context, cfg), "WASI config");
      l = Wasmtime.wasmtime_linker_new(engine);
      check(Wasmtime.wasmtime_linker_define_wasi(l), "WASI functions");
    } catch (RuntimeException e) {
      if (l != null) {
        Wasmtime.wasmtime_linker_delete(l);
      }
      throw e;
    }
    this.linker = l;
    Pointer linkerToFree = l;
    this.cleanable =
        WasmtimeEngine.CLEANER.register(this, () -> Wasmtime.wasmtime_linker_delete(linkerToFree));
  }

  private static void configure(Pointer cfg, WasiConfig c, boolean javaStdin) {
    CStrings args = new CStrings(c.args().toArray(new String[0]));
    requireOk(Wasmtime.wasi_config_set_argv(cfg, args.count(), args.array), "arguments");
    CStrings names = new CStrings(c.env().keySet().toArray(new String[0]));
    CStrings values = new CStrings(c.env().values().toArray(new String[0]));
    requireOk(
        Wasmtime.wasi_config_set_env(cfg, names.count(), names.array, values.array), "environment");
    // wasmtime copied them; until here the arrays (and through them the strings) had to stay
    // reachable
    Reference.reachabilityFence(args);
    Reference.reachabilityFence(names);
    Reference.reachabilityFence(values);
    if (javaStdin) {
      // wasmtime's own fd 0 stays open but empty: WasiStdinRead asks it whether fd 0 is open, and
      // it never waits
      Memory empty = Natives.alloc(Layout.VEC_SIZE);
      Wasmtime.wasm_byte_vec_new(empty, 0, new byte[0]);
      Wasmtime.wasi_config_set_stdin_bytes(cfg, empty);
    }
    OutputStream stdout = c.stdout().orElse(c.inheritStdio() ? System.out : null);
    if (stdout != null) {
      Wasmtime.wasi_config_set_stdout_custom(cfg, WRITE, key(stdout), RELEASE);
    }
    OutputStream stderr = c.stderr().orElse(c.inheritStdio() ? System.err : null);
    if (stderr != null) {
      Wasmtime.wasi_config_set_stderr_custom(cfg, WRITE, key(stderr), RELEASE);
    }
    for (Preopen p : c.preopens()) {
      requireOk(
          Wasmtime.wasi_config_preopen_dir(
              cfg,
              cString(p.hostPath().toString()),
              cString(p.guestPath()),
              (byte) (p.readOnly() ? 0 : 1)),
          "preopened directory " + p.hostPath());
    }
  }

  private static Pointer key(OutputStream out) {
    long k = KEYS.incrementAndGet();
    STREAMS.put(k, out);
    return new Pointer(k);
  }

  /**
   * Writes WASI's function for {@code it} into the {@code wasmtime_extern_t} at {@code slot}; false
   * if WASI has no such function.
   */
  boolean get(WasmtimeStore<?> store, ImportType it, Pointer slot) {
    if (stdin == null || !it.name().equals(FD_READ)) {
      return wasmtimes(it.name(), slot);
    }
    if (stdinRead == null) {
      Memory own = Natives.alloc(Layout.EXTERN_SIZE);
      if (!wasmtimes(FD_READ, own)) {
        return false;
      }
      stdinRead =
          WasmtimeHostFunctions.register(
              store,
              Wasi.MODULE + "." + FD_READ,
              FD_READ_TYPE,
              new WasiStdinRead(store, stdin, new WasiFdReadForwarder(engine, own)));
    }
    WasmtimeExterns.write(stdinRead, slot);
    return true;
  }

  /** wasmtime's own function {@code name} of WASI. */
  private boolean wasmtimes(String name, Pointer slot) {
    byte[] module = Natives.utf8(Wasi.MODULE);
    byte[] n = Natives.utf8(name);
    return Wasmtime.wasmtime_linker_get(linker, context, module, module.length, n, n.length, slot)
        != 0;
  }

  /**
   * Whether the config gives the guest's stdin as a Java stream (which only preview 1's fd_read can
   * serve); {@link WasiConfig#inheritStdio()} alone does not count: a component then reads an empty
   * stdin.
   */
  boolean hasJavaStdin() {
    return explicitStdin;
  }

  @Override
  public void close() {
    cleanable.clean();
  }

  /** A {@code const char**} of NUL-terminated UTF-8 strings, holding the strings it points to. */
  private static final class CStrings {
    final Memory array;
    private final Memory[] strings;

    CStrings(String[] s) {
      array = Natives.alloc((long) Math.max(1, s.length) * Native.POINTER_SIZE);
      strings = new Memory[s.length];
      for (int i = 0; i < s.length; i++) {
        byte[] b = cString(s[i]);
        strings[i] = Natives.alloc(b.length);
        strings[i].write(0, b, 0, b.length);
        array.setPointer((long) i * Native.POINTER_SIZE, strings[i]);
      }
    }

    long count() {
      return strings.length;
    }
  }

  private static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return z;
  }

  private static void requireOk(byte ok, String what) {
    if (ok == 0) {
      throw new IllegalArgumentException("wasmtime refused the WASI " + what);
    }
  }

  private static void check(Pointer err, String what) {
    if (err != null) {
      String m = Natives.errorMessage(err);
      Wasmtime.wasmtime_error_delete(err);
      throw new WasmException("wasmtime refused the " + what + ": " + m);
    }
  }
}
