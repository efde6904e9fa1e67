package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lifts values out of a guest, from flat core values or from its memory, into the Java values of
 * the package documentation. Whatever the guest got wrong traps with a {@link CanonTrap}.
 */
final class Lifter {
  private final CallContext cx;

  Lifter(CallContext cx) {
    this.cx = cx;
  }

  Object flat(WitType t, FlatCursor in) {
    if (t instanceof WitPrimitive p) {
      if (p == WitPrimitive.STRING) {
        long ptr = in.next() & 0xFFFF_FFFFL;
        long len = in.next() & 0xFFFF_FFFFL;
        return Strings.load(cx, ptr, len);
      }
      return primitive(p, in.next());
    } else if (t instanceof ListType l) {
      long ptr = in.next() & 0xFFFF_FFFFL;
      long len = in.next() & 0xFFFF_FFFFL;
      return list(l, ptr, len);
    } else if (t instanceof RecordType r) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (RecordType.Field f : r.fields()) {
        m.put(f.name(), flat(f.type(), in));
      }
      return Collections.unmodifiableMap(m);
    } else if (t instanceof TupleType tt) {
      List<Object> l = new ArrayList<>();
      for (WitType e : tt.types()) {
        l.add(flat(e, in));
      }
      return Collections.unmodifiableList(l);
    } else if (Abi.isVariantLike(t)) {
      int end = in.pos + Abi.flatCount(t);
      long index = in.next() & 0xFFFF_FFFFL;
      List<Optional<WitType>> cases = Abi.cases(t);
      if (index >= cases.size()) {
        throw CanonTrap.other("discriminant " + index + " out of range for " + t);
      }
      Optional<WitType> pt = cases.get((int) index);
      Object payload = pt.isPresent() ? flat(pt.get(), in) : null;
      in.padTo(end, false);
      return variant(t, (int) index, payload);
    } else if (t instanceof FlagsType f) {
      long[] words = new long[Abi.flagWords(f.names().size())];
      for (int i = 0; i < words.length; i++) {
        words[i] = in.next();
      }
      return flags(f, words);
    } else if (t instanceof OwnType o) {
      return own(o.resource(), in.next() & 0xFFFF_FFFFL);
    } else if (t instanceof BorrowType b) {
      return borrow(b.resource(), in.next() & 0xFFFF_FFFFL);
    }
    throw new IllegalStateException("unknown type " + t);
  }

  Object load(WitType t, long ptr) {
    GuestMemory m = cx.memory();
    GuestMemory.checkAligned(ptr, Abi.align(t));
    if (t instanceof WitPrimitive p) {
      if (p == WitPrimitive.STRING) {
        return Strings.load(cx, m.load(ptr, 4), m.load(ptr + 4, 4));
      }
      return primitive(p, m.load(ptr, (int) Abi.size(p)));
    } else if (t instanceof ListType l) {
      return list(l, m.load(ptr, 4), m.load(ptr + 4, 4));
    } else if (t instanceof RecordType || t instanceof TupleType) {
      List<WitType> types = Abi.fields(t);
      List<Object> values = new ArrayList<>();
      long offset = 0;
      for (WitType ft : types) {
        offset = Abi.alignTo(offset, Abi.align(ft));
        values.add(load(ft, ptr + offset));
        offset += Abi.size(ft);
      }
      if (t instanceof RecordType r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < types.size(); i++) {
          out.put(r.fields().get(i).name(), values.get(i));
        }
        return Collections.unmodifiableMap(out);
      }
      return Collections.unmodifiableList(values);
    } else if (Abi.isVariantLike(t)) {
      List<Optional<WitType>> cases = Abi.cases(t);
      long index = m.load(ptr, Abi.discriminantSize(cases.size()));
      if (index >= cases.size()) {
        throw CanonTrap.other("discriminant " + index + " out of range for " + t);
      }
      Optional<WitType> pt = cases.get((int) index);
      Object payload = pt.isPresent() ? load(pt.get(), ptr + Abi.payloadOffset(t)) : null;
      return variant(t, (int) index, payload);
    } else if (t instanceof FlagsType f) {
      int size = (int) Abi.size(f);
      long[] words = new long[Abi.flagWords(f.names().size())];
      if (size < 4) {
        words[0] = m.load(ptr, size);
      } else {
        for (int i = 0; i < words.length; i++) {
          words[i] = m.load(ptr + 4L * i, 4);
        }
      }
      return flags(f, words);
    } else if (t instanceof OwnType o) {
      return own(o.resource(), m.load(ptr, 4));
    } else if (t instanceof BorrowType b) {
      return borrow(b.resource(), m.load(ptr, 4));
    }
    throw new IllegalStateException("unknown type " + t);
  }

  private static Object primitive(WitPrimitive p, long raw) {
    return switch (p) {
      case BOOL -> (raw & 0xFFFF_FFFFL) != 0;
      case S8, U8 -> (byte) raw;
      case S16, U16 -> (short) raw;
      case S32, U32 -> (int) raw;
      case S64, U64 -> raw;
      case F32 -> {
        float f = Float.intBitsToFloat((int) raw);
        yield Float.isNaN(f) ? Float.NaN : f;
      }
      case F64 -> {
        double d = Double.longBitsToDouble(raw);
        yield Double.isNaN(d) ? Double.NaN : d;
      }
      case CHAR -> {
        long c = raw & 0xFFFF_FFFFL;
        if (!JavaValues.isScalar(c)) {
          throw CanonTrap.other("char " + c + " is not a Unicode scalar value");
        }
        yield (int) c;
      }
      case STRING -> throw new IllegalStateException("string");
    };
  }

  private Object list(ListType l, long ptr, long len) {
    WitType e = l.element();
    int align = Abi.align(e);
    long size = Abi.size(e);
    GuestMemory.checkAligned(ptr, align);
    cx.memory().check(ptr, len * size);
    if (PrimitiveLists.arrayClass(e) != null) {
      return PrimitiveLists.fromBytes(cx.memory().read(ptr, len * size), e);
    }
    List<Object> out = new ArrayList<>((int) Math.min(len, 1 << 16));
    for (long i = 0; i < len; i++) {
      out.add(load(e, ptr + i * size));
    }
    return Collections.unmodifiableList(out);
  }

  private static Object variant(WitType t, int index, Object payload) {
    if (t instanceof VariantType v) {
      return new WitVariant(v.cases().get(index).name(), payload);
    } else if (t instanceof EnumType e) {
      return e.cases().get(index);
    } else if (t instanceof OptionType) {
      return index == 0 ? Optional.empty() : Optional.of(payload);
    } else if (t instanceof ResultType) {
      return index == 0 ? WitResult.ok(payload) : WitResult.err(payload);
    }
    throw new IllegalStateException("not a variant: " + t);
  }

  private static Set<String> flags(FlagsType f, long[] words) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < f.names().size(); i++) {
      if ((words[i / 32] >>> (i % 32) & 1) != 0) {
        out.add(f.names().get(i));
      }
    }
    return Collections.unmodifiableSet(out);
  }

  private Object own(ResourceType declared, long handle) {
    ResourceType rt = cx.instance.resolve(declared);
    Handle h = cx.instance.handles.get(handle, rt);
    if (!h.own) {
      throw CanonTrap.other("handle " + handle + " is borrowed, not owned");
    }
    if (h.lends > 0) {
      throw CanonTrap.other("handle " + handle + " is still lent out");
    }
    cx.instance.handles.remove(handle, rt);
    if (rt.isHost()) {
      return h.rep;
    }
    return new GuestResourceImpl(rt, (Integer) h.rep, h.definer, true);
  }

  private Object borrow(ResourceType declared, long handle) {
    ResourceType rt = cx.instance.resolve(declared);
    Handle h = cx.instance.handles.get(handle, rt);
    if (rt.isHost()) {
      return h.rep;
    }
    return new GuestResourceImpl(rt, (Integer) h.rep, h.definer, false);
  }
}
