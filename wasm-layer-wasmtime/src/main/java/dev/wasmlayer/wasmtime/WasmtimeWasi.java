package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.wasi.Preopen;
import dev.wasmlayer.wasi.WasiConfig;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One store's WASI preview 1 on wasmtime's own implementation ({@code wasi_config_*}, sandboxed by cap-std): the config
 * goes to the store's context, and a linker with WASI defined hands out the functions for the module's imports.
 * stdout and stderr reach Java streams through one static write callback; wasmtime has no stdin callback, so a Java
 * stdin is read to its end when the store is made.
 */
final class WasmtimeWasi implements AutoCloseable {
  /** Java streams by the key wasmtime passes back to {@link #WRITE}; removed by wasmtime's finalizer. */
  private static final Map<Long, OutputStream> STREAMS = new ConcurrentHashMap<>();
  private static final AtomicLong KEYS = new AtomicLong();

  static final Wasmtime.WriteCallback WRITE = (data, buf, len) -> {
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
  private final Pointer context;
  /** Deletes the linker on close, or when the store was left to the garbage collector. */
  private final java.lang.ref.Cleaner.Cleanable cleanable;

  WasmtimeWasi(Pointer engine, Pointer context, WasiConfig c) {
    this.context = context;
    Pointer cfg = Wasmtime.wasi_config_new();
    try {
      configure(cfg, c);
    } catch (RuntimeException e) {
      Wasmtime.wasmtime_context_set_wasi(context, cfg); // it takes the config: the only way to free it
      throw e;
    }
    check(Wasmtime.wasmtime_context_set_wasi(context, cfg), "WASI config");
    Pointer l = Wasmtime.wasmtime_linker_new(engine);
    Pointer err = Wasmtime.wasmtime_linker_define_wasi(l);
    if (err != null) {
      Wasmtime.wasmtime_linker_delete(l);
      check(err, "WASI functions");
    }
    this.linker = l;
    this.cleanable = WasmtimeEngine.CLEANER.register(this, () -> Wasmtime.wasmtime_linker_delete(l));
  }

  private static void configure(Pointer cfg, WasiConfig c) {
    CStrings args = new CStrings(c.args().toArray(new String[0]));
    requireOk(Wasmtime.wasi_config_set_argv(cfg, args.count(), args.array), "arguments");
    CStrings names = new CStrings(c.env().keySet().toArray(new String[0]));
    CStrings values = new CStrings(c.env().values().toArray(new String[0]));
    requireOk(Wasmtime.wasi_config_set_env(cfg, names.count(), names.array, values.array), "environment");
    // wasmtime copied them; until here the arrays (and through them the strings) had to stay reachable
    java.lang.ref.Reference.reachabilityFence(args);
    java.lang.ref.Reference.reachabilityFence(names);
    java.lang.ref.Reference.reachabilityFence(values);
    if (c.stdin().isPresent()) {
      byte[] in = readAll(c.stdin().get());
      Memory vec = Natives.alloc(16);
      Wasmtime.wasm_byte_vec_new(vec, in.length, in);
      Wasmtime.wasi_config_set_stdin_bytes(cfg, vec);
    } else if (c.inheritStdio()) {
      Wasmtime.wasi_config_inherit_stdin(cfg);
    }
    if (c.stdout().isPresent()) {
      Wasmtime.wasi_config_set_stdout_custom(cfg, WRITE, key(c.stdout().get()), RELEASE);
    } else if (c.inheritStdio()) {
      Wasmtime.wasi_config_inherit_stdout(cfg);
    }
    if (c.stderr().isPresent()) {
      Wasmtime.wasi_config_set_stderr_custom(cfg, WRITE, key(c.stderr().get()), RELEASE);
    } else if (c.inheritStdio()) {
      Wasmtime.wasi_config_inherit_stderr(cfg);
    }
    for (Preopen p : c.preopens()) {
      requireOk(Wasmtime.wasi_config_preopen_dir(cfg, cString(p.hostPath().toString()), cString(p.guestPath()),
          (byte) (p.readOnly() ? 0 : 1)), "preopened directory " + p.hostPath());
    }
  }

  private static Pointer key(OutputStream out) {
    long k = KEYS.incrementAndGet();
    STREAMS.put(k, out);
    return new Pointer(k);
  }

  /**
   * Writes WASI's function for {@code it} into the {@code wasmtime_extern_t} at {@code slot}; false if WASI has no
   * such function.
   */
  boolean get(ImportType it, Pointer slot) {
    byte[] module = Natives.utf8(it.module());
    byte[] name = Natives.utf8(it.name());
    return Wasmtime.wasmtime_linker_get(linker, context, module, module.length, name, name.length, slot) != 0;
  }

  @Override
  public void close() {
    cleanable.clean();
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the WASI stdin stream", e);
    }
  }

  /** A {@code const char**} of NUL-terminated UTF-8 strings, holding the strings it points to. */
  private static final class CStrings {
    final Memory array;
    private final Memory[] strings;

    CStrings(String[] s) {
      array = Natives.alloc((long) Math.max(1, s.length) * com.sun.jna.Native.POINTER_SIZE);
      strings = new Memory[s.length];
      for (int i = 0; i < s.length; i++) {
        byte[] b = cString(s[i]);
        strings[i] = Natives.alloc(b.length);
        strings[i].write(0, b, 0, b.length);
        array.setPointer((long) i * com.sun.jna.Native.POINTER_SIZE, strings[i]);
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
