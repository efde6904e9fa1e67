package dev.wasmlayer.internal.wit;

import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitType;
import java.util.List;

/** The plain form of a list: a primitive array for numbers, a {@link List} for the rest. */
final class PlainLists {
  private PlainLists() {}

  static Object of(List<Object> items, WitType element) {
    if (!(element instanceof WitPrimitive p)) {
      return items;
    }
    int n = items.size();
    try {
      switch (p) {
        case S8, U8 -> {
          byte[] a = new byte[n];
          for (int i = 0; i < n; i++) {
            a[i] = (Byte) items.get(i);
          }
          return a;
        }
        case S16, U16 -> {
          short[] a = new short[n];
          for (int i = 0; i < n; i++) {
            a[i] = (Short) items.get(i);
          }
          return a;
        }
        case S32, U32 -> {
          int[] a = new int[n];
          for (int i = 0; i < n; i++) {
            a[i] = (Integer) items.get(i);
          }
          return a;
        }
        case S64, U64 -> {
          long[] a = new long[n];
          for (int i = 0; i < n; i++) {
            a[i] = (Long) items.get(i);
          }
          return a;
        }
        case F32 -> {
          float[] a = new float[n];
          for (int i = 0; i < n; i++) {
            a[i] = (Float) items.get(i);
          }
          return a;
        }
        case F64 -> {
          double[] a = new double[n];
          for (int i = 0; i < n; i++) {
            a[i] = (Double) items.get(i);
          }
          return a;
        }
        default -> {
          return items;
        }
      }
    } catch (ClassCastException | NullPointerException e) {
      return items; // not numbers of the right size: the engine's check names the element
    }
  }
}
