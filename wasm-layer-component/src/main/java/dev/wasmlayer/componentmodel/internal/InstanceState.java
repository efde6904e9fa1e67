package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Func;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ResourceType;
import java.util.HashMap;
import java.util.Map;

/**
 * What one component instance keeps at run time: its store, its handle table, the actual types of
 * the resource types it imports, and the destructors of those it defines.
 */
final class InstanceState {
  final Store<?> store;
  final HandleTable handles = new HandleTable();
  private final Map<ResourceType, ResourceType> imported = new HashMap<>();
  private final Map<ResourceType, Func> destructors = new HashMap<>();

  /** Whether a call into this instance is running: the component model forbids reentering. */
  private boolean entered;

  /**
   * Marks a call into this instance as running.
   *
   * @throws CanonTrap if one is running already (a host function called back into it)
   */
  void enter() {
    if (entered) {
      throw CanonTrap.other("cannot reenter a component instance during a call out of it");
    }
    entered = true;
  }

  void leave() {
    entered = false;
  }

  InstanceState(Store<?> store) {
    this.store = store;
  }

  void bind(ResourceType placeholder, ResourceType actual) {
    imported.put(placeholder, actual);
  }

  ResourceType resolve(ResourceType type) {
    ResourceType t = imported.get(type);
    return t == null ? type : t;
  }

  void define(ResourceType type, Func destructor) {
    destructors.put(type, destructor);
  }

  boolean defines(ResourceType type) {
    return destructors.containsKey(type);
  }

  /** Runs what dropping the last owning handle of {@code h} runs. */
  static void destroy(Handle h) {
    if (h.type.isHost()) {
      try {
        h.type.drop(h.rep);
      } catch (RuntimeException e) {
        throw new TrapException(TrapKind.HOST, "drop of " + h.type + " failed: " + e, e);
      }
    } else if (h.definer != null) {
      Func dtor = h.definer.destructors.get(h.type);
      if (dtor != null) {
        long[] slots = new long[Math.max(1, dtor.type().slotArraySize())];
        slots[0] = ((Integer) h.rep) & 0xFFFF_FFFFL;
        dtor.callRaw(slots);
      }
    }
  }
}
