package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The handles of one component instance: indices from 1 (0 is never a handle), freed ones reused.
 * Every misuse by the guest (a stale, unknown or mistyped handle) traps.
 */
final class HandleTable {
  private static final int MAX_HANDLES = 1 << 24;
  private final List<Handle> entries =
      new ArrayList<>(List.of(new Handle(null, null, false, null)));
  private final Deque<Integer> free = new ArrayDeque<>();

  int add(Handle h) {
    Integer index = free.poll();
    if (index != null) {
      entries.set(index, h);
      return index;
    }
    if (entries.size() >= MAX_HANDLES) {
      throw CanonTrap.other("handle table full");
    }
    entries.add(h);
    return entries.size() - 1;
  }

  Handle get(long index, ResourceType type) {
    if (index <= 0 || index >= entries.size() || entries.get((int) index) == null) {
      throw CanonTrap.other("unknown handle " + index);
    }
    Handle h = entries.get((int) index);
    if (type != null && h.type != type) {
      throw CanonTrap.other("handle " + index + " is a " + h.type + ", not a " + type);
    }
    return h;
  }

  /**
   * Removes {@code h} if it is still at {@code index} (the guest may have dropped it already).
   *
   * @return whether it was still there
   */
  boolean removeIfPresent(int index, Handle h) {
    if (index > 0 && index < entries.size() && entries.get(index) == h) {
      entries.set(index, null);
      free.push(index);
      return true;
    }
    return false;
  }

  Handle remove(long index, ResourceType type) {
    Handle h = get(index, type);
    entries.set((int) index, null);
    free.push((int) index);
    return h;
  }
}
