package dev.wasmlayer.componentmodel.wasi;

import static dev.wasmlayer.component.WitFuncType.param;
import static dev.wasmlayer.componentmodel.wasi.Wit.U32;
import static dev.wasmlayer.componentmodel.wasi.Wit.U64;

import dev.wasmlayer.component.WitType;
import java.util.List;

/** {@code wasi:clocks/monotonic-clock}, {@code wall-clock} and {@code wasi:random/*}. */
final class ClockRandomFunctions {
  /**
   * The most random bytes one call returns. The functions have no error case: a guest asking for
   * more traps with a message instead of making the host allocate what it asked.
   */
  static final int MAX_RANDOM = 64 * 1024 * 1024;

  private ClockRandomFunctions() {}

  static void register(Registry r, WasiState s) {
    String mono = "wasi:clocks/monotonic-clock";
    r.func(mono, "now", U64, a -> s.clocks.monotonicNow());
    r.func(mono, "resolution", U64, a -> Clocks.RESOLUTION_NANOS);
    r.func(
        mono,
        "subscribe-instant",
        Wit.own(s.pollable),
        a -> Pollable.at(s.clocks, Values.u64(a[0])),
        param("when", U64));
    r.func(
        mono,
        "subscribe-duration",
        Wit.own(s.pollable),
        a -> Pollable.after(s.clocks, Values.u64(a[0])),
        param("when", U64));

    String wall = "wasi:clocks/wall-clock";
    WitType datetime = Wit.record("seconds", U64, "nanoseconds", U32);
    r.func(wall, "now", datetime, a -> s.clocks.wallNow());
    r.func(wall, "resolution", datetime, a -> Clocks.datetime(0, (int) Clocks.RESOLUTION_NANOS));

    r.func(
        "wasi:random/random",
        "get-random-bytes",
        Wit.BYTES,
        a -> randomBytes(s, a[0]),
        param("len", U64));
    r.func("wasi:random/random", "get-random-u64", U64, a -> s.random.nextLong());
    r.func(
        "wasi:random/insecure",
        "get-insecure-random-bytes",
        Wit.BYTES,
        a -> randomBytes(s, a[0]),
        param("len", U64));
    r.func("wasi:random/insecure", "get-insecure-random-u64", U64, a -> s.random.nextLong());
    r.func(
        "wasi:random/insecure-seed",
        "insecure-seed",
        Wit.tuple(U64, U64),
        a -> List.of(s.random.nextLong(), s.random.nextLong()));
  }

  private static byte[] randomBytes(WasiState s, Object len) {
    long n = Values.u64(len);
    if (Long.compareUnsigned(n, MAX_RANDOM) > 0) {
      throw new IllegalArgumentException(
          "get-random-bytes of "
              + Long.toUnsignedString(n)
              + " bytes: more than the "
              + MAX_RANDOM
              + " one call returns");
    }
    byte[] b = new byte[(int) n];
    s.random.nextBytes(b);
    return b;
  }
}
