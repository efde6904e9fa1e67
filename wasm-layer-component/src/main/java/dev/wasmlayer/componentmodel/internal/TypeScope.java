package dev.wasmlayer.componentmodel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A type index space: a component's, or the local one of an instance or component type declaration,
 * with the enclosing one for outer aliases.
 */
final class TypeScope {
  final TypeScope parent;
  final List<TypeDef> types = new ArrayList<>();
  final List<Map<String, Item>> instances = new ArrayList<>();
  final TypeLimits limits;

  TypeScope(TypeScope parent) {
    this.parent = parent;
    this.limits = parent == null ? new TypeLimits() : parent.limits;
  }

  TypeDef type(long index) {
    if (index < 0 || index >= types.size()) {
      throw Reader.invalid("type index " + index + " out of bounds (" + types.size() + " types)");
    }
    return types.get((int) index);
  }

  TypeScope outer(int count) {
    TypeScope s = this;
    for (int i = 0; i < count; i++) {
      s = s.parent;
      if (s == null) {
        throw Reader.invalid("outer alias count " + count + " too large");
      }
    }
    return s;
  }
}
