package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
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
import dev.wasmlayer.wasmtime.internal.Natives;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code wasmtime_component_val_t} to Java values, as the WIT type says. Reads only: the caller
 * still owns (and deletes, once) the value it read; a resource handle is cloned before it is kept.
 */
final class WitLift {
  private static final int VAL = WitLower.VAL;
  private static final int ENTRY = 48;
  private static final int NAME = 16;

  /** Turns {@code wasmtime_component_resource_any_t*} (borrowed) into Java values. */
  interface Resources {
    Object lift(Pointer resourceAny, ResourceType type, boolean own);
  }

  private final Resources resources;

  WitLift(Resources resources) {
    this.resources = resources;
  }

  Object lift(Pointer v, WitType t) {
    byte kind = v.getByte(0);
    if (t instanceof WitPrimitive p) {
      expect(kind, ValKind.of(p), t);
      return switch (p) {
        case BOOL -> v.getByte(8) != 0;
        case S8, U8 -> v.getByte(8);
        case S16, U16 -> v.getShort(8);
        case S32, U32, CHAR -> v.getInt(8);
        case S64, U64 -> v.getLong(8);
        case F32 -> v.getFloat(8);
        case F64 -> v.getDouble(8);
        case STRING -> Natives.string(v.share(8));
      };
    } else if (t instanceof ListType l) {
      expect(kind, ValKind.LIST, t);
      int n = (int) v.getLong(8);
      Pointer data = v.getPointer(16);
      if (PrimitiveLists.arrayType(l.element()) != null) {
        return PrimitiveLists.lift(data, n, (WitPrimitive) l.element());
      }
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(lift(data.share((long) i * VAL), l.element()));
      }
      return Collections.unmodifiableList(out);
    } else if (t instanceof RecordType r) {
      expect(kind, ValKind.RECORD, t);
      int n = (int) v.getLong(8);
      Pointer data = v.getPointer(16);
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < n && i < r.fields().size(); i++) {
        RecordType.Field f = r.fields().get(i);
        out.put(f.name(), lift(data.share((long) i * ENTRY + NAME), f.type()));
      }
      return Collections.unmodifiableMap(out);
    } else if (t instanceof TupleType tt) {
      expect(kind, ValKind.TUPLE, t);
      int n = (int) v.getLong(8);
      Pointer data = v.getPointer(16);
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n && i < tt.types().size(); i++) {
        out.add(lift(data.share((long) i * VAL), tt.types().get(i)));
      }
      return Collections.unmodifiableList(out);
    } else if (t instanceof VariantType vt) {
      expect(kind, ValKind.VARIANT, t);
      String name = Natives.string(v.share(8));
      int index = vt.indexOf(name);
      if (index < 0) {
        throw new IllegalStateException("wasmtime returned case " + name + " of " + t);
      }
      Pointer payload = v.getPointer(24);
      Optional<WitType> pt = vt.cases().get(index).payload();
      return new WitVariant(
          name, pt.isPresent() && payload != null ? lift(payload, pt.get()) : null);
    } else if (t instanceof EnumType) {
      expect(kind, ValKind.ENUM, t);
      return Natives.string(v.share(8));
    } else if (t instanceof OptionType o) {
      expect(kind, ValKind.OPTION, t);
      Pointer some = v.getPointer(8);
      return some == null ? Optional.empty() : Optional.of(lift(some, o.some()));
    } else if (t instanceof ResultType r) {
      expect(kind, ValKind.RESULT, t);
      boolean ok = v.getByte(8) != 0;
      Pointer payload = v.getPointer(16);
      Optional<WitType> pt = ok ? r.ok() : r.err();
      Object value = pt.isPresent() && payload != null ? lift(payload, pt.get()) : null;
      return ok ? WitResult.ok(value) : WitResult.err(value);
    } else if (t instanceof FlagsType) {
      expect(kind, ValKind.FLAGS, t);
      int n = (int) v.getLong(8);
      Pointer data = v.getPointer(16);
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        out.add(Natives.string(data.share((long) i * NAME)));
      }
      return Collections.unmodifiableSet(out);
    } else if (t instanceof OwnType own) {
      expect(kind, ValKind.RESOURCE, t);
      return resources.lift(v.getPointer(8), own.resource(), true);
    } else if (t instanceof BorrowType b) {
      expect(kind, ValKind.RESOURCE, t);
      return resources.lift(v.getPointer(8), b.resource(), false);
    }
    throw new IllegalStateException("no Java form for " + t);
  }

  private static void expect(byte kind, byte expected, WitType t) {
    if (kind != expected) {
      throw new IllegalStateException("wasmtime gave a value of kind " + kind + " for a " + t);
    }
  }
}
