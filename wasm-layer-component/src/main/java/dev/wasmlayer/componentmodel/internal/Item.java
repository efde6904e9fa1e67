package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitType;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a component-level index names, as far as parsing knows: its static type. */
sealed interface Item {
  /**
   * A function.
   *
   * @param type its type
   */
  record Func(WitFuncType type) implements Item {}

  /**
   * An instance.
   *
   * @param exports its exports by name, in order
   */
  record Instance(Map<String, Item> exports) implements Item {}

  /**
   * A type.
   *
   * @param def the type
   */
  record Type(TypeDef def) implements Item {}

  /**
   * A component.
   *
   * @param type its imports and exports
   */
  record Component(TypeDef.Component type) implements Item {}

  /** A core module. */
  record Module() implements Item {}

  /**
   * A value.
   *
   * @param type its type
   */
  record Value(WitType type) implements Item {}

  /** {@return this item as the API describes it} */
  default ComponentItem toApi() {
    if (this instanceof Func f) {
      return new ComponentItem.Function(f.type());
    } else if (this instanceof Instance i) {
      Map<String, ComponentItem> items = new LinkedHashMap<>();
      i.exports().forEach((k, v) -> items.put(k, v.toApi()));
      return new ComponentItem.Interface(items);
    } else if (this instanceof Type t && t.def() instanceof TypeDef.Resource r) {
      return new ComponentItem.Resource(r.type());
    } else if (this instanceof Type) {
      return new ComponentItem.Other("type");
    } else if (this instanceof Component) {
      return new ComponentItem.Other("component");
    } else if (this instanceof Module) {
      return new ComponentItem.Other("core module");
    }
    return new ComponentItem.Other("value");
  }
}
