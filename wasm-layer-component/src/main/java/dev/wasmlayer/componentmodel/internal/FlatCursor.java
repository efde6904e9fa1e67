package dev.wasmlayer.componentmodel.internal;

/**
 * A position in flat core values held as raw slots (i32 and f32 zero-extended, i64 and f64 whole),
 * in which the canonical ABI's coercions between joined variant types are plain bit reuse.
 */
final class FlatCursor {
  final long[] slots;
  int pos;

  FlatCursor(long[] slots) {
    this.slots = slots;
  }

  long next() {
    return slots[pos++];
  }

  void put(long v) {
    slots[pos++] = v;
  }

  /** Moves to {@code to}, zeroing what is skipped when writing. */
  void padTo(int to, boolean writing) {
    while (pos < to) {
      if (writing) {
        slots[pos] = 0;
      }
      pos++;
    }
  }
}
