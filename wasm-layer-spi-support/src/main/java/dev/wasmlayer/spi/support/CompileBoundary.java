package dev.wasmlayer.spi.support;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.LimitException;
import java.util.function.Supplier;

/**
 * Where an engine's {@code compile} and {@code validate} meet hostile input: the JVM errors an
 * engine can raise on absurd bytes leave as typed exceptions, never as a raw {@link Error}.
 * Backends wrap their whole compile (text assembly included) in {@link #run}.
 *
 * <ul>
 *   <li>{@link StackOverflowError}: the module nests deeper than the engine's decoder or validator
 *       can follow on this thread's stack. {@link CompileException} ({@link
 *       CompileException.Reason#INVALID INVALID}): the engine's nesting limit, reported as
 *       validation reports every other implementation limit.
 *   <li>{@link OutOfMemoryError}: compiling needs more heap than there is. {@link LimitException}:
 *       the module may be valid, only too large here. Absurd counts (a vector longer than the bytes
 *       left) are refused before this, as malformed, by the backends that would allocate for them.
 * </ul>
 *
 * <p>Both errors have unwound the engine's frames by the time they reach here, so the engine stays
 * usable.
 */
public final class CompileBoundary {
  private CompileBoundary() {}

  /**
   * Runs {@code compile}, mapping the JVM errors above.
   *
   * @param <T> the type to unwrap to
   * @param compile TODO
   * @return what {@code compile} returned
   */
  public static <T> T run(Supplier<T> compile) {
    try {
      return compile.get();
    } catch (StackOverflowError e) {
      throw new CompileException(
          CompileException.Reason.INVALID,
          "invalid module: it nests too deeply for this engine to decode or validate on this thread's stack",
          e);
    } catch (OutOfMemoryError e) {
      throw new LimitException(
          "compiling this module needs more Java heap than there is (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Runs {@code check} (a validation without a result), mapping the JVM errors above.
   *
   * @param check the validation to run
   */
  public static void check(Runnable check) {
    run(
        () -> {
          check.run();
          return null;
        });
  }
}
