package dev.wasmlayer.tck;

import dev.wasmlayer.Imports;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FuncType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A guest that calls {@code env.started} and then loops until stopped: a test that stops it from
 * another thread waits for that signal (an interrupt that lands before a call has started is
 * dropped, as documented), never for a time.
 */
final class SpinAfterSignal {
  /** Exports {@code run}: signals, then spins. */
  static final byte[] WAT =
      String.join(
              "\n",
              "(module",
              "  (import \"env\" \"started\" (func $started))",
              "  (func (export \"run\") (call $started) (loop $l (br $l))))")
          .getBytes(StandardCharsets.UTF_8);

  private SpinAfterSignal() {}

  /** {@return imports whose {@code env.started} counts {@code started} down} */
  static Imports signalling(CountDownLatch started) {
    return Imports.builder()
        .func(
            "env",
            "started",
            FuncType.of(List.of(), List.of()),
            (caller, args) -> {
              started.countDown();
              return Value.NONE;
            })
        .build();
  }
}
