package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers Java values into a guest: into flat core values or into its memory, allocating strings and
 * lists with {@code cabi_realloc}. Values are assumed checked by {@link JavaValues#check}.
 */
final class Lowerer {
  private final CallContext cx;

  Lowerer(CallContext cx) {
    this.cx = cx;
  }

  void flat(Object v, WitType t, FlatCursor out, String what) {
    if (t instanceof WitPrimitive p) {
      if (p == WitPrimitive.STRING) {
        long[] pl = Strings.store(cx, (String) v);
        out.put(pl[0]);
        out.put(pl[1]);
      } else {
        out.put(JavaValues.bits(v, p, what));
      }
    } else if (t instanceof ListType l) {
      long[] pl = list(v, l, what);
      out.put(pl[0]);
      out.put(pl[1]);
    } else if (t instanceof RecordType r) {
      Map<?, ?> m = JavaValues.record(v, r, what);
      for (RecordType.Field f : r.fields()) {
        flat(m.get(f.name()), f.type(), out, what + "." + f.name());
      }
    } else if (t instanceof TupleType tt) {
      List<?> l = JavaValues.tuple(v, tt, what);
      for (int i = 0; i < l.size(); i++) {
        flat(l.get(i), tt.types().get(i), out, what + "." + i);
      }
    } else if (Abi.isVariantLike(t)) {
      int end = out.pos + Abi.flatCount(t);
      Object[] c = JavaValues.variantCase(v, t, what);
      int index = (Integer) c[0];
      out.put(index);
      Optional<WitType> payload = Abi.cases(t).get(index);
      if (payload.isPresent()) {
        flat(c[1], payload.get(), out, what);
      }
      out.padTo(end, true);
    } else if (t instanceof FlagsType f) {
      for (long w : JavaValues.flags(v, f, what)) {
        out.put(w & 0xFFFF_FFFFL);
      }
    } else if (t instanceof OwnType o) {
      out.put(own(v, o.resource(), what));
    } else if (t instanceof BorrowType b) {
      out.put(borrow(v, b.resource(), what));
    } else {
      throw new IllegalStateException("unknown type " + t);
    }
  }

  void store(Object v, WitType t, long ptr, String what) {
    if (t instanceof WitPrimitive p) {
      if (p == WitPrimitive.STRING) {
        long[] pl = Strings.store(cx, (String) v);
        cx.memory().store(ptr, 4, pl[0]);
        cx.memory().store(ptr + 4, 4, pl[1]);
      } else {
        cx.memory().store(ptr, (int) Abi.size(p), JavaValues.bits(v, p, what));
      }
    } else if (t instanceof ListType l) {
      long[] pl = list(v, l, what);
      cx.memory().store(ptr, 4, pl[0]);
      cx.memory().store(ptr + 4, 4, pl[1]);
    } else if (t instanceof RecordType || t instanceof TupleType) {
      List<WitType> types = Abi.fields(t);
      List<?> values;
      if (t instanceof RecordType r) {
        Map<?, ?> m = JavaValues.record(v, r, what);
        values = r.fields().stream().map(f -> m.get(f.name())).toList();
      } else {
        values = JavaValues.tuple(v, (TupleType) t, what);
      }
      long offset = 0;
      for (int i = 0; i < types.size(); i++) {
        WitType ft = types.get(i);
        offset = Abi.alignTo(offset, Abi.align(ft));
        store(values.get(i), ft, ptr + offset, what + "." + i);
        offset += Abi.size(ft);
      }
    } else if (Abi.isVariantLike(t)) {
      Object[] c = JavaValues.variantCase(v, t, what);
      int index = (Integer) c[0];
      List<Optional<WitType>> cases = Abi.cases(t);
      cx.memory().store(ptr, Abi.discriminantSize(cases.size()), index);
      Optional<WitType> payload = cases.get(index);
      if (payload.isPresent()) {
        store(c[1], payload.get(), ptr + Abi.payloadOffset(t), what);
      }
    } else if (t instanceof FlagsType f) {
      long[] words = JavaValues.flags(v, f, what);
      int size = (int) Abi.size(f);
      if (size < 4) {
        cx.memory().store(ptr, size, words[0]);
      } else {
        for (int i = 0; i < words.length; i++) {
          cx.memory().store(ptr + 4L * i, 4, words[i]);
        }
      }
    } else if (t instanceof OwnType o) {
      cx.memory().store(ptr, 4, own(v, o.resource(), what));
    } else if (t instanceof BorrowType b) {
      cx.memory().store(ptr, 4, borrow(v, b.resource(), what));
    } else {
      throw new IllegalStateException("unknown type " + t);
    }
  }

  private long[] list(Object v, ListType l, String what) {
    WitType e = l.element();
    if (v != null && v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
      PrimitiveLists.check(v, l, what);
      byte[] bytes = PrimitiveLists.toBytes(v);
      long ptr = cx.alloc(Abi.align(e), bytes.length);
      cx.memory().write(ptr, bytes);
      return new long[] {ptr, PrimitiveLists.length(v)};
    }
    List<?> items = JavaValues.elements(v, l, what);
    long size = Abi.size(e);
    long ptr = cx.alloc(Abi.align(e), size * items.size());
    for (int i = 0; i < items.size(); i++) {
      store(items.get(i), e, ptr + size * i, what + "[" + i + "]");
    }
    return new long[] {ptr, items.size()};
  }

  private long own(Object v, ResourceType declared, String what) {
    ResourceType rt = cx.instance.resolve(declared);
    JavaValues.resource(v, rt, true, what);
    if (rt.isHost()) {
      return cx.instance.handles.add(new Handle(rt, v, true, null));
    }
    GuestResourceImpl g = (GuestResourceImpl) v;
    g.spend(what);
    return cx.instance.handles.add(new Handle(rt, g.rep, true, g.definer));
  }

  private long borrow(Object v, ResourceType declared, String what) {
    ResourceType rt = cx.instance.resolve(declared);
    JavaValues.resource(v, rt, false, what);
    if (!rt.isHost()) {
      GuestResourceImpl g = (GuestResourceImpl) v;
      if (g.definer == cx.instance) {
        return g.rep & 0xFFFF_FFFFL;
      }
      return cx.lend(new Handle(rt, g.rep, false, g.definer));
    }
    return cx.lend(new Handle(rt, v, false, null));
  }
}
