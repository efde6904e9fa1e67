package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds on value types, checked as each is defined: types refer to earlier ones by index, so a few
 * bytes can describe a type of exponential size or great depth, which the canonical ABI's recursive
 * lifting and lowering would then walk. Past a bound the component is invalid.
 */
final class TypeLimits {
  static final int MAX_DEPTH = 100;
  static final long MAX_SIZE = 1_000_000;

  /** Size and depth of each type seen, by identity. */
  private final Map<WitType, long[]> seen = new IdentityHashMap<>();

  void check(WitType t) {
    long[] sd = measure(t);
    if (sd[1] > MAX_DEPTH) {
      throw Reader.invalid(
          "type nesting too deep (" + sd[1] + " levels, at most " + MAX_DEPTH + ")");
    }
    if (sd[0] > MAX_SIZE) {
      throw Reader.invalid("type too large (" + sd[0] + " parts, at most " + MAX_SIZE + ")");
    }
  }

  private long[] measure(WitType t) {
    long[] known = seen.get(t);
    if (known != null) {
      return known;
    }
    long size = 1;
    long depth = 0;
    for (WitType c : children(t)) {
      long[] sd = measure(c);
      size = Math.min(size + sd[0], MAX_SIZE + 1);
      depth = Math.max(depth, sd[1]);
    }
    long[] out = {size, depth + 1};
    seen.put(t, out);
    return out;
  }

  private static List<WitType> children(WitType t) {
    List<WitType> out = new ArrayList<>();
    if (t instanceof ListType l) {
      out.add(l.element());
    } else if (t instanceof RecordType || t instanceof TupleType) {
      out.addAll(Abi.fields(t));
    } else if (t instanceof VariantType v) {
      v.cases().forEach(c -> c.payload().ifPresent(out::add));
    } else if (t instanceof OptionType o) {
      out.add(o.some());
    } else if (t instanceof ResultType r) {
      r.ok().ifPresent(out::add);
      r.err().ifPresent(out::add);
    }
    return out;
  }
}
