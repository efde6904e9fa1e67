package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import dev.wasmlayer.Global;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ValType;
import java.util.Objects;

/** A Chicory global. */
final class ChicoryGlobal implements Global {
  private final ChicoryStore<?> store;
  private final GlobalInstance global;
  private final GlobalType type;

  ChicoryGlobal(ChicoryStore<?> store, GlobalInstance global) {
    this.store = store;
    this.global = global;
    this.type = ChicoryTypes.fromChicory(global.getType(), global.getMutabilityType());
  }

  ChicoryStore<?> store() {
    return store;
  }

  GlobalInstance chicoryGlobal() {
    return global;
  }

  @Override
  public GlobalType type() {
    return type;
  }

  @Override
  public Value get() {
    store.checkOpen();
    ValType t = type.content();
    ChicoryTypes.requireSlotType(t);
    return Value.fromSlots(t, new long[] {global.getValueLow(), global.getValueHigh()}, 0);
  }

  @Override
  public void set(Value value) {
    Objects.requireNonNull(value, "value");
    store.checkOpen();
    if (global.getMutabilityType() != MutabilityType.Var) {
      throw new UnsupportedOperationException("cannot set an immutable global of type " + type);
    }
    if (!value.type().equals(type.content())) {
      throw new IllegalArgumentException("global holds " + type.content() + ", got " + value.type());
    }
    ChicoryTypes.requireSlotType(value.type());
    global.setValueLow(value.bits());
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    if (cls.isInstance(global)) {
      return cls.cast(global);
    }
    throw new IllegalArgumentException("a Chicory global unwraps to " + GlobalInstance.class.getName() + ", not "
        + cls.getName());
  }
}
