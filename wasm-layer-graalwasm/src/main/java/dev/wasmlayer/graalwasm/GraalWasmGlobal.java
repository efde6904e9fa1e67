package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.GlobalBase;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.VecType;

/**
 * A GraalWasm global, read and written through the WebAssembly object (the polyglot API sees it as
 * opaque).
 */
final class GraalWasmGlobal extends GlobalBase<GraalWasmStore<?>> {
  /**
   * Dropped when the store closes, so nothing the guest held stays reachable through this wrapper.
   */
  private org.graalvm.polyglot.Value global;

  GraalWasmGlobal(GraalWasmStore<?> store, org.graalvm.polyglot.Value global, GlobalType type) {
    super(store, type);
    this.global = global;
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
  protected Value read() {
    return store.values().fromGuest(type.content(), store.wa().globalRead(global));
  }

  @Override
  protected void write(Value value) {
    Object guest = store.values().toGuest(type.content(), value, "global value");
    if (type.content() == VecType.V128) {
      guest = store.vectors().make(value.v128Low(), value.v128High());
    }
    store.wa().globalWrite(global, guest);
  }

  void release() {
    global = null;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return store.unwrapGuest(global, type);
  }

  @Override
  public String toString() {
    return "GraalWasmGlobal{" + type + "}";
  }
}
