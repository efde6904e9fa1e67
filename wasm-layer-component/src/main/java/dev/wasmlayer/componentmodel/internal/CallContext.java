package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Func;
import java.util.ArrayList;
import java.util.List;

/**
 * What one lift or lower works with: the guest instance, its memory, {@code cabi_realloc} and
 * string encoding, and the borrows lent for the call (returned when it ends).
 */
final class CallContext {
  final InstanceState instance;
  final GuestMemory memory;
  final Func realloc;
  final StringEncoding encoding;
  private final List<Integer> lent = new ArrayList<>();
  private final List<Handle> lentHandles = new ArrayList<>();

  CallContext(InstanceState instance, GuestMemory memory, Func realloc, StringEncoding encoding) {
    this.instance = instance;
    this.memory = memory;
    this.realloc = realloc;
    this.encoding = encoding;
  }

  GuestMemory memory() {
    if (memory == null) {
      throw new IllegalStateException("no memory option");
    }
    return memory;
  }

  /** Allocates {@code size} bytes in the guest with {@code cabi_realloc} and checks the answer. */
  long alloc(int align, long size) {
    if (realloc == null) {
      throw new IllegalStateException("no realloc option");
    }
    if (size > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "a value of " + size + " bytes does not fit a 32-bit memory");
    }
    long[] slots = new long[Math.max(4, realloc.type().slotArraySize())];
    slots[2] = align;
    slots[3] = size & 0xFFFF_FFFFL;
    realloc.callRaw(slots);
    long ptr = slots[0] & 0xFFFF_FFFFL;
    GuestMemory.checkAligned(ptr, align);
    memory().check(ptr, size);
    return ptr;
  }

  /** Adds a borrow lent for this call, taken back when it ends. */
  int lend(Handle h) {
    int index = instance.handles.add(h);
    lent.add(index);
    lentHandles.add(h);
    return index;
  }

  /**
   * Takes back the borrows lent for the call.
   *
   * @return whether the callee had dropped them all, as the component model requires
   */
  boolean endCall() {
    boolean dropped = true;
    for (int i = 0; i < lent.size(); i++) {
      dropped &= !instance.handles.removeIfPresent(lent.get(i), lentHandles.get(i));
    }
    lent.clear();
    lentHandles.clear();
    return dropped;
  }
}
