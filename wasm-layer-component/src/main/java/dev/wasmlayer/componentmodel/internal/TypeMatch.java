package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitType;
import java.util.Optional;

/**
 * Whether a host function's WIT type is the one a component imports: structural, with the
 * component's imported resource types replaced by the host's, parameter names aside.
 */
final class TypeMatch {
  private TypeMatch() {}

  static boolean funcs(WitFuncType imported, WitFuncType given, InstanceState inst) {
    if (imported.params().size() != given.params().size()) {
      return false;
    }
    for (int i = 0; i < imported.params().size(); i++) {
      if (!types(imported.params().get(i).type(), given.params().get(i).type(), inst)) {
        return false;
      }
    }
    return optional(imported.result(), given.result(), inst);
  }

  private static boolean optional(Optional<WitType> a, Optional<WitType> b, InstanceState inst) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || types(a.get(), b.get(), inst));
  }

  static boolean types(WitType a, WitType b, InstanceState inst) {
    if (a instanceof WitPrimitive) {
      return a == b;
    } else if (a instanceof ListType l) {
      return b instanceof ListType m && types(l.element(), m.element(), inst);
    } else if (a instanceof RecordType r) {
      if (!(b instanceof RecordType s) || r.fields().size() != s.fields().size()) {
        return false;
      }
      for (int i = 0; i < r.fields().size(); i++) {
        RecordType.Field f = r.fields().get(i);
        RecordType.Field g = s.fields().get(i);
        if (!f.name().equals(g.name()) || !types(f.type(), g.type(), inst)) {
          return false;
        }
      }
      return true;
    } else if (a instanceof TupleType t) {
      if (!(b instanceof TupleType u) || t.types().size() != u.types().size()) {
        return false;
      }
      for (int i = 0; i < t.types().size(); i++) {
        if (!types(t.types().get(i), u.types().get(i), inst)) {
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
        if (!c.name().equals(d.name()) || !optional(c.payload(), d.payload(), inst)) {
          return false;
        }
      }
      return true;
    } else if (a instanceof EnumType || a instanceof FlagsType) {
      return a.equals(b);
    } else if (a instanceof OptionType o) {
      return b instanceof OptionType p && types(o.some(), p.some(), inst);
    } else if (a instanceof ResultType r) {
      return b instanceof ResultType s
          && optional(r.ok(), s.ok(), inst)
          && optional(r.err(), s.err(), inst);
    } else if (a instanceof OwnType o) {
      return b instanceof OwnType p && inst.resolve(o.resource()) == inst.resolve(p.resource());
    } else if (a instanceof BorrowType o) {
      return b instanceof BorrowType p && inst.resolve(o.resource()) == inst.resolve(p.resource());
    }
    return false;
  }
}
