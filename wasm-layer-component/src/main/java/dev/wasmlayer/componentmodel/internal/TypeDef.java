package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitType;
import java.util.Map;

/** An entry of a component's type index space, resolved while parsing. */
sealed interface TypeDef {
  /**
   * A value type.
   *
   * @param type the WIT type
   */
  record Val(WitType type) implements TypeDef {}

  /**
   * A function type.
   *
   * @param type the WIT type
   */
  record Func(WitFuncType type) implements TypeDef {}

  /**
   * An instance type.
   *
   * @param exports what its instances export
   */
  record Instance(Map<String, Item> exports) implements TypeDef {}

  /**
   * A component type.
   *
   * @param imports what it imports
   * @param exports what it exports
   */
  record Component(Map<String, Item> imports, Map<String, Item> exports) implements TypeDef {}

  /**
   * A resource type.
   *
   * @param type the nominal type
   * @param dtor the core function index of its destructor, or -1 (always -1 for one imported)
   * @param defined whether this component defines it (rather than importing it)
   */
  record Resource(ResourceType type, int dtor, boolean defined) implements TypeDef {}

  /** A core type, which the host boundary never sees. */
  record Core() implements TypeDef {}
}
