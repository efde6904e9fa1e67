package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.CompileException;
import java.util.HashMap;
import java.util.Map;

/**
 * The type names of a component's {@code component-name} custom section, read ahead of the other
 * sections so a resource type can carry its name from the start. A damaged name section is ignored,
 * as custom sections are.
 */
final class ComponentNames {
  private ComponentNames() {}

  /** {@return the names of type indices in the component at {@code from..end}} */
  static Map<Integer, String> types(byte[] bytes, int from, int end) {
    Map<Integer, String> out = new HashMap<>();
    try {
      Reader r = new Reader(bytes, from, end);
      while (!r.atEnd()) {
        int id = r.u8();
        int size = r.index();
        int start = r.skip(size);
        if (id != 0) {
          continue;
        }
        Reader s = new Reader(bytes, start, start + size);
        if (!s.name().equals("component-name")) {
          continue;
        }
        while (!s.atEnd()) {
          int sub = s.u8();
          int subSize = s.index();
          int subStart = s.skip(subSize);
          if (sub != 1) {
            continue;
          }
          Reader m = new Reader(bytes, subStart, subStart + subSize);
          if (Sort.read(m) != Sort.TYPE) {
            continue;
          }
          int n = m.count();
          for (int i = 0; i < n; i++) {
            int index = m.index();
            out.put(index, m.name());
          }
        }
      }
    } catch (CompileException ignored) {
      // names are a courtesy: keep what was read
    }
    return out;
  }
}
