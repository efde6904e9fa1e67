package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.HashMap;
import java.util.Map;

/**
 * wasmtime's own {@code fd_read}, callable from host code. wasmtime's WASI functions find the
 * guest's memory through the calling <em>instance</em>'s {@code memory} export, and a call from the
 * host has none ("missing required memory export"); so calls go through a tiny wasm instance that
 * imports the guest's memory and wasmtime's {@code fd_read}, re-exports the memory and forwards the
 * call. One such instance per guest memory, made on first use, lives as long as the store. Used on
 * the store's thread only (inside its calls).
 */
final class WasiFdReadForwarder {
  /**
   * {@code (module (import "" "memory" (memory 0)) (import "" "fd_read" (func (param i32 i32 i32
   * i32) (result i32))) (export "memory" (memory 0)) (func (export "fd_read") (param i32 i32 i32
   * i32) (result i32) local.get 0 local.get 1 local.get 2 local.get 3 call 0))}, assembled by hand.
   */
  private static final byte[] FORWARDER = {
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    // types: (i32 i32 i32 i32) -> i32
    0x01,
    0x09,
    0x01,
    0x60,
    0x04,
    0x7f,
    0x7f,
    0x7f,
    0x7f,
    0x01,
    0x7f,
    // imports: "" "memory" (memory 0), "" "fd_read" (func type 0)
    0x02,
    0x17,
    0x02,
    0x00,
    0x06,
    'm',
    'e',
    'm',
    'o',
    'r',
    'y',
    0x02,
    0x00,
    0x00,
    0x00,
    0x07,
    'f',
    'd',
    '_',
    'r',
    'e',
    'a',
    'd',
    0x00,
    0x00,
    // functions: one of type 0
    0x03,
    0x02,
    0x01,
    0x00,
    // exports: "memory" memory 0, "fd_read" func 1
    0x07,
    0x14,
    0x02,
    0x06,
    'm',
    'e',
    'm',
    'o',
    'r',
    'y',
    0x02,
    0x00,
    0x07,
    'f',
    'd',
    '_',
    'r',
    'e',
    'a',
    'd',
    0x00,
    0x01,
    // code: local.get 0..3, call 0, end
    0x0a,
    0x0e,
    0x01,
    0x0c,
    0x00,
    0x20,
    0x00,
    0x20,
    0x01,
    0x20,
    0x02,
    0x20,
    0x03,
    0x10,
    0x00,
    0x0b
  };

  private static final byte[] FD_READ = Natives.utf8("fd_read");

  private final Pointer engine;

  /** The {@code wasmtime_extern_t} of wasmtime's own {@code fd_read}. */
  private final Memory wasiFdRead;

  /** The forwarding function's {@code wasmtime_extern_t} by the guest memory it reaches. */
  private final Map<MemoryKey, Memory> forwarders = new HashMap<>();

  WasiFdReadForwarder(Pointer engine, Memory wasiFdRead) {
    this.engine = engine;
    this.wasiFdRead = wasiFdRead;
  }

  /**
   * Calls wasmtime's {@code fd_read} with {@code args} (four {@code wasmtime_val_t}) on {@code
   * memory} (the guest's memory as a {@code wasmtime_extern_t}); its errno lands in {@code
   * results}. Returns a trap for wasm, or null.
   */
  Pointer call(Pointer context, Pointer memory, Pointer args, Pointer results) {
    Memory fn = forwarders.get(MemoryKey.of(memory));
    if (fn == null) {
      Pointer error = instantiate(context, memory);
      if (error != null) {
        return error;
      }
      fn = forwarders.get(MemoryKey.of(memory));
    }
    long[] trap = new long[1];
    Pointer err =
        HotCalls.get().funcCall(context, fn.share(Layout.EXTERN_OF), args, 4, results, 1, trap);
    if (err != null) {
      return trap(Natives.consumeError(err));
    }
    return Natives.pointer(
        trap); // ours to give: wasmtime takes ownership of a trap a host function returns
  }

  /**
   * Makes the forwarder for {@code memory}; a trap if that fails (a memory it cannot import:
   * 64-bit, shared).
   */
  private Pointer instantiate(Pointer context, Pointer memory) {
    long[] out = new long[1];
    Pointer err = Wasmtime.wasmtime_module_new(engine, FORWARDER, FORWARDER.length, out);
    if (err != null) {
      return trap("the WASI stdin forwarder does not compile: " + Natives.consumeError(err));
    }
    Pointer module = Natives.pointer(out);
    try {
      Memory imports = Natives.alloc(2L * Layout.EXTERN_SIZE);
      imports.write(0, memory.getByteArray(0, Layout.EXTERN_SIZE), 0, Layout.EXTERN_SIZE);
      imports.write(
          Layout.EXTERN_SIZE,
          wasiFdRead.getByteArray(0, Layout.EXTERN_SIZE),
          0,
          Layout.EXTERN_SIZE);
      Memory instance = Natives.alloc(Layout.INSTANCE_SIZE);
      long[] trap = new long[1];
      err = Wasmtime.wasmtime_instance_new(context, module, imports, 2, instance, trap);
      if (err != null) {
        return trap("fd_read on this memory: " + Natives.consumeError(err));
      }
      if (trap[0] != 0) {
        return Natives.pointer(trap);
      }
      Memory fn = Natives.alloc(Layout.EXTERN_SIZE);
      if (Wasmtime.wasmtime_instance_export_get(context, instance, FD_READ, FD_READ.length, fn)
          == 0) {
        return trap("the WASI stdin forwarder exports no fd_read");
      }
      forwarders.put(MemoryKey.of(memory), fn);
      return null;
    } finally {
      Wasmtime.wasmtime_module_delete(module); // the instance keeps what it needs
    }
  }

  private static Pointer trap(String message) {
    byte[] m = Natives.utf8(message);
    return Wasmtime.wasmtime_trap_new(m, m.length);
  }

  /**
   * A {@code wasmtime_memory_t}'s identity (store id and index) from the {@code wasmtime_extern_t}
   * holding it.
   */
  private record MemoryKey(long a, long b, long c) {
    static MemoryKey of(Pointer extern) {
      Pointer m = extern.share(Layout.EXTERN_OF);
      return new MemoryKey(m.getLong(0), m.getLong(8), m.getLong(16));
    }
  }
}
