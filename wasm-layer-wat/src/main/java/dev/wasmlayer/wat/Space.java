package dev.wasmlayer.wat;

import java.util.HashMap;
import java.util.Map;

/** One index space (functions, tables, ...): names to indices, in order of definition. */
final class Space {
  private final String kind;
  private final Map<String, Integer> ids = new HashMap<>();
  private int count;
  private boolean defined;

  Space(String kind) {
    this.kind = kind;
  }

  /** Adds an entry (an import when {@code imported}); returns its index. */
  int add(Sexp id, boolean imported, Sexp at) {
    if (imported && defined) {
      throw new WatException(at, "import after " + kind);
    }
    if (!imported) {
      defined = true;
    }
    if (id != null && ids.putIfAbsent(id.text, count) != null) {
      throw new WatException(id, "duplicate " + kind + " $" + id.text);
    }
    return count++;
  }

  int size() {
    return count;
  }

  /** The index an id or number refers to. */
  int resolve(Sexp ref) {
    if (ref.kind == Sexp.Kind.ID) {
      Integer i = ids.get(ref.text);
      if (i == null) {
        throw new WatException(ref, "unknown " + kind + " $" + ref.text);
      }
      return i;
    }
    return (int) Numbers.unsigned(ref, 32);
  }
}
