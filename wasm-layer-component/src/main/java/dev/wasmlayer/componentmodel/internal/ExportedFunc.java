package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.spi.support.StoreBase;
import java.util.Objects;

/**
 * A component function as the host calls it: checks the arguments before any guest code runs and
 * reports a canonical ABI trap raised inside a lowered import as itself.
 */
final class ExportedFunc implements ComponentFunc {
  private final String name;
  private final CFunc func;
  private final InstanceState instance;

  ExportedFunc(String name, CFunc func, InstanceState instance) {
    this.name = name;
    this.func = func;
    this.instance = instance;
  }

  @Override
  public WitFuncType type() {
    return func.type();
  }

  @Override
  public Object call(Object... args) {
    Objects.requireNonNull(args, "args");
    WitFuncType type = func.type();
    if (args.length != type.params().size()) {
      throw new IllegalArgumentException(
          name + " takes " + type.params().size() + " arguments, got " + args.length);
    }
    InstanceState target = func instanceof LiftedFunc l ? l.instance() : instance;
    for (int i = 0; i < args.length; i++) {
      WitFuncType.Param p = type.params().get(i);
      JavaValues.check(args[i], p.type(), target, "parameter " + p.name());
    }
    if (target.store.isClosed()) {
      throw new IllegalStateException("Store is closed");
    }
    // One call at the store's gate, like a core call: the store is this thread's and its deadline
    // runs for the whole component call, through realloc, the function and post-return.
    StoreBase<?, ?> gate = target.store instanceof StoreBase<?, ?> b ? b : null;
    long token = gate == null ? 0 : gate.enterCall();
    try {
      return func.invoke(args.clone());
    } catch (RuntimeException e) {
      throw CanonTrap.unwrap(e);
    } finally {
      if (gate != null) {
        gate.exitCall(token);
      }
    }
  }

  @Override
  public String toString() {
    return name + ": " + type();
  }
}
