package dev.wasmlayer.chicory;

import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import java.util.List;

/**
 * Where the f32 values sit in a slot array. Chicory keeps an f32 as its bits sign-extended to a
 * long; the layer's slots have them zero-extended ({@link dev.wasmlayer.Func#callRaw}), so the
 * slots that leave Chicory (raw results, raw host function arguments) are masked here. Found once
 * per function, so a type without f32 costs nothing per call.
 */
final class F32Slots {
  private static final int[] NONE = new int[0];

  private F32Slots() {}

  /** The slot indices of the f32 values among {@code types} (a v128 takes two slots). */
  static int[] of(List<ValType> types) {
    int n = 0;
    for (ValType t : types) {
      n += t == NumType.F32 ? 1 : 0;
    }
    if (n == 0) {
      return NONE;
    }
    int[] at = new int[n];
    int slot = 0;
    int k = 0;
    for (ValType t : types) {
      if (t == NumType.F32) {
        at[k++] = slot;
      }
      slot += t == VecType.V128 ? 2 : 1;
    }
    return at;
  }

  /** Zero-extends the f32 slots {@code at} of {@code slots}. */
  static void zeroExtend(int[] at, long[] slots) {
    for (int i : at) {
      slots[i] &= 0xFFFF_FFFFL;
    }
  }
}
