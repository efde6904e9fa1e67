package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.GlobalBase;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;

/**
 * A Chicory global. A funcref in it is a function index of the global's instance, as Chicory keeps
 * it.
 */
final class ChicoryGlobal extends GlobalBase<ChicoryStore<?>> {
  private final GlobalInstance global;

  ChicoryGlobal(ChicoryStore<?> store, GlobalInstance global) {
    super(store, ChicoryTypes.fromChicory(global.getType(), global.getMutabilityType()));
    this.global = global;
  }

  GlobalInstance chicoryGlobal() {
    return global;
  }

  @Override
  protected Value read() {
    ValType t = type.content();
    if (t == VecType.V128) {
      return Value.v128(global.getValueLow(), global.getValueHigh());
    }
    return store.values().toValue(t, global.getValueLow(), global.getInstance());
  }

  @Override
  protected void write(Value value) {
    store(value);
  }

  /** Writes without the mutability check: for a host-created global's initial value. */
  void store(Value value) {
    ValType t = type.content();
    store.values().check(value, t, "global value");
    if (t == VecType.V128) {
      global.setValueLow(value.v128Low());
      global.setValueHigh(value.v128High());
      return;
    }
    if (t instanceof RefType
        && !value.isNull()
        && value.refObject().orElseThrow() instanceof ChicoryFunc f) {
      if (global.getInstance() == null) {
        global.setInstance(f.chicoryInstance());
      }
      global.setValueLow(ChicoryValues.funcIndex(f, global.getInstance()));
      return;
    }
    global.setValueLow(store.values().toRaw(value, t, global.getInstance()));
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    if (cls.isInstance(global)) {
      return cls.cast(global);
    }
    throw new IllegalArgumentException(
        "a Chicory global unwraps to " + GlobalInstance.class.getName() + ", not " + cls.getName());
  }
}
