package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
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
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Java values to {@code wasmtime_component_val_t} (the package mapping of {@code
 * dev.wasmlayer.component}), checked against the WIT type as it goes: a value of the wrong shape is
 * an {@link IllegalArgumentException} naming where it sits. Every nested allocation is made by
 * wasmtime ({@code wasm_byte_vec_new}, {@code *_new} moving values out of Java memory, {@code
 * wasmtime_component_val_new} for payload boxes), so wasmtime frees what it owns with its own
 * allocator; Java memory is only ever a staging area. On failure nothing owned is left behind: the
 * values already built are deleted, and the target slot holds nothing to free.
 */
final class WitLower {
  static final int VAL = 32;
  private static final int ENTRY = 48;
  private static final int NAME = 16;

  /** Turns own/borrow values into {@code wasmtime_component_resource_any_t*}. */
  interface Resources {
    /** An owned {@code resource_any} box for {@code value}. */
    Pointer lower(
        Object value, dev.wasmlayer.component.ResourceType type, boolean own, String what);
  }

  private final Resources resources;

  WitLower(Resources resources) {
    this.resources = resources;
  }

  /** Writes {@code v}, of type {@code t}, into the (empty) value slot at {@code out}. */
  void lower(Object v, WitType t, Pointer out, String what) {
    if (v == null) {
      throw wrong(what, t, null);
    }
    if (t instanceof WitPrimitive p) {
      primitive(v, p, out, what);
    } else if (t instanceof ListType l) {
      list(v, l, out, what);
    } else if (t instanceof RecordType r) {
      record(v, r, out, what);
    } else if (t instanceof TupleType tt) {
      tuple(v, tt, out, what);
    } else if (t instanceof VariantType vt) {
      variant(v, vt, out, what);
    } else if (t instanceof EnumType e) {
      if (!(v instanceof String s) || !e.cases().contains(s)) {
        throw wrong(what, t, v);
      }
      name(s, out.share(8));
      out.setByte(0, ValKind.ENUM);
    } else if (t instanceof OptionType o) {
      option(v, o, out, what);
    } else if (t instanceof ResultType r) {
      result(v, r, out, what);
    } else if (t instanceof FlagsType f) {
      flags(v, f, out, what);
    } else if (t instanceof OwnType own) {
      out.setPointer(8, resources.lower(v, own.resource(), true, what));
      out.setByte(0, ValKind.RESOURCE);
    } else if (t instanceof BorrowType b) {
      out.setPointer(8, resources.lower(v, b.resource(), false, what));
      out.setByte(0, ValKind.RESOURCE);
    } else {
      throw wrong(what, t, v);
    }
  }

  private static void primitive(Object v, WitPrimitive p, Pointer out, String what) {
    switch (p) {
      case BOOL -> out.setByte(8, (byte) (as(v, Boolean.class, p, what) ? 1 : 0));
      case S8, U8 -> out.setByte(8, as(v, Byte.class, p, what));
      case S16, U16 -> out.setShort(8, as(v, Short.class, p, what));
      case S32, U32 -> out.setInt(8, as(v, Integer.class, p, what));
      case S64, U64 -> out.setLong(8, as(v, Long.class, p, what));
      case F32 -> out.setFloat(8, as(v, Float.class, p, what));
      case F64 -> out.setDouble(8, as(v, Double.class, p, what));
      case CHAR -> out.setInt(8, scalar(as(v, Integer.class, p, what), what));
      case STRING -> name(as(v, String.class, p, what), out.share(8));
    }
    out.setByte(0, ValKind.of(p));
  }

  static int scalar(int c, String what) {
    if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
      throw new IllegalArgumentException(
          what + ": 0x" + Integer.toHexString(c) + " is not a Unicode scalar value (WIT char)");
    }
    return c;
  }

  private static <T> T as(Object v, Class<T> type, WitType t, String what) {
    if (!type.isInstance(v)) {
      throw wrong(what, t, v);
    }
    return type.cast(v);
  }

  /** Writes a {@code wasm_name_t} copy of {@code s} at {@code at}. */
  private static void name(String s, Pointer at) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    Wasmtime.wasm_byte_vec_new(at, b.length, b);
  }

  private void list(Object v, ListType l, Pointer out, String what) {
    Memory staged = PrimitiveLists.stage(v, l.element());
    int n;
    if (staged != null) {
      n = PrimitiveLists.length(v);
    } else {
      List<?> items = asList(v, l, what);
      n = items.size();
      staged = Natives.alloc((long) n * VAL);
      lowerAll(items, i -> l.element(), staged, what);
    }
    Wasmtime.wasmtime_component_vallist_new(out.share(8), n, staged);
    out.setByte(0, ValKind.LIST);
  }

  private static List<?> asList(Object v, WitType t, String what) {
    if (v instanceof List<?> items) {
      return items;
    }
    if (v.getClass().isArray() && !v.getClass().getComponentType().isPrimitive()) {
      return List.of((Object[]) v);
    }
    throw wrong(what, t, v);
  }

  /** Lowers each item into consecutive slots of {@code staged}, deleting them all on failure. */
  private void lowerAll(
      List<?> items, java.util.function.IntFunction<WitType> types, Memory staged, String what) {
    int done = 0;
    try {
      for (; done < items.size(); done++) {
        lower(
            items.get(done),
            types.apply(done),
            staged.share((long) done * VAL),
            what + "[" + done + "]");
      }
    } catch (RuntimeException | Error e) {
      for (int j = 0; j < done; j++) {
        Wasmtime.wasmtime_component_val_delete(staged.share((long) j * VAL));
      }
      throw e;
    }
  }

  private void tuple(Object v, TupleType t, Pointer out, String what) {
    List<?> items = asList(v, t, what);
    if (items.size() != t.types().size()) {
      throw new IllegalArgumentException(
          what + ": " + t + " has " + t.types().size() + " elements, got " + items.size());
    }
    Memory staged = Natives.alloc((long) items.size() * VAL);
    lowerAll(items, t.types()::get, staged, what);
    Wasmtime.wasmtime_component_valtuple_new(out.share(8), items.size(), staged);
    out.setByte(0, ValKind.TUPLE);
  }

  private void record(Object v, RecordType r, Pointer out, String what) {
    if (!(v instanceof Map<?, ?> m)) {
      throw wrong(what, r, v);
    }
    for (Object k : m.keySet()) {
      if (r.fields().stream().noneMatch(f -> f.name().equals(k))) {
        throw new IllegalArgumentException(what + ": " + r + " has no field " + k);
      }
    }
    int n = r.fields().size();
    Memory staged = Natives.alloc((long) n * ENTRY);
    int done = 0;
    try {
      for (; done < n; done++) {
        RecordType.Field f = r.fields().get(done);
        Pointer entry = staged.share((long) done * ENTRY);
        if (!m.containsKey(f.name())) {
          throw new IllegalArgumentException(what + ": the record misses field " + f.name());
        }
        lower(m.get(f.name()), f.type(), entry.share(NAME), what + "." + f.name());
        name(f.name(), entry);
      }
    } catch (RuntimeException | Error e) {
      for (int j = 0; j < done; j++) {
        Pointer entry = staged.share((long) j * ENTRY);
        Wasmtime.wasm_byte_vec_delete(entry);
        Wasmtime.wasmtime_component_val_delete(entry.share(NAME));
      }
      throw e;
    }
    Wasmtime.wasmtime_component_valrecord_new(out.share(8), n, staged);
    out.setByte(0, ValKind.RECORD);
  }

  /** A boxed payload (owned by the caller), or null when there is none. */
  private Pointer box(Object payload, Optional<WitType> type, String what, String label) {
    if (type.isEmpty()) {
      if (payload != null) {
        throw new IllegalArgumentException(
            what + ": " + label + " has no payload, got " + describe(payload));
      }
      return null;
    }
    Memory staged = Natives.alloc(VAL);
    lower(payload, type.get(), staged, what);
    return Wasmtime.wasmtime_component_val_new(staged);
  }

  private void variant(Object v, VariantType t, Pointer out, String what) {
    if (!(v instanceof WitVariant wv)) {
      throw wrong(what, t, v);
    }
    int index = t.indexOf(wv.caseName());
    if (index < 0) {
      throw new IllegalArgumentException(what + ": " + t + " has no case " + wv.caseName());
    }
    VariantType.Case c = t.cases().get(index);
    Pointer payload = box(wv.payload(), c.payload(), what + "(" + c.name() + ")", c.name());
    name(c.name(), out.share(8));
    out.setPointer(24, payload); // written even when null: wasmtime reads it
    out.setByte(0, ValKind.VARIANT);
  }

  private void option(Object v, OptionType t, Pointer out, String what) {
    if (!(v instanceof Optional<?> o)) {
      throw wrong(what, t, v);
    }
    out.setPointer(8, o.isPresent() ? box(o.get(), Optional.of(t.some()), what, "some") : null);
    out.setByte(0, ValKind.OPTION);
  }

  private void result(Object v, ResultType t, Pointer out, String what) {
    if (!(v instanceof WitResult r)) {
      throw wrong(what, t, v);
    }
    Pointer payload =
        r.isOk()
            ? box(r.value(), t.ok(), what + "(ok)", "ok")
            : box(r.value(), t.err(), what + "(err)", "err");
    out.setLong(8, 0); // the bool and its padding
    out.setByte(8, (byte) (r.isOk() ? 1 : 0));
    out.setPointer(16, payload);
    out.setByte(0, ValKind.RESULT);
  }

  private static void flags(Object v, FlagsType t, Pointer out, String what) {
    if (!(v instanceof Set<?> set)) {
      throw wrong(what, t, v);
    }
    for (Object o : set) {
      if (!(o instanceof String s) || !t.names().contains(s)) {
        throw new IllegalArgumentException(what + ": " + t + " has no flag " + o);
      }
    }
    List<String> on = t.names().stream().filter(set::contains).toList();
    Memory staged = Natives.alloc((long) on.size() * NAME);
    for (int i = 0; i < on.size(); i++) {
      name(on.get(i), staged.share((long) i * NAME));
    }
    Wasmtime.wasmtime_component_valflags_new(out.share(8), on.size(), staged);
    out.setByte(0, ValKind.FLAGS);
  }

  static IllegalArgumentException wrong(String what, WitType t, Object v) {
    return new IllegalArgumentException(
        what + ": expected " + t + " (" + JavaForms.of(t) + "), got " + describe(v));
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName() + " " + abbreviate(v);
  }

  private static String abbreviate(Object v) {
    String s = v.getClass().isArray() ? "[...]" : String.valueOf(v);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
