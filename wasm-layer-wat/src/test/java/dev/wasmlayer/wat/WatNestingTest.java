package dev.wasmlayer.wat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nesting depth is bounded by the heap, not the stack: 100,000 nested folded blocks, ifs and
 * operands assemble on a thread of 256 KiB of stack, to the same bytes as the flat instructions
 * they stand for.
 */
class WatNestingTest {
  private static final int DEPTH = 100_000;
  private static final long SMALL_STACK = 256 << 10;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void nestedFoldedBlocksAssembleWithoutRecursion() {
    String folded = "(module (func " + "(block ".repeat(DEPTH) + ")".repeat(DEPTH) + "))";
    String plain = "(module (func " + "block ".repeat(DEPTH) + "end ".repeat(DEPTH) + "))";
    byte[] wasm = onSmallStack(() -> Wat.toBinary(utf8(folded)));
    assertArrayEquals(onSmallStack(() -> Wat.toBinary(utf8(plain))), wasm);
    byte[] body = new byte[2 * DEPTH + DEPTH + 1];
    for (int i = 0; i < DEPTH; i++) {
      body[2 * i] = 0x02;
      body[2 * i + 1] = 0x40;
    }
    Arrays.fill(body, 2 * DEPTH, body.length, (byte) 0x0b);
    byte[] tail = Arrays.copyOfRange(wasm, wasm.length - body.length, wasm.length);
    assertArrayEquals(body, tail, "block block ... end end ... end");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void nestedFoldedIfsAndOperandsAssembleWithoutRecursion() {
    // (if (i32.eqz (i32.eqz ... (local.get 0))) (then (if ... (then nop)) ) (else nop)), DEPTH
    // levels of each
    StringBuilder folded = new StringBuilder("(module (func (param i32) ");
    StringBuilder plain = new StringBuilder("(module (func (param i32) ");
    int levels = DEPTH / 10;
    for (int i = 0; i < levels; i++) {
      folded
          .append("(if ")
          .append("(i32.eqz ".repeat(5))
          .append("(local.get 0)")
          .append(")".repeat(5))
          .append(" (then ");
      plain.append("local.get 0 ").append("i32.eqz ".repeat(5)).append("if ");
    }
    folded.append("nop");
    plain.append("nop ");
    for (int i = 0; i < levels; i++) {
      folded.append(") (else nop))");
      plain.append("else nop end ");
    }
    folded.append("))");
    plain.append("))");
    assertArrayEquals(
        onSmallStack(() -> Wat.toBinary(utf8(plain.toString()))),
        onSmallStack(() -> Wat.toBinary(utf8(folded.toString()))));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void deepTextStillReportsItsErrors() {
    String unclosed = "(module (func " + "(block ".repeat(DEPTH) + ")".repeat(DEPTH - 1) + ")";
    WatException e =
        onSmallStack(() -> assertThrows(WatException.class, () -> Wat.toBinary(utf8(unclosed))));
    assertTrue(e.getMessage().contains("unclosed"), e.getMessage());
    String unknown =
        "(module (func " + "(block ".repeat(DEPTH) + "(i32.frobnicate)" + ")".repeat(DEPTH) + "))";
    WatException u =
        onSmallStack(() -> assertThrows(WatException.class, () -> Wat.toBinary(utf8(unknown))));
    assertTrue(u.getMessage().contains("unknown operator i32.frobnicate"), u.getMessage());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code step}'s result, computed on a thread with {@link #SMALL_STACK} of stack. */
  private static <T> T onSmallStack(Supplier<T> step) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(step.get());
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "wat-small-stack",
            SMALL_STACK);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    if (thrown.get() != null) {
      throw new AssertionError("failed on a " + (SMALL_STACK >> 10) + " KiB stack", thrown.get());
    }
    return result.get();
  }
}
