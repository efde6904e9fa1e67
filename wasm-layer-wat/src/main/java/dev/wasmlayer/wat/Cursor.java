package dev.wasmlayer.wat;

import java.util.List;

/** A position in a list of nodes. */
final class Cursor {
  private final List<Sexp> items;
  private final Sexp owner;
  private int pos;

  Cursor(Sexp owner, List<Sexp> items, int from) {
    this.owner = owner;
    this.items = items;
    this.pos = from;
  }

  boolean hasNext() {
    return pos < items.size();
  }

  Sexp peek() {
    return pos < items.size() ? items.get(pos) : null;
  }

  Sexp peek(int ahead) {
    return pos + ahead < items.size() ? items.get(pos + ahead) : null;
  }

  Sexp next() {
    if (pos >= items.size()) {
      throw new WatException(owner, "unexpected end of " + owner);
    }
    return items.get(pos++);
  }

  /** The next node if it is a list starting with {@code head}. */
  Sexp nextIf(String head) {
    Sexp s = peek();
    if (s != null && s.isList(head)) {
      pos++;
      return s;
    }
    return null;
  }

  /** The next node if it is an id. */
  Sexp nextId() {
    Sexp s = peek();
    if (s != null && s.kind == Sexp.Kind.ID) {
      pos++;
      return s;
    }
    return null;
  }

  /** The next node if it is an id or an unsigned number (an index). */
  Sexp nextIndex() {
    Sexp s = peek();
    if (s != null && (s.kind == Sexp.Kind.ID || Numbers.isUnsigned(s))) {
      pos++;
      return s;
    }
    return null;
  }

  boolean nextIsAtom(String keyword) {
    Sexp s = peek();
    if (s != null && s.isAtom(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  void expectEnd() {
    if (pos < items.size()) {
      throw new WatException(items.get(pos), "unexpected token " + items.get(pos));
    }
  }

  Sexp owner() {
    return owner;
  }
}
