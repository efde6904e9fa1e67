package dev.wasmlayer.componentmodel.internal;

/**
 * The options of a {@code canon lift} or {@code canon lower}, as core indices.
 *
 * @param encoding how strings are encoded
 * @param memory the core memory index, or -1
 * @param realloc the core function index of {@code cabi_realloc}, or -1
 * @param postReturn the core function index of the post-return function, or -1
 */
record CanonOptions(StringEncoding encoding, int memory, int realloc, int postReturn) {
  static CanonOptions read(Reader r) {
    StringEncoding encoding = null;
    int memory = -1;
    int realloc = -1;
    int postReturn = -1;
    int n = r.count();
    for (int i = 0; i < n; i++) {
      int b = r.u8();
      switch (b) {
        case 0x00, 0x01, 0x02 -> {
          if (encoding != null) {
            throw Reader.invalid("string encoding given twice");
          }
          encoding = StringEncoding.values()[b];
        }
        case 0x03 -> {
          if (memory >= 0) {
            throw Reader.invalid("memory given twice");
          }
          memory = r.index();
        }
        case 0x04 -> {
          if (realloc >= 0) {
            throw Reader.invalid("realloc given twice");
          }
          realloc = r.index();
        }
        case 0x05 -> {
          if (postReturn >= 0) {
            throw Reader.invalid("post-return given twice");
          }
          postReturn = r.index();
        }
        case 0x06, 0x07 -> throw Reader.invalid("async canonical options are not supported");
        default -> throw Reader.malformed("unknown canonical option 0x" + Integer.toHexString(b));
      }
    }
    return new CanonOptions(
        encoding == null ? StringEncoding.UTF8 : encoding, memory, realloc, postReturn);
  }
}
