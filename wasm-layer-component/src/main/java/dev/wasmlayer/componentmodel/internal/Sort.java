package dev.wasmlayer.componentmodel.internal;

/** The kinds of index space of a component: core ones and component ones. */
enum Sort {
  CORE_FUNC("core func"),
  CORE_TABLE("core table"),
  CORE_MEMORY("core memory"),
  CORE_GLOBAL("core global"),
  CORE_TYPE("core type"),
  CORE_MODULE("core module"),
  CORE_INSTANCE("core instance"),
  FUNC("func"),
  VALUE("value"),
  TYPE("type"),
  COMPONENT("component"),
  INSTANCE("instance");

  private final String text;

  Sort(String text) {
    this.text = text;
  }

  static Sort core(Reader r) {
    int b = r.u8();
    return switch (b) {
      case 0x00 -> CORE_FUNC;
      case 0x01 -> CORE_TABLE;
      case 0x02 -> CORE_MEMORY;
      case 0x03 -> CORE_GLOBAL;
      case 0x10 -> CORE_TYPE;
      case 0x11 -> CORE_MODULE;
      case 0x12 -> CORE_INSTANCE;
      default -> throw Reader.malformed("unknown core sort 0x" + Integer.toHexString(b));
    };
  }

  static Sort read(Reader r) {
    int b = r.u8();
    return switch (b) {
      case 0x00 -> core(r);
      case 0x01 -> FUNC;
      case 0x02 -> VALUE;
      case 0x03 -> TYPE;
      case 0x04 -> COMPONENT;
      case 0x05 -> INSTANCE;
      default -> throw Reader.malformed("unknown sort 0x" + Integer.toHexString(b));
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
