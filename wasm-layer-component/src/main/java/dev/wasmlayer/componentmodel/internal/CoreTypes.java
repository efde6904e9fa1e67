package dev.wasmlayer.componentmodel.internal;

/**
 * Reads past core type definitions (function and module types): the component runtime needs only
 * their index, as the engine checks core linking itself.
 */
final class CoreTypes {
  private CoreTypes() {}

  static void skip(Reader r) {
    int b = r.u8();
    if (b == 0x60) {
      skipValTypes(r);
      skipValTypes(r);
    } else if (b == 0x50) {
      int n = r.count();
      for (int i = 0; i < n; i++) {
        int d = r.u8();
        switch (d) {
          case 0x00 -> {
            r.name();
            r.name();
            importDesc(r);
          }
          case 0x01 -> skip(r);
          case 0x02 -> {
            Sort.core(r);
            if (r.u8() != 0x01) {
              throw Reader.malformed("bad core alias in a module type");
            }
            r.index();
            r.index();
          }
          case 0x03 -> {
            r.name();
            importDesc(r);
          }
          default ->
              throw Reader.malformed("unknown module type declaration 0x" + Integer.toHexString(d));
        }
      }
    } else {
      throw Reader.invalid("core type 0x" + Integer.toHexString(b) + " is not supported");
    }
  }

  private static void skipValTypes(Reader r) {
    int n = r.count();
    for (int i = 0; i < n; i++) {
      valType(r);
    }
  }

  private static void valType(Reader r) {
    int b = r.u8();
    if (b == 0x63 || b == 0x64) {
      r.s33();
    }
  }

  private static void limits(Reader r) {
    int flags = r.u8();
    r.s33();
    if ((flags & 1) != 0) {
      r.s33();
    }
  }

  private static void importDesc(Reader r) {
    int b = r.u8();
    switch (b) {
      case 0x00 -> r.index();
      case 0x01 -> {
        valType(r);
        limits(r);
      }
      case 0x02 -> limits(r);
      case 0x03 -> {
        valType(r);
        r.u8();
      }
      case 0x04 -> {
        r.u8();
        r.index();
      }
      default -> throw Reader.malformed("unknown core import kind 0x" + Integer.toHexString(b));
    }
  }
}
