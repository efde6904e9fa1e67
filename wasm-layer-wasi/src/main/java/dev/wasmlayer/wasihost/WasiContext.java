package dev.wasmlayer.wasihost;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The state one store's WASI calls share: descriptors, arguments, environment, clock and random
 * source.
 */
final class WasiContext {
  final FdTable fds = new FdTable();
  final List<byte[]> args;
  final List<byte[]> env;
  final Clock clock;
  final Random random;
  final BooleanSupplier stopRequested;
  final long monotonicBase = System.nanoTime();

  WasiContext(
      List<String> args,
      List<String> env,
      Clock clock,
      Random random,
      BooleanSupplier stopRequested) {
    this.args = args.stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
    this.env = env.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
    this.clock = clock;
    this.random = random == null ? new SecureRandom() : random;
    this.stopRequested = stopRequested;
  }
}
