package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import dev.wasmlayer.Global;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import java.util.Objects;

/** A Chicory global. A funcref in it is a function index of the global's instance, as Chicory keeps it. */
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
    long gate = store.enterAccess();
    try {
      ValType t = type.content();
      if (t == VecType.V128) {
        return Value.v128(global.getValueLow(), global.getValueHigh());
      }
      return store.values().toValue(t, global.getValueLow(), global.getInstance());
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void set(Value value) {
    Objects.requireNonNull(value, "value");
    long gate = store.enterAccess();
    try {
      if (global.getMutabilityType() != MutabilityType.Var) {
        throw new UnsupportedOperationException("cannot set an immutable global of type " + type);
      }
      store(value);
    } finally {
      store.exitAccess(gate);
    }
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
    if (t instanceof RefType && !value.isNull() && value.refObject().orElseThrow() instanceof ChicoryFunc) {
      ChicoryFunc f = (ChicoryFunc) value.funcRef().orElseThrow();
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
    throw new IllegalArgumentException("a Chicory global unwraps to " + GlobalInstance.class.getName() + ", not "
        + cls.getName());
  }
}
