package dev.wasmlayer.componentmodel.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.wasi.WasiConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code wasi:clocks}, {@code wasi:io/poll} and {@code wasi:random}. */
@Timeout(60)
class ClockRandomTest {
  private static final String MONO = "wasi:clocks/monotonic-clock";
  private static final String POLL = IoFunctions.POLL;

  @Test
  void monotonicTimeNeverGoesBackAndPollWaitsForADuration() throws Exception {
    try (Host h = new Host(WasiConfig.builder().build())) {
      long t0 = (Long) h.call(MONO, "now");
      assertTrue(t0 > 0);
      // margins of a minute where a test says "not yet": a slow machine must not fail it
      Object minute = h.call(MONO, "subscribe-duration", 60_000_000_000L);
      Object ready =
          h.call(
              IoFunctions.STREAMS,
              "[method]output-stream.subscribe",
              h.call("wasi:cli/stdout", "get-stdout"));
      // the stream is ready at once: poll returns it alone without waiting for the clock
      assertArrayEquals(new int[] {1}, (int[]) h.call(POLL, "poll", List.of(minute, ready)));
      assertEquals(false, h.call(POLL, "[method]pollable.ready", minute));

      Object p = h.call(MONO, "subscribe-duration", 20_000_000L); // 20 ms
      assertArrayEquals(new int[] {0}, (int[]) h.call(POLL, "poll", List.of(p, minute)));
      long t1 = (Long) h.call(MONO, "now");
      assertTrue(t1 - t0 >= 20_000_000L, "poll waited: " + (t1 - t0) + " ns");
      assertEquals(true, h.call(POLL, "[method]pollable.ready", p));

      Object later = h.call(MONO, "subscribe-instant", t1 + 10_000_000L);
      h.call(POLL, "[method]pollable.block", later);
      assertTrue((Long) h.call(MONO, "now") >= t1 + 10_000_000L);
      assertEquals(true, h.call(POLL, "[method]pollable.ready", later));
      assertEquals(1_000L, h.call(MONO, "resolution"));
    }
  }

  @Test
  void anEmptyPollIsRefused() {
    try (Host h = new Host(WasiConfig.builder().build())) {
      assertThrows(IllegalArgumentException.class, () -> h.call(POLL, "poll", List.of()));
    }
  }

  @Test
  void anInjectedClockDrivesBothClocksAndAStillClockDoesNotHang() throws Exception {
    Instant at = Instant.parse("2030-01-02T03:04:05.123456789Z");
    WasiConfig c = WasiConfig.builder().clock(Clock.fixed(at, ZoneOffset.UTC)).build();
    try (Host h = new Host(c)) {
      assertEquals(
          Map.of("seconds", at.getEpochSecond(), "nanoseconds", 123456789),
          h.call("wasi:clocks/wall-clock", "now"));
      long now = (Long) h.call(MONO, "now");
      assertEquals(at.getEpochSecond() * 1_000_000_000L + 123456789, now);
      Object p = h.call(MONO, "subscribe-duration", 5_000_000L);
      assertFalse((Boolean) h.call(POLL, "[method]pollable.ready", p));
      // the clock stands still: the wait is the duration in real time, then the pollable counts
      assertArrayEquals(new int[] {0}, (int[]) h.call(POLL, "poll", List.of(p)));
    }
  }

  @Test
  void randomBytesHaveTheLengthAskedAndComeFromTheConfiguredSource() throws Exception {
    WasiConfig c = WasiConfig.builder().random(new Random(7)).build();
    byte[] expected = new byte[16];
    new Random(7).nextBytes(expected);
    try (Host h = new Host(c)) {
      assertArrayEquals(expected, (byte[]) h.call("wasi:random/random", "get-random-bytes", 16L));
      assertEquals(
          1000,
          ((byte[]) h.call("wasi:random/insecure", "get-insecure-random-bytes", 1000L)).length);
      assertEquals(0, ((byte[]) h.call("wasi:random/random", "get-random-bytes", 0L)).length);
      assertTrue(h.call("wasi:random/random", "get-random-u64") instanceof Long);
      assertTrue(h.call("wasi:random/insecure", "get-insecure-random-u64") instanceof Long);
      List<?> seed = (List<?>) h.call("wasi:random/insecure-seed", "insecure-seed");
      assertEquals(2, seed.size());
    }
  }

  @Test
  void aHugeRandomLengthIsRefusedNotAllocated() {
    try (Host h = new Host(WasiConfig.builder().build())) {
      for (long len : new long[] {1L << 31, -1L, ClockRandomFunctions.MAX_RANDOM + 1L}) {
        IllegalArgumentException e =
            assertThrows(
                IllegalArgumentException.class,
                () -> h.call("wasi:random/random", "get-random-bytes", len));
        assertTrue(e.getMessage().contains(Long.toUnsignedString(len)), e.getMessage());
        assertThrows(
            IllegalArgumentException.class,
            () -> h.call("wasi:random/insecure", "get-insecure-random-bytes", len));
      }
    }
  }
}
