package dev.wasmlayer.wasmtime;

import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitType;
import java.util.List;
import java.util.Optional;

/**
 * Whether a host function's declared WIT type is the one a component imports: the same structure,
 * names and cases, with resources matched by kind ({@code own}/{@code borrow}) only, since the host
 * names its own resource types.
 */
final class WitShapes {
  private WitShapes() {}

  static boolean same(WitFuncType a, WitFuncType b) {
    if (a.params().size() != b.params().size() || !same(a.result(), b.result())) {
      return false;
    }
    for (int i = 0; i < a.params().size(); i++) {
      if (!same(a.params().get(i).type(), b.params().get(i).type())) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(Optional<WitType> a, Optional<WitType> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || same(a.get(), b.get()));
  }

  private static boolean sameAll(List<WitType> a, List<WitType> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean same(WitType a, WitType b) {
    if (a instanceof OwnType || a instanceof BorrowType) {
      return a.getClass() == b.getClass();
    } else if (a instanceof ListType l) {
      return b instanceof ListType m && same(l.element(), m.element());
    } else if (a instanceof OptionType o) {
      return b instanceof OptionType p && same(o.some(), p.some());
    } else if (a instanceof ResultType r) {
      return b instanceof ResultType s && same(r.ok(), s.ok()) && same(r.err(), s.err());
    } else if (a instanceof TupleType t) {
      return b instanceof TupleType u && sameAll(t.types(), u.types());
    } else if (a instanceof RecordType r) {
      if (!(b instanceof RecordType s) || r.fields().size() != s.fields().size()) {
        return false;
      }
      for (int i = 0; i < r.fields().size(); i++) {
        RecordType.Field f = r.fields().get(i);
        RecordType.Field g = s.fields().get(i);
        if (!f.name().equals(g.name()) || !same(f.type(), g.type())) {
          return false;
        }
      }
      return true;
    } else if (a instanceof VariantType v) {
      if (!(b instanceof VariantType w) || v.cases().size() != w.cases().size()) {
        return false;
      }
      for (int i = 0; i < v.cases().size(); i++) {
        VariantType.Case c = v.cases().get(i);
        VariantType.Case d = w.cases().get(i);
        if (!c.name().equals(d.name()) || !same(c.payload(), d.payload())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b); // primitives, enums, flags
  }
}
