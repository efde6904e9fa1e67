package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store's rooted GC references. A handle that becomes unreachable releases its root through the
 * engine's Cleaner, so a loop that makes structs and passes them on does not grow the store; what
 * is still rooted when the store closes is released then. The set holds roots, never handles, so it
 * keeps no handle reachable.
 */
final class GcRoots {
  private final Set<GcRoot> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Roots {@code handle}'s reference, taken over from {@code from} (a new root wasmtime handed
   * out).
   */
  GcRoot adopt(Object handle, Pointer from, GcRoot.Kind kind) {
    GcRoot root = new GcRoot(from, kind, this);
    live.add(root);
    WasmtimeEngine.CLEANER.register(handle, root);
    if (closed) { // a close raced this adoption: do not let the root outlive the store
      root.run();
    }
    return root;
  }

  void forget(GcRoot root) {
    live.remove(root);
  }

  /** How many references are rooted now (for tests and diagnostics). */
  int size() {
    return live.size();
  }

  /** At store close: releases every root; later handles' uses throw. */
  void releaseAll() {
    closed = true;
    for (GcRoot r : live.toArray(GcRoot[]::new)) {
      r.run();
    }
  }
}
