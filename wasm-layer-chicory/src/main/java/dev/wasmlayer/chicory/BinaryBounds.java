package dev.wasmlayer.chicory;

import dev.wasmlayer.CompileException;

/**
 * Refuses, before Chicory parses a module, every count and length larger than the bytes left to
 * hold it. Chicory 1.7.5's parser allocates by the count it reads (an array of 2^31 parameters, a
 * name or data segment of 2^31 bytes) before it reads the elements, so such a module ended in
 * {@link OutOfMemoryError} instead of "malformed". Every element takes at least one byte, so a
 * count above the bytes left in its section (or function body, or name subsection) can only be
 * malformed: refusing it bounds every allocation by the module's size.
 *
 * <p>The walk follows the sections whose vectors Chicory allocates for (types, imports, functions,
 * exports, elements, code, data, custom section names and the name section). Where it meets
 * something it cannot follow (an unknown opcode in a constant expression, a truncated integer) it
 * stops and leaves the bytes to Chicory's parser, which reports them; it never rejects what the
 * parser would accept.
 */
final class BinaryBounds {
  /** Thrown where this walk cannot follow the bytes; never escapes {@link #check}. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private final byte[] b;
  private int pos;

  /** End of the enclosing section, body or subsection: nothing read may cross it. */
  private int limit;

  private BinaryBounds(byte[] bytes) {
    this.b = bytes;
  }

  /**
   * Checks {@code wasm}.
   *
   * @throws CompileException ({@link CompileException.Reason#MALFORMED}) naming the count and the
   *     bytes left
   */
  static void check(byte[] wasm) {
    if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') {
      return; // not for this walk: the parser says what is wrong
    }
    try {
      new BinaryBounds(wasm).module();
    } catch (GiveUp leaveItToTheParser) {
      // the parser reports these bytes
    }
  }

  private void module() {
    pos = 8;
    while (pos < b.length) {
      limit = b.length;
      int id = u8();
      int size = count("section " + id + " size");
      int end = pos + size;
      limit = end;
      switch (id) {
        case 0 -> custom();
        case 1 -> types();
        case 2 -> imports();
        case 3, 4, 5, 6, 13 ->
            count(
                "section " + id + " entry count"); // small fixed-size entries: the count is enough
        case 7 -> exports();
        case 9 -> elements();
        case 10 -> code();
        case 11 -> data();
        default -> {} // start, data count, unknown: nothing allocated by a count
      }
      pos = end;
    }
  }

  private void custom() {
    int len = count("custom section name length");
    boolean isName =
        len == 4 && b[pos] == 'n' && b[pos + 1] == 'a' && b[pos + 2] == 'm' && b[pos + 3] == 'e';
    pos += len;
    if (isName) {
      nameSection();
    }
  }

  private void types() {
    for (int n = count("type count"), i = 0; i < n; i++) {
      if (peek() == 0x4E) { // rec group
        pos++;
        for (int m = count("recursive group size"), j = 0; j < m; j++) {
          subType();
        }
      } else {
        subType();
      }
    }
  }

  private void subType() {
    int form = peek();
    if (form == 0x50 || form == 0x4F) {
      pos++;
      for (int m = count("supertype count"), j = 0; j < m; j++) {
        u32();
      }
    }
    switch (u8()) {
      case 0x60 -> {
        for (int k = count("parameter count"); k > 0; k--) {
          valType();
        }
        for (int k = count("result count"); k > 0; k--) {
          valType();
        }
      }
      case 0x5F -> {
        for (int k = count("struct field count"); k > 0; k--) {
          storageType();
          u8();
        }
      }
      case 0x5E -> {
        storageType();
        u8();
      }
      default -> throw GIVE_UP;
    }
  }

  private void storageType() {
    int t = peek();
    if (t == 0x78 || t == 0x77) { // i8, i16
      pos++;
    } else {
      valType();
    }
  }

  private void valType() {
    int t = u8();
    if (t == 0x63 || t == 0x64) {
      s64(); // heap type
    }
  }

  private void imports() {
    for (int n = count("import count"), i = 0; i < n; i++) {
      name("import module name length");
      name("import name length");
      switch (u8()) {
        case 0 -> u32(); // function: type index
        case 1 -> { // table
          valType();
          limits();
        }
        case 2 -> limits();
        case 3 -> { // global
          valType();
          u8();
        }
        default ->
            throw GIVE_UP; // tags and anything newer: the rest of the section is the parser's
      }
    }
  }

  private void limits() {
    int flags = u8();
    if (flags > 0x07) {
      throw GIVE_UP; // e.g. custom page sizes: more fields than this walk knows
    }
    u64();
    if ((flags & 0x01) != 0) {
      u64();
    }
  }

  private void exports() {
    for (int n = count("export count"), i = 0; i < n; i++) {
      name("export name length");
      u8();
      u32();
    }
  }

  private void elements() {
    for (int n = count("element segment count"), i = 0; i < n; i++) {
      int flags = u32();
      if (flags > 7) {
        throw GIVE_UP;
      }
      boolean passiveOrDeclarative = (flags & 0x01) != 0;
      boolean explicitTable = (flags & 0x02) != 0;
      boolean expressions = (flags & 0x04) != 0;
      if (!passiveOrDeclarative && explicitTable) {
        u32(); // table index
      }
      if (!passiveOrDeclarative) {
        constExpr(); // offset
      }
      if (passiveOrDeclarative || explicitTable) {
        if (expressions) {
          valType(); // reference type
        } else {
          u8(); // element kind
        }
      }
      int items = count("element count");
      for (int k = 0; k < items; k++) {
        if (expressions) {
          constExpr();
        } else {
          u32();
        }
      }
    }
  }

  private void code() {
    int sectionEnd = limit;
    for (int n = count("function body count"), i = 0; i < n; i++) {
      int size = count("function body size");
      int end = pos + size;
      limit = end;
      count("local declaration count");
      limit = sectionEnd;
      pos = end; // instructions are Chicory's to decode; it allocates nothing by their counts up
      // front
    }
  }

  private void data() {
    for (int n = count("data segment count"), i = 0; i < n; i++) {
      int flags = u32();
      switch (flags) {
        case 0 -> constExpr();
        case 1 -> {}
        case 2 -> {
          u32();
          constExpr();
        }
        default -> throw GIVE_UP;
      }
      int length = count("data segment length");
      pos += length;
    }
  }

  /** The name section: each subsection's names and maps must fit the subsection. */
  private void nameSection() {
    int sectionEnd = limit;
    while (pos < sectionEnd) {
      limit = sectionEnd;
      int id = u8();
      int size = count("name subsection size");
      int end = pos + size;
      limit = end;
      switch (id) { // the subsections Chicory 1.7.5 reads; it skips the others, so this walk does
        // too
        case 0 -> name("module name length");
        case 1, 5, 6, 7, 8, 9, 11 ->
            nameMap(); // functions, tables, memories, globals, elements, data, tags
        case 2, 3 -> { // indirect name maps: locals, labels
          for (int n = count("name map count"), i = 0; i < n; i++) {
            u32();
            nameMap();
          }
        }
        default -> {}
      }
      pos = end;
    }
    limit = sectionEnd;
  }

  private void nameMap() {
    for (int n = count("name map count"), i = 0; i < n; i++) {
      u32();
      name("name length");
    }
  }

  /**
   * A constant expression up to its {@code end}; anything but the constant instructions gives up.
   */
  private void constExpr() {
    while (true) {
      int op = u8();
      switch (op) {
        case 0x0B -> {
          return;
        }
        case 0x41, 0x42, 0xD0 -> s64(); // i32.const, i64.const, ref.null
        case 0x43 -> skip(4);
        case 0x44 -> skip(8);
        case 0x23, 0xD2 -> u32(); // global.get, ref.func
        case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E -> {} // extended constant arithmetic
        case 0xFD -> { // v128.const
          u32();
          skip(16);
        }
        default -> throw GIVE_UP;
      }
    }
  }

  /**
   * A count or length: refused as malformed when it exceeds the bytes left before {@link #limit}.
   */
  private int count(String what) {
    int at = pos;
    long n = u64();
    if (n > 0xFFFF_FFFFL) {
      throw GIVE_UP; // not a u32: the parser reports it
    }
    long left = limit - pos;
    if (n > left) {
      throw new CompileException(
          CompileException.Reason.MALFORMED,
          "malformed module: length out of bounds: "
              + what
              + " "
              + n
              + " at byte "
              + at
              + " exceeds the "
              + left
              + " bytes left to hold it",
          null);
    }
    return (int) n;
  }

  private void name(String what) {
    int len =
        count(
            what); // not "pos += count(..)": that adds to pos as it was before the length was read
    pos += len;
  }

  private int peek() {
    if (pos >= limit) {
      throw GIVE_UP;
    }
    return b[pos] & 0xFF;
  }

  private int u8() {
    int v = peek();
    pos++;
    return v;
  }

  private void skip(int n) {
    if (n > limit - pos) {
      throw GIVE_UP;
    }
    pos += n;
  }

  private int u32() {
    long v = u64();
    if (v > 0xFFFF_FFFFL) {
      throw GIVE_UP;
    }
    return (int) v;
  }

  private long u64() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int x = u8();
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw GIVE_UP;
  }

  private void s64() {
    for (int shift = 0; shift < 70; shift += 7) {
      if ((u8() & 0x80) == 0) {
        return;
      }
    }
    throw GIVE_UP;
  }
}
