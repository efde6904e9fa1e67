package dev.wasmlayer.wat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of WebAssembly text read as S-expressions: a list {@code ( ... )}, or an atom (keyword,
 * number, id or string). Comments and annotations ({@code (@name ...)}) are dropped while reading.
 */
final class Sexp {
  enum Kind {
    LIST,
    ATOM,
    STRING,
    ID
  }

  final Kind kind;
  final int line;
  final int column;

  /** Atom text, id without {@code $}; null for lists and strings. */
  final String text;

  /** A string's bytes. */
  final byte[] bytes;

  final List<Sexp> items;

  private Sexp(Kind kind, int line, int column, String text, byte[] bytes, List<Sexp> items) {
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.text = text;
    this.bytes = bytes;
    this.items = items;
  }

  /** An atom with {@code text} at {@code at}'s position (the number in {@code offset=N}). */
  static Sexp atom(Sexp at, String text) {
    return new Sexp(Kind.ATOM, at.line, at.column, text, null, null);
  }

  boolean isList() {
    return kind == Kind.LIST;
  }

  boolean isAtom(String keyword) {
    return kind == Kind.ATOM && text.equals(keyword);
  }

  /** A list whose first item is the keyword {@code head}. */
  boolean isList(String head) {
    return kind == Kind.LIST && !items.isEmpty() && items.get(0).isAtom(head);
  }

  /** The keyword a list starts with, or null. */
  String head() {
    return kind == Kind.LIST && !items.isEmpty() && items.get(0).kind == Kind.ATOM
        ? items.get(0).text
        : null;
  }

  /** The string as UTF-8 text (names must be valid UTF-8). */
  String utf8() {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WatException(this, "malformed UTF-8 encoding");
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ATOM -> text;
      case ID -> "$" + text;
      case STRING -> "\"" + new String(bytes, StandardCharsets.ISO_8859_1) + "\"";
      case LIST -> "(" + (head() == null ? "" : head()) + " ...)";
    };
  }

  /** Reads all top-level nodes of {@code source}. */
  static List<Sexp> parse(byte[] source) {
    return new Reader(source).all();
  }

  /** The lexer and tree builder in one pass. */
  private static final class Reader {
    private final byte[] s;
    private int pos;
    private int line = 1;
    private int lineStart;

    Reader(byte[] s) {
      this.s = s;
    }

    List<Sexp> all() {
      List<Sexp> out = new ArrayList<>();
      while (true) {
        skipBlank();
        if (pos >= s.length) {
          return out;
        }
        Sexp n = node();
        if (n != null) {
          out.add(n);
        }
      }
    }

    private Sexp here(Kind kind, String text, byte[] bytes, List<Sexp> items, int l, int c) {
      return new Sexp(kind, l, c, text, bytes, items);
    }

    private WatException error(String message) {
      return new WatException(
          new Sexp(Kind.ATOM, line, pos - lineStart + 1, "", null, null), message);
    }

    /** A list being read: its items so far and where it opened. */
    private record Open(List<Sexp> items, int line, int column) {}

    /**
     * The next node, or null for an annotation (skipped). Lists still open wait on an explicit
     * stack rather than the thread's, so nesting depth (100,000 blocks, say) is bounded by the
     * heap, never by the thread's stack size.
     */
    private Sexp node() {
      ArrayDeque<Open> open = new ArrayDeque<>();
      while (true) {
        if (!open.isEmpty()) {
          skipBlank();
          Open top = open.peek();
          if (pos >= s.length) {
            throw new WatException(
                here(Kind.LIST, null, null, null, top.line, top.column),
                "unexpected end of text: unclosed (");
          }
          if (s[pos] == ')') {
            pos++;
            open.pop();
            Sexp list = here(Kind.LIST, null, null, top.items, top.line, top.column);
            if (open.isEmpty()) {
              return list;
            }
            open.peek().items.add(list);
            continue;
          }
        }
        int l = line;
        int c = pos - lineStart + 1;
        if (s[pos] == '(' && !(pos + 1 < s.length && s[pos + 1] == '@')) {
          pos++;
          open.push(new Open(new ArrayList<>(), l, c));
          continue;
        }
        Sexp leaf = leaf(l, c);
        if (open.isEmpty()) {
          return leaf;
        }
        if (leaf != null) {
          open.peek().items.add(leaf);
        }
      }
    }

    /** A node that is not a list: an atom, string or id; null for an annotation (skipped). */
    private Sexp leaf(int l, int c) {
      byte b = s[pos];
      if (b == '(') { // only an annotation reaches here
        pos++;
        skipAnnotation(l, c);
        return null;
      }
      if (b == ')') {
        throw error("unexpected )");
      }
      if (b == '"') {
        byte[] str = string();
        separated();
        return here(Kind.STRING, null, str, null, l, c);
      }
      if (b == '$' && pos + 1 < s.length && s[pos + 1] == '"') {
        pos++;
        byte[] name = string();
        if (name.length == 0) {
          throw error("empty identifier");
        }
        String id = new Sexp(Kind.STRING, l, c, null, name, null).utf8();
        separated();
        return here(Kind.ID, id, null, null, l, c);
      }
      int start = pos;
      while (pos < s.length && idChar(s[pos])) {
        pos++;
      }
      if (pos == start || (pos < s.length && !boundary(s[pos]))) {
        throw error("illegal character '" + (char) (s[pos] & 0xff) + "'");
      }
      String text = new String(s, start, pos - start, StandardCharsets.US_ASCII);
      if (text.startsWith("$")) {
        if (text.length() == 1) {
          throw error("empty identifier");
        }
        return here(Kind.ID, text.substring(1), null, null, l, c);
      }
      return here(Kind.ATOM, text, null, null, l, c);
    }

    /** Tokens need white space, a parenthesis or a comment between them. */
    private void separated() {
      if (pos < s.length && !boundary(s[pos])) {
        throw error("unknown operator: tokens must be separated");
      }
    }

    private void skipAnnotation(int l, int c) {
      pos++;
      int start = pos;
      while (pos < s.length && idChar(s[pos])) {
        pos++;
      }
      if (pos == start) {
        if (!(pos < s.length && s[pos] == '"')) {
          throw error("empty annotation id");
        }
        byte[] id = string();
        if (id.length == 0) {
          throw error("empty annotation id");
        }
        new Sexp(Kind.STRING, l, c, null, id, null).utf8();
      }
      int depth = 1;
      while (depth > 0) {
        skipBlank();
        if (pos >= s.length) {
          throw new WatException(here(Kind.LIST, null, null, null, l, c), "unclosed annotation");
        }
        byte b = s[pos];
        if (b == '(') {
          depth++;
          pos++;
        } else if (b == ')') {
          depth--;
          pos++;
        } else if (b == '"') {
          string();
        } else {
          // annotations may hold any tokens, reserved ones (like ',') included
          int start2 = pos;
          while (pos < s.length
              && s[pos] > 0x20
              && s[pos] < 0x7f
              && s[pos] != '('
              && s[pos] != ')'
              && s[pos] != '"') {
            pos++;
          }
          if (pos == start2) {
            throw error("illegal character in annotation");
          }
        }
      }
    }

    private byte[] string() {
      pos++; // opening quote
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        if (pos >= s.length || s[pos] == '\n') {
          throw error("unclosed string");
        }
        int b = s[pos] & 0xff;
        if (b == '"') {
          pos++;
          return out.toByteArray();
        }
        if (b < 0x20 || b == 0x7f) {
          throw error("illegal control character in string");
        }
        if (b != '\\') {
          out.write(b);
          pos++;
          continue;
        }
        pos++;
        if (pos >= s.length) {
          throw error("unclosed string");
        }
        int e = s[pos] & 0xff;
        pos++;
        switch (e) {
          case 't' -> out.write('\t');
          case 'n' -> out.write('\n');
          case 'r' -> out.write('\r');
          case '"' -> out.write('"');
          case '\'' -> out.write('\'');
          case '\\' -> out.write('\\');
          case 'u' -> unicode(out);
          default -> {
            int hi = hex(e);
            int lo = pos < s.length ? hex(s[pos] & 0xff) : -1;
            if (hi < 0 || lo < 0) {
              throw error("illegal escape \\" + (char) e);
            }
            pos++;
            out.write(hi * 16 + lo);
          }
        }
      }
    }

    private void unicode(ByteArrayOutputStream out) {
      if (pos >= s.length || s[pos] != '{') {
        throw error("illegal escape \\u");
      }
      pos++;
      long cp = 0;
      int digits = 0;
      while (pos < s.length && s[pos] != '}') {
        if (s[pos] == '_' && digits > 0) {
          pos++;
          continue;
        }
        int h = hex(s[pos] & 0xff);
        if (h < 0) {
          throw error("illegal escape \\u");
        }
        cp = cp * 16 + h;
        if (cp > 0x10FFFF) {
          throw error("illegal escape: code point out of range");
        }
        digits++;
        pos++;
      }
      if (pos >= s.length || digits == 0 || (cp >= 0xD800 && cp < 0xE000)) {
        throw error("illegal escape \\u");
      }
      pos++;
      byte[] utf8 = new String(Character.toChars((int) cp)).getBytes(StandardCharsets.UTF_8);
      out.write(utf8, 0, utf8.length);
    }

    private static int hex(int c) {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
      }
      if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
      }
      return -1;
    }

    private void skipBlank() {
      while (pos < s.length) {
        byte b = s[pos];
        if (b == ' ' || b == '\t' || b == '\r') {
          pos++;
        } else if (b == '\n') {
          pos++;
          line++;
          lineStart = pos;
        } else if (b == ';' && pos + 1 < s.length && s[pos + 1] == ';') {
          while (pos < s.length && s[pos] != '\n' && s[pos] != '\r') {
            pos++;
          }
        } else if (b == '(' && pos + 1 < s.length && s[pos + 1] == ';') {
          blockComment();
        } else {
          return;
        }
      }
    }

    private void blockComment() {
      int depth = 0;
      do {
        if (pos + 1 >= s.length) {
          throw error("unclosed block comment");
        }
        if (s[pos] == '(' && s[pos + 1] == ';') {
          depth++;
          pos += 2;
        } else if (s[pos] == ';' && s[pos + 1] == ')') {
          depth--;
          pos += 2;
        } else {
          if (s[pos] == '\n') {
            line++;
            lineStart = pos + 1;
          }
          pos++;
        }
      } while (depth > 0);
    }

    private static boolean idChar(byte b) {
      if (b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z') {
        return true;
      }
      return "!#$%&'*+-./:<=>?@\\^_`|~".indexOf(b) >= 0 && b != 0;
    }

    private boolean boundary(byte b) {
      return b == ' '
          || b == '\t'
          || b == '\n'
          || b == '\r'
          || b == '('
          || b == ')'
          || (b == ';' && pos + 1 < s.length && s[pos + 1] == ';');
    }
  }
}
