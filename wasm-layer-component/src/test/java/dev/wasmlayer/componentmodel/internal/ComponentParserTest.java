package dev.wasmlayer.componentmodel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binary parser and validator on hand-made components without core modules (so no engine is
 * needed): what is malformed or invalid is refused with the right reason and a message.
 */
class ComponentParserTest {
  private static final int[] PREAMBLE = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};

  /** A component of the preamble and then {@code bytes}. */
  private static byte[] component(int... bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b : PREAMBLE) {
      out.write(b);
    }
    for (int b : bytes) {
      out.write(b);
    }
    return out.toByteArray();
  }

  /** A section: id, size, content. */
  private static int[] section(int id, int... content) {
    int[] out = new int[content.length + 2];
    out[0] = id;
    out[1] = content.length;
    System.arraycopy(content, 0, out, 2, content.length);
    return out;
  }

  private static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int i = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }

  /** An engine that refuses every core module, as these components should have none. */
  private static final dev.wasmlayer.Engine NO_CORE =
      (dev.wasmlayer.Engine)
          java.lang.reflect.Proxy.newProxyInstance(
              ComponentParserTest.class.getClassLoader(),
              new Class<?>[] {dev.wasmlayer.Engine.class},
              (proxy, method, args) -> {
                if (method.getName().equals("compile")) {
                  throw new CompileException(
                      CompileException.Reason.MALFORMED, "no core modules here", null);
                }
                throw new UnsupportedOperationException(method.getName());
              });

  private static ComponentModel parse(byte[] bytes) {
    return ComponentParser.parse(NO_CORE, bytes);
  }

  private static void refused(CompileException.Reason reason, String message, byte[] bytes) {
    CompileException e = assertThrows(CompileException.class, () -> parse(bytes));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void thePreambleAloneIsAnEmptyComponent() {
    ComponentModel m = parse(component());
    assertTrue(m.imports().isEmpty());
    assertTrue(m.exports().isEmpty());
  }

  @Test
  void aCoreModuleIsNotAComponent() {
    refused(
        CompileException.Reason.MALFORMED,
        "core module",
        new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    refused(CompileException.Reason.MALFORMED, "magic", new byte[] {1, 2, 3});
    refused(
        CompileException.Reason.MALFORMED, "version", new byte[] {0, 'a', 's', 'm', 0x0e, 0, 1, 0});
  }

  @Test
  void malformedBytesAreRefused() {
    refused(CompileException.Reason.MALFORMED, "section id 13", component(section(13)));
    refused(CompileException.Reason.MALFORMED, "past the end", component(7, 0x10, 1));
    refused(
        CompileException.Reason.MALFORMED,
        "integer",
        component(section(7, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f)));
    refused(CompileException.Reason.MALFORMED, "unexpected end", component(section(7, 1, 0x70)));
    refused(CompileException.Reason.MALFORMED, "unread bytes", component(section(7, 0, 0)));
    refused(CompileException.Reason.MALFORMED, "unknown type", component(section(7, 1, 0x01)));
  }

  @Test
  void invalidComponentsAreRefused() {
    refused(
        CompileException.Reason.INVALID,
        "type index 5 out of bounds",
        component(section(7, 1, 0x70, 0x05)));
    // (export "f" (func 0)) with no function
    refused(
        CompileException.Reason.INVALID,
        "func index 0 out of bounds",
        component(section(11, 1, 0, 1, 'f', 0x01, 0, 0)));
    // two imports named "a"
    refused(
        CompileException.Reason.INVALID,
        "duplicate import name a",
        component(section(10, 2, 0, 1, 'a', 3, 1, 0, 1, 'a', 3, 1)));
    // record { a: u32, a: u32 }
    refused(
        CompileException.Reason.INVALID,
        "duplicate field name a",
        component(section(7, 1, 0x72, 2, 1, 'a', 0x79, 1, 'a', 0x79)));
    // own<0> where type 0 is a function type
    refused(
        CompileException.Reason.INVALID,
        "not a resource type",
        component(section(7, 2, 0x40, 0, 1, 0, 0x69, 0)));
    // canon lift of a core function that does not exist
    refused(
        CompileException.Reason.INVALID,
        "core func index 0 out of bounds",
        component(concat(section(7, 1, 0x40, 0, 1, 0), section(8, 1, 0, 0, 0, 0, 0))));
  }

  /** A value type index as the binary writes it: signed LEB128 (s33). */
  private static void s33(List<Integer> out, int v) {
    while (true) {
      int b = v & 0x7f;
      v >>= 7;
      if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
        out.add(b);
        return;
      }
      out.add(b | 0x80);
    }
  }

  /** A type section of {@code content}, its size in LEB128. */
  private static int[] typeSection(List<Integer> content) {
    List<Integer> out = new ArrayList<>(List.of(7));
    int n = content.size();
    do {
      int b = n & 0x7f;
      n >>>= 7;
      out.add(n == 0 ? b : b | 0x80);
    } while (n != 0);
    out.addAll(content);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void typesTooDeepOrTooLargeAreInvalid() {
    // type i: tuple<type i-1, type i-1>, 40 times: 2^40 parts in 200 bytes
    List<Integer> wide = new ArrayList<>(List.of(41, 0x70, 0x79));
    for (int i = 1; i <= 40; i++) {
      wide.addAll(List.of(0x6f, 2));
      s33(wide, i - 1);
      s33(wide, i - 1);
    }
    refused(CompileException.Reason.INVALID, "type too large", component(typeSection(wide)));
    // type i: list<type i-1>, 150 times
    List<Integer> deep = new ArrayList<>(List.of(0x96, 0x01, 0x70, 0x79)); // 150 types
    for (int i = 1; i < 150; i++) {
      deep.add(0x70);
      s33(deep, i - 1);
    }
    refused(CompileException.Reason.INVALID, "too deep", component(typeSection(deep)));
  }

  @Test
  void everySingleByteChangeParsesOrIsACompileException() {
    byte[] good =
        component(
            concat(
                section(
                    7, 3, 0x70, 0x73, 0x40, 1, 1, 'x', 0, 0, 0x79, 0x71, 2, 1, 'a', 0, 0, 1, 'b', 1,
                    0x79, 0),
                section(10, 2, 0, 1, 'r', 3, 1, 0, 1, 'f', 1, 1)));
    parse(good);
    int[] values = {0, 1, 2, 0x3f, 0x40, 0x41, 0x42, 0x69, 0x70, 0x7f, 0x80, 0xff};
    for (int i = 8; i < good.length; i++) {
      for (int v : values) {
        byte[] bad = good.clone();
        bad[i] = (byte) v;
        try {
          parse(bad);
        } catch (CompileException expected) {
          // refused as it should be
        }
      }
      try {
        parse(java.util.Arrays.copyOf(good, i));
      } catch (CompileException expected) {
        // truncated
      }
    }
  }

  @Test
  void importsHaveWitTypes() {
    // type 0: list<string>; type 1: func(x: list<string>) -> u32; import "r" (type (sub resource));
    // import "f" (func (type 1))
    byte[] bytes =
        component(
            concat(
                section(7, 2, 0x70, 0x73, 0x40, 1, 1, 'x', 0, 0, 0x79),
                section(10, 2, 0, 1, 'r', 3, 1, 0, 1, 'f', 1, 1)));
    ComponentModel m = parse(bytes);
    assertEquals(List.of("r", "f"), List.copyOf(m.imports().keySet()));
    ComponentItem r = m.imports().get("r").toApi();
    assertTrue(r instanceof ComponentItem.Resource res && res.type().name().equals("r"));
    assertFalse(((ComponentItem.Resource) r).type().isHost());
    assertEquals(
        new ComponentItem.Function(
            WitFuncType.of(
                WitPrimitive.U32, WitFuncType.param("x", new ListType(WitPrimitive.STRING)))),
        m.imports().get("f").toApi());
  }
}
