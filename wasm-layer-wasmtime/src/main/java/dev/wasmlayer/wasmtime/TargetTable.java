package dev.wasmlayer.wasmtime;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Host-function targets by small integer id: the {@code env} wasmtime hands back on every call is
 * an index here, so finding the target is one array read (a map keyed by {@code Long} boxed and
 * hashed on every host call). Ids are reused after wasmtime finalizes theirs, when no call can
 * carry them any more.
 */
final class TargetTable<T> {
  private volatile Object[] slots = new Object[64];
  private final ArrayDeque<Integer> free = new ArrayDeque<>();
  private int next = 1; // 0 stays unused: a null env
  private int live;

  synchronized long add(T target) {
    int id = free.isEmpty() ? next++ : free.pop();
    Object[] s = slots;
    if (id >= s.length) {
      s = Arrays.copyOf(s, s.length * 2);
    }
    s[id] = target;
    slots = s; // publishes the entry
    live++;
    return id;
  }

  @SuppressWarnings("unchecked")
  T get(long id) {
    Object[] s = slots;
    return id > 0 && id < s.length ? (T) s[(int) id] : null;
  }

  synchronized void remove(long id) {
    Object[] s = slots;
    if (id > 0 && id < s.length && s[(int) id] != null) {
      s[(int) id] = null;
      slots = s;
      free.push((int) id);
      live--;
    }
  }

  synchronized int size() {
    return live;
  }
}
