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

  private static ComponentModel parse(byte[] bytes) {
    return ComponentParser.parse(null, bytes);
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
