package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Extern;
import dev.wasmlayer.spi.support.StoreObject;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/** Turns a {@code wasmtime_extern_t} into a wrapper and back. */
final class WasmtimeExterns {
  private WasmtimeExterns() {}

  /**
   * The wrapper for the extern at {@code ext}, or null for kinds the API has no type for (shared
   * memories).
   */
  static Extern wrap(WasmtimeStore<?> store, Pointer ext) {
    Pointer of = ext.share(Layout.EXTERN_OF);
    return switch (ext.getByte(0)) {
      case Layout.EXTERN_FUNC -> store.func(of);
      case Layout.EXTERN_MEMORY -> new WasmtimeMemory(store, copy(of, Layout.MEMORY_SIZE));
      case Layout.EXTERN_TABLE -> new WasmtimeTable(store, copy(of, Layout.MEMORY_SIZE));
      case Layout.EXTERN_GLOBAL -> global(store, copy(of, Layout.GLOBAL_SIZE));
      case Layout.EXTERN_TAG -> store.tag(of);
      default -> null;
    };
  }

  private static WasmtimeGlobal global(WasmtimeStore<?> store, Memory struct) {
    Pointer gt = Wasmtime.wasmtime_global_type(store.context(), struct);
    try {
      return new WasmtimeGlobal(store, struct, WasmtimeTypes.globalType(gt));
    } finally {
      Wasmtime.wasm_globaltype_delete(gt);
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
    if (x instanceof WasmtimeFunc f) {
      kind = Layout.EXTERN_FUNC;
      struct = f.struct();
    } else if (x instanceof WasmtimeMemory m) {
      kind = Layout.EXTERN_MEMORY;
      struct = m.struct();
    } else if (x instanceof WasmtimeGlobal g) {
      kind = Layout.EXTERN_GLOBAL;
      struct = g.struct();
    } else if (x instanceof WasmtimeTag t) {
      kind = Layout.EXTERN_TAG;
      struct = t.struct();
    } else {
      kind = Layout.EXTERN_TABLE;
      struct = ((WasmtimeTable) x).struct();
    }
    at.setByte(0, kind);
    at.write(Layout.EXTERN_OF, struct.getByteArray(0, (int) struct.size()), 0, (int) struct.size());
  }

  /** The wasmtime store {@code x} belongs to, or null for another engine's extern. */
  static WasmtimeStore<?> owner(Extern x) {
    return x instanceof StoreObject o && o.store() instanceof WasmtimeStore<?> s ? s : null;
  }

  /**
   * {@return {@code handle} as {@code cls}, which must be {@link Pointer}: what every native object
   * of this backend unwraps to}
   *
   * @param noun the object, for the message ({@code global})
   * @param cType its C type ({@code wasmtime_global_t*})
   */
  static <T> T unwrap(Pointer handle, Class<T> cls, String noun, String cType) {
    if (cls == Pointer.class) {
      return cls.cast(handle);
    }
    throw new IllegalArgumentException(
        "a wasmtime " + noun + " unwraps to " + Pointer.class.getName() + " (" + cType + ")");
  }
}
