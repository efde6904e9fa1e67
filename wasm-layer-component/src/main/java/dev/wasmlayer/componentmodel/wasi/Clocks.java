package dev.wasmlayer.componentmodel.wasi;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store's clocks, as preview 1 has them: an injected {@link Clock} drives both wall-clock and
 * monotonic time; without one, wall time is the system's and monotonic time is {@link
 * System#nanoTime} from a base taken at creation.
 */
final class Clocks {
  /** Both clocks' resolution in nanoseconds, as preview 1 reports it. */
  static final long RESOLUTION_NANOS = 1_000;

  private final Clock clock;
  private final long base = System.nanoTime();

  Clocks(Clock clock) {
    this.clock = clock;
  }

  /** {@return monotonic time in nanoseconds (never 0)} */
  long monotonicNow() {
    if (clock != null) {
      return nanos(clock.instant());
    }
    return System.nanoTime() - base + 1;
  }

  /** {@return wall time as a {@code datetime} record} */
  Map<String, Object> wallNow() {
    Instant t = clock != null ? clock.instant() : Instant.now();
    return datetime(t.getEpochSecond(), t.getNano());
  }

  static Map<String, Object> datetime(long seconds, int nanos) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", seconds);
    m.put("nanoseconds", nanos);
    return m;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
