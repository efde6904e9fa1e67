package dev.wasmlayer.spi.support.internal;

import java.nio.ByteBuffer;

/**
 * Where a rewritten module is written: the Java heap by default, or memory outside it that an
 * engine allocates and frees itself, so a large module's rewrite does not sit on the heap while a
 * native compiler reads it.
 */
public interface Space {
  /** Byte arrays on the heap. */
  Space HEAP =
      new Space() {
        @Override
        public ByteBuffer take(int capacity) {
          return ByteBuffer.wrap(new byte[capacity]);
        }

        @Override
        public void give(ByteBuffer buffer) {
          // the garbage collector frees it
        }
      };

  /**
   * A buffer for {@code capacity} bytes, its position 0 (a smaller one is used and grown as it
   * fills).
   */
  ByteBuffer take(int capacity);

  /** Takes back {@code buffer}, taken from here and no longer used. */
  void give(ByteBuffer buffer);
}
