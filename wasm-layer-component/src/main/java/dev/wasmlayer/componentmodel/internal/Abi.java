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
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical ABI's layout rules: size, alignment and flattening of each WIT type, and the core
 * function types of lifted and lowered functions.
 */
final class Abi {
  static final int MAX_FLAT_PARAMS = 16;
  static final int MAX_FLAT_RESULTS = 1;

  private Abi() {}

  static long alignTo(long ptr, int align) {
    return (ptr + align - 1) / align * align;
  }

  /** The cases of a variant-like type as optional payloads: variant, enum, option, result. */
  static List<Optional<WitType>> cases(WitType t) {
    List<Optional<WitType>> out = new ArrayList<>();
    if (t instanceof VariantType v) {
      v.cases().forEach(c -> out.add(c.payload()));
    } else if (t instanceof EnumType e) {
      e.cases().forEach(c -> out.add(Optional.empty()));
    } else if (t instanceof OptionType o) {
      out.add(Optional.empty());
      out.add(Optional.of(o.some()));
    } else if (t instanceof ResultType r) {
      out.add(r.ok());
      out.add(r.err());
    } else {
      throw new IllegalStateException("not a variant: " + t);
    }
    return out;
  }

  static boolean isVariantLike(WitType t) {
    return t instanceof VariantType
        || t instanceof EnumType
        || t instanceof OptionType
        || t instanceof ResultType;
  }

  static List<WitType> fields(WitType t) {
    if (t instanceof RecordType r) {
      List<WitType> out = new ArrayList<>();
      r.fields().forEach(f -> out.add(f.type()));
      return out;
    }
    return ((TupleType) t).types();
  }

  static int discriminantSize(int cases) {
    return cases <= 0x100 ? 1 : cases <= 0x10000 ? 2 : 4;
  }

  static int flagWords(int n) {
    return (n + 31) / 32;
  }

  static int align(WitType t) {
    if (t instanceof WitPrimitive p) {
      return switch (p) {
        case BOOL, S8, U8 -> 1;
        case S16, U16 -> 2;
        case S32, U32, F32, CHAR, STRING -> 4;
        case S64, U64, F64 -> 8;
      };
    } else if (t instanceof ListType) {
      return 4;
    } else if (t instanceof RecordType || t instanceof TupleType) {
      int a = 1;
      for (WitType f : fields(t)) {
        a = Math.max(a, align(f));
      }
      return a;
    } else if (isVariantLike(t)) {
      List<Optional<WitType>> cases = cases(t);
      int a = discriminantSize(cases.size());
      for (Optional<WitType> c : cases) {
        if (c.isPresent()) {
          a = Math.max(a, align(c.get()));
        }
      }
      return a;
    } else if (t instanceof FlagsType f) {
      int n = f.names().size();
      return n <= 8 ? 1 : n <= 16 ? 2 : 4;
    } else if (t instanceof OwnType || t instanceof BorrowType) {
      return 4;
    }
    throw new IllegalStateException("unknown type " + t);
  }

  static long size(WitType t) {
    if (t instanceof WitPrimitive p) {
      return switch (p) {
        case BOOL, S8, U8 -> 1;
        case S16, U16 -> 2;
        case S32, U32, F32, CHAR -> 4;
        case S64, U64, F64, STRING -> 8;
      };
    } else if (t instanceof ListType) {
      return 8;
    } else if (t instanceof RecordType || t instanceof TupleType) {
      long s = 0;
      for (WitType f : fields(t)) {
        s = alignTo(s, align(f)) + size(f);
      }
      return alignTo(s, align(t));
    } else if (isVariantLike(t)) {
      List<Optional<WitType>> cases = cases(t);
      long s = payloadOffset(t);
      long max = 0;
      for (Optional<WitType> c : cases) {
        if (c.isPresent()) {
          max = Math.max(max, size(c.get()));
        }
      }
      return alignTo(s + max, align(t));
    } else if (t instanceof FlagsType f) {
      int n = f.names().size();
      return n <= 8 ? 1 : n <= 16 ? 2 : 4L * flagWords(n);
    } else if (t instanceof OwnType || t instanceof BorrowType) {
      return 4;
    }
    throw new IllegalStateException("unknown type " + t);
  }

  /** Where a variant's payload starts, after its discriminant. */
  static long payloadOffset(WitType t) {
    List<Optional<WitType>> cases = cases(t);
    int maxAlign = 1;
    for (Optional<WitType> c : cases) {
      if (c.isPresent()) {
        maxAlign = Math.max(maxAlign, align(c.get()));
      }
    }
    return alignTo(discriminantSize(cases.size()), maxAlign);
  }

  /** {@return how many flat core values {@code t} takes}, without building them */
  static int flatCount(WitType t) {
    if (t instanceof WitPrimitive p) {
      return p == WitPrimitive.STRING ? 2 : 1;
    } else if (t instanceof ListType) {
      return 2;
    } else if (t instanceof RecordType || t instanceof TupleType) {
      int n = 0;
      for (WitType f : fields(t)) {
        n += flatCount(f);
      }
      return n;
    } else if (isVariantLike(t)) {
      int max = 0;
      for (Optional<WitType> c : cases(t)) {
        if (c.isPresent()) {
          max = Math.max(max, flatCount(c.get()));
        }
      }
      return 1 + max;
    } else if (t instanceof FlagsType f) {
      return flagWords(f.names().size());
    }
    return 1;
  }

  /** Appends the flat core types of {@code t}. */
  static void flatten(WitType t, List<ValType> out) {
    if (t instanceof WitPrimitive p) {
      switch (p) {
        case S64, U64 -> out.add(ValType.I64);
        case F32 -> out.add(ValType.F32);
        case F64 -> out.add(ValType.F64);
        case STRING -> {
          out.add(ValType.I32);
          out.add(ValType.I32);
        }
        default -> out.add(ValType.I32);
      }
    } else if (t instanceof ListType) {
      out.add(ValType.I32);
      out.add(ValType.I32);
    } else if (t instanceof RecordType || t instanceof TupleType) {
      for (WitType f : fields(t)) {
        flatten(f, out);
      }
    } else if (isVariantLike(t)) {
      List<ValType> joined = new ArrayList<>();
      for (Optional<WitType> c : cases(t)) {
        if (c.isPresent()) {
          List<ValType> one = new ArrayList<>();
          flatten(c.get(), one);
          for (int i = 0; i < one.size(); i++) {
            if (i < joined.size()) {
              joined.set(i, join(joined.get(i), one.get(i)));
            } else {
              joined.add(one.get(i));
            }
          }
        }
      }
      out.add(ValType.I32);
      out.addAll(joined);
    } else if (t instanceof FlagsType f) {
      for (int i = 0; i < flagWords(f.names().size()); i++) {
        out.add(ValType.I32);
      }
    } else if (t instanceof OwnType || t instanceof BorrowType) {
      out.add(ValType.I32);
    } else {
      throw new IllegalStateException("unknown type " + t);
    }
  }

  private static ValType join(ValType a, ValType b) {
    if (a.equals(b)) {
      return a;
    }
    if ((a.equals(ValType.I32) && b.equals(ValType.F32))
        || (a.equals(ValType.F32) && b.equals(ValType.I32))) {
      return ValType.I32;
    }
    return ValType.I64;
  }

  static List<ValType> flatten(List<WitType> types) {
    List<ValType> out = new ArrayList<>();
    for (WitType t : types) {
      flatten(t, out);
    }
    return out;
  }

  static List<WitType> paramTypes(WitFuncType f) {
    List<WitType> out = new ArrayList<>();
    f.params().forEach(p -> out.add(p.type()));
    return out;
  }

  static List<WitType> resultTypes(WitFuncType f) {
    return f.result().isPresent() ? List.of(f.result().get()) : List.of();
  }

  /** The core type a {@code canon lift} expects of its core function. */
  static FuncType liftedCoreType(WitFuncType f) {
    List<ValType> params = flatten(paramTypes(f));
    List<ValType> results = flatten(resultTypes(f));
    if (params.size() > MAX_FLAT_PARAMS) {
      params = List.of(ValType.I32);
    }
    if (results.size() > MAX_FLAT_RESULTS) {
      results = List.of(ValType.I32);
    }
    return FuncType.of(params, results);
  }

  /** The core type of the function a {@code canon lower} makes. */
  static FuncType loweredCoreType(WitFuncType f) {
    List<ValType> params = flatten(paramTypes(f));
    List<ValType> results = flatten(resultTypes(f));
    if (params.size() > MAX_FLAT_PARAMS) {
      params = new ArrayList<>(List.of(ValType.I32));
    } else {
      params = new ArrayList<>(params);
    }
    if (results.size() > MAX_FLAT_RESULTS) {
      params.add(ValType.I32);
      results = List.of();
    }
    return FuncType.of(params, results);
  }

  /** A record of the parameters, laid out as the ABI stores them in memory. */
  static WitType tupleOf(List<WitType> types) {
    return new TupleType(types);
  }

  /** Whether a function passes or returns anything through memory and so needs it. */
  static boolean usesMemory(WitType t) {
    if (t instanceof WitPrimitive p) {
      return p == WitPrimitive.STRING;
    } else if (t instanceof ListType) {
      return true;
    } else if (t instanceof RecordType || t instanceof TupleType) {
      return fields(t).stream().anyMatch(Abi::usesMemory);
    } else if (isVariantLike(t)) {
      return cases(t).stream().anyMatch(c -> c.isPresent() && usesMemory(c.get()));
    }
    return false;
  }
}
