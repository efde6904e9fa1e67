package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import dev.wasmlayer.Tag;
import dev.wasmlayer.spi.support.StoreObject;
import dev.wasmlayer.types.TagType;

/**
 * A {@code wasmtime_tag_t}. The store keeps one wrapper per tag definition ({@link
 * WasmtimeStore#tag}), so the same tag reached through an export, an import or an exception is the
 * same object and identity is equality.
 */
final class WasmtimeTag implements Tag, StoreObject {
  private final WasmtimeStore<?> store;
  private final Memory struct;
  private final TagType type;

  WasmtimeTag(WasmtimeStore<?> store, Memory struct, TagType type) {
    this.store = store;
    this.struct = struct;
    this.type = type;
  }

  @Override
  public WasmtimeStore<?> store() {
    return store;
  }

  Memory struct() {
    return struct;
  }

  @Override
  public TagType type() {
    return type;
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    return WasmtimeExterns.unwrap(struct, cls, "tag", "wasmtime_tag_t*");
  }

  @Override
  public String toString() {
    return "WasmtimeTag{" + type + "}";
  }
}
