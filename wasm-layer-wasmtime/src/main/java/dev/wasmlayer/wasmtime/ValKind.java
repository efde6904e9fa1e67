package dev.wasmlayer.wasmtime;

import dev.wasmlayer.component.WitPrimitive;

/** {@code wasmtime_component_valkind_t}: the tag at offset 0 of a component value. */
final class ValKind {
  private ValKind() {}

  static final byte BOOL = 0;
  static final byte S8 = 1;
  static final byte U8 = 2;
  static final byte S16 = 3;
  static final byte U16 = 4;
  static final byte S32 = 5;
  static final byte U32 = 6;
  static final byte S64 = 7;
  static final byte U64 = 8;
  static final byte F32 = 9;
  static final byte F64 = 10;
  static final byte CHAR = 11;
  static final byte STRING = 12;
  static final byte LIST = 13;
  static final byte RECORD = 14;
  static final byte TUPLE = 15;
  static final byte VARIANT = 16;
  static final byte ENUM = 17;
  static final byte OPTION = 18;
  static final byte RESULT = 19;
  static final byte FLAGS = 20;
  static final byte RESOURCE = 21;

  /** The kind of a primitive's values. */
  static byte of(WitPrimitive p) {
    return switch (p) {
      case BOOL -> BOOL;
      case S8 -> S8;
      case U8 -> U8;
      case S16 -> S16;
      case U16 -> U16;
      case S32 -> S32;
      case U32 -> U32;
      case S64 -> S64;
      case U64 -> U64;
      case F32 -> F32;
      case F64 -> F64;
      case CHAR -> CHAR;
      case STRING -> STRING;
    };
  }
}
