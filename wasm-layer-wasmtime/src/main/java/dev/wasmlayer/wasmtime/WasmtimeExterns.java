package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Extern;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/** Turns a {@code wasmtime_extern_t} into a wrapper and back. */
final class WasmtimeExterns {
  private WasmtimeExterns() {}

  /** The wrapper for the extern at {@code ext}, or null for kinds the API has no type for (tags, shared memories). */
  static Extern wrap(WasmtimeStore<?> store, Pointer ext) {
    Pointer of = ext.share(Layout.EXTERN_OF);
    switch (ext.getByte(0)) {
      case Layout.EXTERN_FUNC:
        return store.func(of);
      case Layout.EXTERN_MEMORY:
        return new WasmtimeMemory(store, copy(of, Layout.MEMORY_SIZE));
      case Layout.EXTERN_TABLE:
        return new WasmtimeTable(store, copy(of, Layout.MEMORY_SIZE));
      case Layout.EXTERN_GLOBAL: {
        Memory struct = copy(of, Layout.GLOBAL_SIZE);
        Pointer gt = Wasmtime.wasmtime_global_type(store.context(), struct);
        try {
          return new WasmtimeGlobal(store, struct, WasmtimeTypes.globalType(gt));
        } finally {
          Wasmtime.wasm_globaltype_delete(gt);
        }
      }
      default:
        return null;
    }
  }

  private static Memory copy(Pointer from, int size) {
    Memory m = Natives.alloc(size);
    m.write(0, from.getByteArray(0, size), 0, size);
    return m;
  }

  /** Writes {@code x} (of this store) as a {@code wasmtime_extern_t} at {@code at}. */
  static void write(Extern x, Pointer at) {
    Memory struct;
    byte kind;
    if (x instanceof WasmtimeFunc) {
      kind = Layout.EXTERN_FUNC;
      struct = ((WasmtimeFunc) x).struct();
    } else if (x instanceof WasmtimeMemory) {
      kind = Layout.EXTERN_MEMORY;
      struct = ((WasmtimeMemory) x).struct();
    } else if (x instanceof WasmtimeGlobal) {
      kind = Layout.EXTERN_GLOBAL;
      struct = ((WasmtimeGlobal) x).struct();
    } else {
      kind = Layout.EXTERN_TABLE;
      struct = ((WasmtimeTable) x).struct();
    }
    at.setByte(0, kind);
    at.write(Layout.EXTERN_OF, struct.getByteArray(0, (int) struct.size()), 0, (int) struct.size());
  }

  static WasmtimeStore<?> owner(Extern x) {
    if (x instanceof WasmtimeFunc) {
      return ((WasmtimeFunc) x).store();
    } else if (x instanceof WasmtimeMemory) {
      return ((WasmtimeMemory) x).store();
    } else if (x instanceof WasmtimeGlobal) {
      return ((WasmtimeGlobal) x).store();
    } else if (x instanceof WasmtimeTable) {
      return ((WasmtimeTable) x).store();
    }
    return null;
  }
}
