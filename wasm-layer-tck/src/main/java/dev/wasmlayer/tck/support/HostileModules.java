package dev.wasmlayer.tck.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hand-made hostile modules: counts far past the bytes present, deep nesting, functions past a
 * compiler's limits; and a reference module whose every count and length can be replaced, for
 * mutation loops.
 */
public final class HostileModules {
  private HostileModules() {}

  /** 2^31 - 1 as a five-byte LEB128. */
  private static final String HUGE = "ffffffff07";

  /** A type of 2^31 - 1 parameters: Chicory 1.7.5 allocated for them first (OutOfMemoryError). */
  public static final String TYPE_WITH_HUGE_PARAMS = "0061736d0100000001080160" + HUGE + "7f";

  /**
   * Counts and lengths of 2^31 - 1 where a few bytes follow, by name. All are malformed; the last
   * two sit in custom sections, which an engine may also skip ({@link #inCustomSection}).
   *
   * @return the modules by name
   */
  public static Map<String, byte[]> hugeCounts() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("type with 2^31 params", hex(TYPE_WITH_HUGE_PARAMS));
    m.put("type with 2^31 results", module(section(1, hex("016000" + HUGE))));
    m.put("import module name of 2^31 bytes", module(section(2, hex("01" + HUGE))));
    m.put("export name of 2^31 bytes", module(section(7, hex("01" + HUGE))));
    m.put(
        "data segment of 2^31 bytes",
        module(section(5, hex("010001")), section(11, hex("010041000b" + HUGE))));
    m.put("element segment of 2^31 functions", module(section(9, hex("0101" + "00" + HUGE))));
    m.put("2^31 functions", module(section(1, hex("01600000")), section(3, hex(HUGE + "00"))));
    m.put(
        "2^31 local declarations",
        module(
            section(1, hex("01600000")),
            section(3, hex("0100")),
            section(10, hex("0106" + HUGE + "0b"))));
    m.put("custom section name of 2^31 bytes", module(section(0, hex(HUGE))));
    m.put(
        "function name of 2^31 bytes",
        module(
            section(1, hex("01600000")),
            section(3, hex("0100")),
            section(10, hex("0102000b")),
            section(0, hex("046e616d65" + "0107" + "0100" + HUGE))));
    return m;
  }

  /**
   * {@return whether the {@link #hugeCounts()} case of that name is in a custom section}
   *
   * @param name the name of one of {@link #hugeCounts()}
   */
  public static boolean inCustomSection(String name) {
    return name.startsWith("custom") || name.startsWith("function name");
  }

  /**
   * {@return {@code depth} nested {@code (block ...)} in one function, as text}
   *
   * @param depth how many blocks to nest
   */
  public static String nestedBlocksText(int depth) {
    return "(module (func " + "(block ".repeat(depth) + ")".repeat(depth) + "))";
  }

  /**
   * {@return {@code depth} nested {@code block ... end} in one function, as a binary module}
   *
   * @param depth how many blocks to nest
   */
  public static byte[] nestedBlocks(int depth) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0); // no locals
    for (int i = 0; i < depth; i++) {
      body.write(0x02);
      body.write(0x40);
    }
    for (int i = 0; i <= depth; i++) {
      body.write(0x0b);
    }
    return oneTypeModule(functions(1, body.toByteArray()));
  }

  /**
   * {@return {@code functions} functions of {@code locals} i64 locals each (1.6 KiB for 200 ×
   * 50,000)}
   *
   * @param functions how many functions
   * @param locals how many locals each one declares
   */
  public static byte[] manyLocals(int functions, int locals) {
    Writer body = new Writer(null);
    body.bytes(hex("01"));
    body.leb(locals);
    body.bytes(hex("7e0b"));
    return oneTypeModule(functions(functions, body.toByteArray()));
  }

  /**
   * {@return one function with a {@code br_table} of {@code targets} targets (976 KiB for
   * 1,000,000)}
   *
   * @param targets how many branch targets
   */
  public static byte[] brTable(int targets) {
    Writer body = new Writer(null);
    body.bytes(hex("00" + "0240" + "4100" + "0e"));
    body.leb(targets);
    body.bytes(new byte[targets + 1]); // every target and the default: the block's end
    body.bytes(hex("0b0b"));
    return oneTypeModule(functions(1, body.toByteArray()));
  }

  /** The sections after the type section for {@code n} functions of type 0 with the same body. */
  private static byte[][] functions(int n, byte[] body) {
    Writer fs = new Writer(null);
    fs.leb(n);
    fs.bytes(new byte[n]);
    Writer cs = new Writer(null);
    cs.leb(n);
    for (int i = 0; i < n; i++) {
      cs.leb(body.length);
      cs.bytes(body);
    }
    return new byte[][] {section(3, fs.toByteArray()), section(10, cs.toByteArray())};
  }

  private static byte[] oneTypeModule(byte[][] rest) {
    byte[][] all = new byte[rest.length + 1][];
    all[0] = section(1, hex("01600000"));
    System.arraycopy(rest, 0, all, 1, rest.length);
    return module(all);
  }

  /** {@return how many counts and lengths {@link #reference(int, long)} has} */
  public static int referenceSlots() {
    Slots counter = new Slots(-1, 0);
    writeReference(counter);
    return counter.next;
  }

  /**
   * {@return a small valid module using most sections (types, an import, a table, a memory, a
   * global, exports, active and passive segments, locals, br_table, typed select, a name section),
   * with count or length number {@code slot} (in writing order, section sizes included) replaced by
   * {@code value}; {@code slot} -1 changes nothing} Sizes around the replaced value are recomputed,
   * so only that value is wrong.
   *
   * @param slot the local the reference goes to
   * @param value the value the module stores
   */
  public static byte[] reference(int slot, long value) {
    return writeReference(new Slots(slot, value));
  }

  private static byte[] writeReference(Slots slots) {
    Writer m = new Writer(slots);
    m.bytes(hex("0061736d01000000"));
    m.section(
        1,
        w -> { // (i32) -> (i32), () -> ()
          w.count(2);
          w.bytes(hex("60"));
          w.count(1);
          w.bytes(hex("7f"));
          w.count(1);
          w.bytes(hex("7f60"));
          w.count(0);
          w.count(0);
        });
    m.section(
        2,
        w -> { // env.f: type 0
          w.count(1);
          w.name("env");
          w.name("f");
          w.bytes(hex("0000"));
        });
    m.section(
        3,
        w -> {
          w.count(2);
          w.bytes(hex("0001"));
        });
    m.section(
        4,
        w -> {
          w.count(1);
          w.bytes(hex("700002")); // funcref, min 2
        });
    m.section(
        5,
        w -> {
          w.count(1);
          w.bytes(hex("0001"));
        });
    m.section(
        6,
        w -> {
          w.count(1);
          w.bytes(hex("7f0041000b"));
        });
    m.section(
        7,
        w -> {
          w.count(2);
          w.name("run");
          w.bytes(hex("0001"));
          w.name("mem");
          w.bytes(hex("0200"));
        });
    m.section(
        9,
        w -> { // active, table 0 at 0: functions 1 and 2
          w.count(1);
          w.bytes(hex("0041000b"));
          w.count(2);
          w.bytes(hex("0102"));
        });
    m.section(12, w -> w.count(2));
    m.section(
        10,
        w -> {
          w.count(2);
          w.sized(
              b -> { // function 1, (i32) -> (i32)
                b.count(2);
                b.count(3);
                b.bytes(hex("7e"));
                b.count(1);
                b.bytes(hex("7f"));
                b.bytes(hex("0240" + "2000" + "0e"));
                b.count(2);
                b.bytes(hex("000000" + "0b" + "2000" + "4101" + "2000" + "1c"));
                b.count(1);
                b.bytes(hex("7f0b"));
              });
          w.sized(
              b -> { // function 2, () -> (): memory.init of the passive segment
                b.count(0);
                b.bytes(hex("4100" + "4100" + "4101" + "fc080100" + "0b"));
              });
        });
    m.section(
        11,
        w -> {
          w.count(2);
          w.bytes(hex("0041000b"));
          w.name("hello");
          w.bytes(hex("01"));
          w.name("abc");
        });
    m.section(
        0,
        w -> {
          w.name("name");
          w.bytes(hex("01"));
          w.sized(
              s -> { // function names
                s.count(1);
                s.bytes(hex("01"));
                s.name("run");
              });
          w.bytes(hex("02"));
          w.sized(
              s -> { // local names
                s.count(1);
                s.bytes(hex("01"));
                s.count(1);
                s.bytes(hex("00"));
                s.name("x");
              });
        });
    m.section(
        0,
        w -> {
          w.name("hostile");
          w.bytes(hex("00010203"));
        });
    return m.toByteArray();
  }

  /** Hands out counts in writing order, replacing the one chosen. */
  private static final class Slots {
    private final int target;
    private final long value;
    private int next;

    Slots(int target, long value) {
      this.target = target;
      this.value = value;
    }

    long take(long actual) {
      return next++ == target ? value : actual;
    }
  }

  /**
   * Writes module bytes; every count and length goes through {@link Slots} (when there are slots).
   */
  private static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Slots slots;

    Writer(Slots slots) {
      this.slots = slots;
    }

    void bytes(byte[] b) {
      out.write(b, 0, b.length);
    }

    void leb(long v) {
      do {
        int b = (int) (v & 0x7F);
        v >>>= 7;
        out.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
    }

    void count(long actual) {
      leb(slots == null ? actual : slots.take(actual));
    }

    void name(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      count(b.length);
      bytes(b);
    }

    /** A size-prefixed run (section, body, subsection) written by {@code content}. */
    void sized(Consumer<Writer> content) {
      Writer inner = new Writer(slots);
      // the size is taken (as a slot) before the content's own slots, as it is written before them
      int sizeSlot = slots == null ? -1 : slots.next++;
      content.accept(inner);
      byte[] b = inner.toByteArray();
      leb(slots != null && sizeSlot == slots.target ? slots.value : b.length);
      bytes(b);
    }

    void section(int id, Consumer<Writer> content) {
      out.write(id);
      sized(content);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  private static byte[] section(int id, byte[] body) {
    Writer w = new Writer(null);
    w.bytes(new byte[] {(byte) id});
    w.leb(body.length);
    w.bytes(body);
    return w.toByteArray();
  }

  private static byte[] module(byte[]... sections) {
    Writer w = new Writer(null);
    w.bytes(hex("0061736d01000000"));
    for (byte[] s : sections) {
      w.bytes(s);
    }
    return w.toByteArray();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
