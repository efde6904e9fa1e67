package dev.wasmlayer.component;

import java.util.Map;

/** What a component imports or exports under one name, as its WIT type says. */
public sealed interface ComponentItem {
  /**
   * A function.
   *
   * @param type its WIT type
   */
  record Function(WitFuncType type) implements ComponentItem {}

  /**
   * An instance of an interface, such as {@code wasi:cli/stdout@0.2.3}.
   *
   * @param items its functions, resources and other items by name, in order
   */
  record Interface(Map<String, ComponentItem> items) implements ComponentItem {
    /** Keeps the order. */
    public Interface {
      items = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(items));
    }
  }

  /**
   * A resource type.
   *
   * @param type the type
   */
  record Resource(ResourceType type) implements ComponentItem {}

  /**
   * Something the host boundary does not cross, such as a core module or a type.
   *
   * @param kind what it is
   */
  record Other(String kind) implements ComponentItem {}
}
