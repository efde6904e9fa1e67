package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.GlobalBase;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/** A {@code wasmtime_global_t}. */
final class WasmtimeGlobal extends GlobalBase<WasmtimeStore<?>> {
  private final Memory struct;

  WasmtimeGlobal(WasmtimeStore<?> store, Memory struct, GlobalType type) {
    super(store, type);
    this.struct = struct;
  }

  Memory struct() {
    return struct;
  }

  @Override
  protected Value read() {
    Memory val = Natives.alloc(Layout.VAL_SIZE);
    Wasmtime.wasmtime_global_get(store.context(), struct, val);
    return store.values().read(val, type.content());
  }

  @Override
  protected void write(Value value) {
    store.values().check(value, type.content(), "global value");
    Pointer err =
        store
            .values()
            .withNative(
                value,
                type.content(),
                val -> Wasmtime.wasmtime_global_set(store.context(), struct, val));
    if (err != null) {
      throw new IllegalArgumentException(
          "wasmtime refused the value: " + Natives.consumeError(err));
    }
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    return WasmtimeExterns.unwrap(struct, cls, "global", "wasmtime_global_t*");
  }
}
