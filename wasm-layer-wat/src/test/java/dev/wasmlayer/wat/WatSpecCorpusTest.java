package dev.wasmlayer.wat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The assembler against the spec suite (../shared/spec): every text module the suite's converter
 * turned into a binary must assemble to the same module (byte for byte, or equal once custom
 * sections are set aside), unless it uses a proposal the assembler declares unsupported; every
 * module the suite says is malformed text must be refused.
 */
class WatSpecCorpusTest {
  private static final Pattern COMMAND =
      Pattern.compile(
          "\\{\"type\": \"(\\w+)\", \"line\": (\\d+), \"filename\": \"([^\"]+)\"(, \"text\": \"((?:[^\"\\\\]|\\\\.)*)\")?"
              + "(, \"module_type\": \"(\\w+)\")?");

  /**
   * Modules where the suite's converter is wrong, each with why; the test fails if one of them
   * stops differing, so the list cannot outlive its reason.
   */
  private static final Map<String, String> CONVERTER_FAULTS =
      Map.of(
          "func:660",
          "wabt 1.0.32 writes (ref $t) with the function-references draft's code 0x6b; the final one is 0x64");

  /** The outcome of one module. */
  enum Outcome {
    IDENTICAL,
    EQUIVALENT,
    UNSUPPORTED,
    DIFFERENT,
    FAILED,
    REFUSED,
    ACCEPTED_MALFORMED,
    UNMATCHED,
    CONVERTER_FAULT
  }

  @Test
  void assemblesTheSuitesModulesAsItsConverterDid() throws IOException {
    Path spec = specDir();
    Map<Outcome, Integer> counts = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(spec.resolve("tests")).sorted()) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        String name = dir.getFileName().toString();
        Path json = dir.resolve(name + ".json");
        Path wast = spec.resolve("wast").resolve(name + ".wast");
        if (!Files.exists(json) || !Files.exists(wast)) {
          continue;
        }
        Map<Integer, Sexp> byLine = commandsByLine(wast, problems);
        Matcher m = COMMAND.matcher(Files.readString(json, StandardCharsets.ISO_8859_1));
        while (m.find()) {
          String type = m.group(1);
          int line = Integer.parseInt(m.group(2));
          String file = m.group(3);
          Outcome o = check(type, byLine.get(line), dir.resolve(file), file.endsWith(".wat"));
          if (o == null) {
            continue;
          }
          if (CONVERTER_FAULTS.containsKey(name + ":" + line)) {
            if (o != Outcome.DIFFERENT) {
              problems.add(name + ":" + line + " no longer differs: drop it from CONVERTER_FAULTS");
            }
            o = Outcome.CONVERTER_FAULT;
          }
          counts.merge(o, 1, Integer::sum);
          if (o == Outcome.DIFFERENT
              || o == Outcome.FAILED
              || o == Outcome.ACCEPTED_MALFORMED
              || o == Outcome.UNMATCHED) {
            problems.add(name + ":" + line + " " + o + detail);
          }
        }
      }
    }
    System.out.println("WAT corpus: " + counts);
    problems.stream().limit(60).forEach(System.out::println);
    assertTrue(
        counts.getOrDefault(Outcome.IDENTICAL, 0) > 1000, "too few modules compared: " + counts);
    assertTrue(
        problems.isEmpty(),
        problems.size()
            + " problems, first: "
            + problems.subList(0, Math.min(10, problems.size())));
  }

  private String detail = "";

  /**
   * Not a test: a tool for mending differences. Prints both encodings of one module, named {@code
   * wast:line} as the first argument (run it with the test class path).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1 || !args[0].contains(":")) {
      System.err.println("usage: WatSpecCorpusTest <wast name>:<line>, e.g. i32:120");
      return;
    }
    String[] nl = args[0].split(":");
    Path spec = specDir();
    Map<Integer, Sexp> byLine =
        commandsByLine(spec.resolve("wast").resolve(nl[0] + ".wast"), new ArrayList<>());
    Matcher m =
        COMMAND.matcher(
            Files.readString(spec.resolve("tests").resolve(nl[0]).resolve(nl[0] + ".json")));
    while (m.find()) {
      if (m.group(2).equals(nl[1])) {
        Sexp c = byLine.get(Integer.parseInt(nl[1]));
        Sexp module = c.isList("module") ? c : c.items.get(1);
        System.out.println(
            "expected "
                + hex(
                    Files.readAllBytes(spec.resolve("tests").resolve(nl[0]).resolve(m.group(3)))));
        System.out.println("actual   " + hex(Wat.module(module)));
        System.out.println(
            "expected "
                + hex(
                    ElemCanon.canonical(
                        withoutCustomSections(
                            Files.readAllBytes(
                                spec.resolve("tests").resolve(nl[0]).resolve(m.group(3)))))));
        System.out.println(
            "actual   " + hex(ElemCanon.canonical(withoutCustomSections(Wat.module(module)))));
      }
    }
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x ", x & 0xff));
    }
    return s.toString();
  }

  private Outcome check(String type, Sexp command, Path file, boolean text) throws IOException {
    detail = "";
    if (command == null) {
      return Outcome.UNMATCHED;
    }
    Sexp module =
        command.isList("module")
            ? command
            : command.items.size() > 1 && command.items.get(1).isList("module")
                ? command.items.get(1)
                : null;
    if (module == null || module.items.size() > 1 && (module.items.get(1).isAtom("instance"))) {
      return null;
    }
    if (text) {
      if (!type.equals("assert_malformed")) {
        return null;
      }
      try {
        Wat.module(module);
        detail = " " + new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return Outcome.ACCEPTED_MALFORMED;
      } catch (WatException e) {
        return Outcome.REFUSED;
      }
    }
    byte[] expected = Files.readAllBytes(file);
    byte[] actual;
    try {
      actual = Wat.module(module);
    } catch (WatException e) {
      if (e.getMessage().contains("unsupported")) {
        return Outcome.UNSUPPORTED;
      }
      detail = " " + e.getMessage();
      return Outcome.FAILED;
    } catch (RuntimeException e) {
      detail = " " + e;
      return Outcome.FAILED;
    }
    if (Arrays.equals(expected, actual)) {
      return Outcome.IDENTICAL;
    }
    if (Arrays.equals(
        ElemCanon.canonical(withoutCustomSections(expected)),
        ElemCanon.canonical(withoutCustomSections(actual)))) {
      return Outcome.EQUIVALENT;
    }
    if (onlyBlockTypesDiffer(
        ElemCanon.canonical(withoutCustomSections(expected)),
        ElemCanon.canonical(withoutCustomSections(actual)))) {
      return Outcome.EQUIVALENT;
    }
    detail =
        " first difference at byte " + firstDifference(expected, actual) + " of " + expected.length;
    return Outcome.DIFFERENT;
  }

  /**
   * True when the modules differ only in block types written as a type index in one and in the
   * short form (empty or one value type) in the other: the wat crate keeps {@code (type $t)}, wabt
   * shortens it.
   */
  static boolean onlyBlockTypesDiffer(byte[] expected, byte[] actual) {
    if (expected.length != actual.length) {
      return false;
    }
    String shortForms = "\u0040\u007f\u007e\u007d\u007c\u007b\u0070\u006f";
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        int op = expected[i - 1] & 0xff;
        boolean block = op == 0x02 || op == 0x03 || op == 0x04;
        if (!block || (expected[i] & 0xff) >= 0x40 || shortForms.indexOf(actual[i] & 0xff) < 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static int firstDifference(byte[] a, byte[] b) {
    int i = 0;
    while (i < a.length && i < b.length && a[i] == b[i]) {
      i++;
    }
    return i;
  }

  /** The module with its custom sections (id 0) removed. */
  static byte[] withoutCustomSections(byte[] m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(m, 0, Math.min(8, m.length));
    int i = 8;
    while (i < m.length) {
      int start = i;
      int id = m[i++] & 0xff;
      long size = 0;
      int shift = 0;
      int b;
      do {
        b = m[i++] & 0xff;
        size |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      int end = (int) (i + size);
      if (id != 0) {
        out.write(m, start, end - start);
      }
      i = end;
    }
    return out.toByteArray();
  }

  private static Map<Integer, Sexp> commandsByLine(Path wast, List<String> problems)
      throws IOException {
    Map<Integer, Sexp> out = new HashMap<>();
    try {
      for (Sexp s : Sexp.parse(Files.readAllBytes(wast))) {
        out.put(s.line, s);
        if (s.isList() && s.items.size() > 1 && s.items.get(1).isList("module")) {
          out.putIfAbsent(
              s.items.get(1).line, s); // the suite gives an assertion's module's own line
        }
      }
    } catch (WatException e) {
      problems.add(wast.getFileName() + ": the script itself does not read: " + e.getMessage());
    }
    return out;
  }

  static Path specDir() {
    return SpecSuite.dir();
  }
}
