package dev.wasmlayer.componentmodel.wasi;

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
import dev.wasmlayer.component.WitType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Short spellings for writing WASI 0.2's WIT types in Java. */
final class Wit {
  static final WitType BOOL = WitPrimitive.BOOL;
  static final WitType U8 = WitPrimitive.U8;
  static final WitType U32 = WitPrimitive.U32;
  static final WitType S32 = WitPrimitive.S32;
  static final WitType U64 = WitPrimitive.U64;
  static final WitType STRING = WitPrimitive.STRING;
  static final WitType BYTES = new ListType(WitPrimitive.U8);

  private Wit() {}

  static WitType list(WitType t) {
    return new ListType(t);
  }

  static WitType option(WitType t) {
    return new OptionType(t);
  }

  static WitType tuple(WitType... ts) {
    return new TupleType(List.of(ts));
  }

  /** {@code result<ok, err>}; null for a side without payload. */
  static WitType result(WitType ok, WitType err) {
    return new ResultType(Optional.ofNullable(ok), Optional.ofNullable(err));
  }

  static WitType own(ResourceType r) {
    return new OwnType(r);
  }

  static WitType borrow(ResourceType r) {
    return new BorrowType(r);
  }

  static WitType enumOf(String... cases) {
    return new EnumType(List.of(cases));
  }

  static WitType flags(String... names) {
    return new FlagsType(List.of(names));
  }

  /** A record from alternating field names and types. */
  static WitType record(Object... namesAndTypes) {
    RecordType.Field[] fields = new RecordType.Field[namesAndTypes.length / 2];
    for (int i = 0; i < fields.length; i++) {
      fields[i] =
          new RecordType.Field((String) namesAndTypes[2 * i], (WitType) namesAndTypes[2 * i + 1]);
    }
    return new RecordType(Arrays.asList(fields));
  }

  /** A variant case, with a payload type or null. */
  static VariantType.Case variantCase(String name, WitType payload) {
    return new VariantType.Case(name, Optional.ofNullable(payload));
  }

  static WitType variant(VariantType.Case... cases) {
    return new VariantType(List.of(cases));
  }
}
