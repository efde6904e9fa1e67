package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Global;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.Objects;

/** A {@code wasmtime_global_t}. */
final class WasmtimeGlobal implements Global {
  private final WasmtimeStore<?> store;
  private final Memory struct;
  private final GlobalType type;

  WasmtimeGlobal(WasmtimeStore<?> store, Memory struct, GlobalType type) {
    this.store = store;
    this.struct = struct;
    this.type = type;
  }

  WasmtimeStore<?> store() {
    return store;
  }

  Memory struct() {
    return struct;
  }

  @Override
  public GlobalType type() {
    return type;
  }

  @Override
  public Value get() {
    long gate = store.enterAccess();
    try {
      Memory val = Natives.alloc(Layout.VAL_SIZE);
      Wasmtime.wasmtime_global_get(store.context(), struct, val);
      return store.values().read(val, type.content());
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void set(Value value) {
    Objects.requireNonNull(value, "value");
    long gate = store.enterAccess();
    try {
      if (!type.mutable()) {
        throw new UnsupportedOperationException("cannot set an immutable global of type " + type);
      }
      store.values().check(value, type.content(), "global value");
      Memory val = Natives.alloc(Layout.VAL_SIZE);
      boolean rooted = store.values().write(value, type.content(), val);
      Pointer err;
      try {
        err = Wasmtime.wasmtime_global_set(store.context(), struct, val);
      } finally {
        if (rooted) {
          WasmtimeValues.release(val);
        }
      }
      if (err != null) {
        throw new IllegalArgumentException("wasmtime refused the value: " + Natives.consumeError(err));
      }
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    if (cls == Pointer.class) {
      return cls.cast(struct);
    }
    throw new IllegalArgumentException("a wasmtime global unwraps to " + Pointer.class.getName()
        + " (wasmtime_global_t*)");
  }
}
