package dev.wasmlayer.wat;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * wasm-layer's own WebAssembly text assembler, so every engine takes WAT the same way: the core
 * language (Wasm 2.0), tail calls, multi-memory, extended constants, SIMD and relaxed SIMD, typed
 * function references in value types, GC struct and array types with their instructions (no
 * recursion groups, subtypes or branch casts), and exception handling (tags, throw, throw_ref,
 * try_table). It reports text that does not parse; whether the module is valid is the engine's to
 * say when it compiles the result.
 */
final class Wat {
  private Wat() {}

  /**
   * The binary module for a text module: {@code (module ...)} or its fields alone.
   *
   * @throws WatException naming line, column and problem
   */
  static byte[] toBinary(byte[] text) {
    List<Sexp> top = Sexp.parse(text);
    if (top.size() == 1 && top.get(0).isList("module")) {
      return module(top.get(0));
    }
    for (Sexp s : top) {
      if (s.isList("module")) {
        throw new WatException(s, "a module must be the only thing in the text");
      }
    }
    Sexp whole = top.isEmpty() ? null : top.get(0);
    return new Assembler().assemble(whole, top);
  }

  /** The binary for one {@code (module ...)} node. */
  static byte[] module(Sexp m) {
    Cursor c = new Cursor(m, m.items, 1);
    c.nextIsAtom("definition");
    c.nextId();
    if (c.nextIsAtom("binary") || c.peek() != null && c.peek().isAtom("quote")) {
      boolean quote = c.nextIsAtom("quote");
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      while (c.hasNext()) {
        Sexp s = c.next();
        if (s.kind != Sexp.Kind.STRING) {
          throw new WatException(s, "unexpected token " + s + ", expected a string");
        }
        b.write(s.bytes, 0, s.bytes.length);
      }
      return quote ? toBinary(b.toByteArray()) : b.toByteArray();
    }
    List<Sexp> fields = m.items.subList(m.items.size() - countRest(c), m.items.size());
    return new Assembler().assemble(m, fields);
  }

  private static int countRest(Cursor c) {
    int n = 0;
    while (c.peek(n) != null) {
      n++;
    }
    return n;
  }
}
