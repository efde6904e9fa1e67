package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Global;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.VecType;
import java.util.Objects;

/** A GraalWasm global, read and written through the WebAssembly object (the polyglot API sees it as opaque). */
final class GraalWasmGlobal implements Global {
  private final GraalWasmStore<?> store;
  /** Dropped when the store closes, so nothing the guest held stays reachable through this wrapper. */
  private org.graalvm.polyglot.Value global;
  private final GlobalType type;

  GraalWasmGlobal(GraalWasmStore<?> store, org.graalvm.polyglot.Value global, GlobalType type) {
    this.store = store;
    this.global = global;
    this.type = type;
  }

  GraalWasmStore<?> store() {
    return store;
  }

  org.graalvm.polyglot.Value guest() {
    store.checkOpen();
    return global;
  }

  @Override
  public GlobalType type() {
    store.checkOpen();
    return type;
  }

  @Override
  public Value get() {
    long gate = store.enterAccess();
    try {
      return store.values().fromGuest(type.content(), store.wa().globalRead(global));
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
        throw new UnsupportedOperationException("global " + type + " is immutable");
      }
      Object guest = store.values().toGuest(type.content(), value, "global value");
      if (type.content() == VecType.V128) {
        guest = store.vectors().make(value.v128Low(), value.v128High());
      }
      store.wa().globalWrite(global, guest);
    } finally {
      store.exitAccess(gate);
    }
  }

  void release() {
    global = null;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(global)) {
      return type.cast(global);
    }
    throw new IllegalArgumentException("a GraalWasm extern unwraps to " + org.graalvm.polyglot.Value.class.getName()
        + ", not " + type.getName());
  }

  @Override
  public String toString() {
    return "GraalWasmGlobal{" + type + "}";
  }
}
