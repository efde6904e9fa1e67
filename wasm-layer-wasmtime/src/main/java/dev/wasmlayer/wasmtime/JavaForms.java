package dev.wasmlayer.wasmtime;

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
import dev.wasmlayer.component.WitType;

/** The Java form a WIT type's values take, for messages. */
final class JavaForms {
  private JavaForms() {}

  static String of(WitType t) {
    if (t instanceof WitPrimitive p) {
      return switch (p) {
        case BOOL -> "Boolean";
        case S8, U8 -> "Byte";
        case S16, U16 -> "Short";
        case S32, U32 -> "Integer";
        case S64, U64 -> "Long";
        case F32 -> "Float";
        case F64 -> "Double";
        case CHAR -> "Integer code point";
        case STRING -> "String";
      };
    } else if (t instanceof ListType l) {
      return PrimitiveLists.arrayType(l.element()) != null
          ? PrimitiveLists.arrayType(l.element()).getSimpleName() + " or List"
          : "List";
    } else if (t instanceof RecordType) {
      return "Map of field name to value";
    } else if (t instanceof TupleType) {
      return "List";
    } else if (t instanceof VariantType) {
      return "WitVariant";
    } else if (t instanceof EnumType) {
      return "String case name";
    } else if (t instanceof OptionType) {
      return "Optional";
    } else if (t instanceof ResultType) {
      return "WitResult";
    } else if (t instanceof FlagsType) {
      return "Set of flag names";
    } else if (t instanceof OwnType || t instanceof BorrowType) {
      return "the host object or a GuestResource";
    }
    return "?";
  }
}
