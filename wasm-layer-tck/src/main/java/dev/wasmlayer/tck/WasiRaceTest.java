package dev.wasmlayer.tck;

import static dev.wasmlayer.tck.WasiAttack.symlink;
import static dev.wasmlayer.tck.WasiAttack.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Module;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check-then-use races on path resolution: in the preopen {@code pre}, {@code R/x/victim.txt} holds
 * "decoy" and {@code L/x} is a symbolic link to an outside directory whose {@code victim.txt} holds
 * "OUTSIDE"; {@code d} is a name that R and L take turns to have. A reader opens {@code
 * d/x/victim.txt} over and over (with and without {@code LOOKUP_SYMLINK_FOLLOW}) while a renamer
 * swaps R and L in and out of {@code d}: a guest in another store sharing the preopen, or the host.
 * A jail that checks a path and then opens it again reads OUTSIDE; a sandbox that resolves each
 * component relative to the directory it holds never does.
 *
 * <p>Each race runs {@value #SECONDS_PROPERTY} seconds (default 3); guests stop by their monotonic
 * clock, a store deadline is the safety net where the engine can interrupt, and every thread is
 * joined with a timeout. The counts are printed for the record.
 */
@RequiresFeature(Feature.WASI)
class WasiRaceTest extends TckBase {
  /** The duration of each race, in seconds. */
  static final String SECONDS_PROPERTY = "dev.wasmlayer.tck.race.seconds";

  private static final long MIN_OPENS = 100;

  private Engine raceEngine;
  private Module attack;

  @BeforeAll
  void startRaceEngine() {
    boolean interruptible = Tck.features().contains(Feature.INTERRUPTION);
    raceEngine =
        interruptible
            ? Engines.create(
                Tck.provider().id(), Tck.config().toBuilder().interruption(true).build())
            : Tck.newEngine();
    attack = raceEngine.compile(Tck.wasm(WasiAttack.MODULE));
  }

  @AfterAll
  void stopRaceEngine() {
    attack.close();
    raceEngine.close();
  }

  private static long millis() {
    double seconds = Double.parseDouble(System.getProperty(SECONDS_PROPERTY, "3"));
    return Math.max(100, (long) (seconds * 1000));
  }

  /** Makes the layout; returns the preopen. */
  private static Path layout(Path root) throws IOException {
    Path outside = Files.createDirectory(root.resolve("outside"));
    write(outside.resolve("victim.txt"), "OUTSIDE");
    Path pre = Files.createDirectory(root.resolve("pre"));
    write(pre.resolve("R/x/victim.txt"), "decoy");
    Files.createDirectory(pre.resolve("L"));
    symlink(pre.resolve("L/x"), outside.toAbsolutePath().toString());
    return pre;
  }

  /**
   * Runs the guest with {@code args} on a thread of its own once every party is at {@code start}.
   */
  private Thread guest(
      String name, Path pre, CyclicBarrier start, AtomicReference<Object> result, String... args) {
    long ms = millis();
    Thread t =
        new Thread(
            () -> {
              try {
                start.await(60, TimeUnit.SECONDS);
                result.set(
                    WasiAttack.run(
                        raceEngine,
                        attack,
                        b -> b.preopen(pre, "/pre", false),
                        s ->
                            Tck.features().contains(Feature.INTERRUPTION)
                                ? s.deadline(Duration.ofMillis(ms + 60_000))
                                : s,
                        args));
              } catch (Throwable e) {
                result.set(e);
              }
            },
            "wasi-race-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static WasiAttack.Result joined(Thread t, AtomicReference<Object> result)
      throws InterruptedException {
    t.join(millis() + 90_000);
    assertFalse(t.isAlive(), t.getName() + " did not finish");
    Object r = result.get();
    if (r instanceof Throwable failure) {
      throw new AssertionError(t.getName() + " failed", failure);
    }
    assertNotNull(r, t.getName() + " left no result");
    return (WasiAttack.Result) r;
  }

  /** Parses "reader k=v k=v ..." into a map. */
  private static Map<String, String> counts(WasiAttack.Result r, String prefix) {
    String line =
        r.lines().stream()
            .filter(l -> l.startsWith(prefix + " "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + prefix + " line:\n" + r));
    Map<String, String> m = new HashMap<>();
    for (String kv : line.substring(prefix.length() + 1).split(" ")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return m;
  }

  /** Prints the counts, then asserts the reader never read OUTSIDE (nor anything but decoy). */
  private Map<String, String> assertNoOutsideRead(
      String race, WasiAttack.Result reader, String renamer) {
    assertNull(reader.trap, reader.toString());
    assertEquals(0, reader.exit, reader.toString());
    Map<String, String> c = counts(reader, "reader");
    System.out.println(
        "wasm-layer: "
            + engine.id()
            + " race "
            + race
            + ": "
            + reader.lines().get(0)
            + "; "
            + renamer);
    assertEquals("0", c.get("outside"), "the reader read the outside file:\n" + reader);
    assertEquals("0", c.get("other"), "the reader read something else:\n" + reader);
    return c;
  }

  /** Asserts the reader opened the file often enough for the race to mean something. */
  private static void assertEnoughOpens(Map<String, String> c, WasiAttack.Result reader) {
    long opens = Long.parseLong(c.get("opens"));
    assertTrue(
        opens > MIN_OPENS,
        "only " + opens + " successful opens, the race proves nothing:\n" + reader);
  }

  @Test
  void twoGuestsRacingRenameAgainstOpen(@TempDir Path root) throws Exception {
    Path pre = layout(root);
    String ms = Long.toString(millis());
    CyclicBarrier start = new CyclicBarrier(2);
    AtomicReference<Object> renamed = new AtomicReference<>();
    AtomicReference<Object> read = new AtomicReference<>();
    Thread renamer = guest("renamer", pre, start, renamed, "race-rename", ms);
    Thread reader = guest("reader", pre, start, read, "race-read", ms);
    WasiAttack.Result readerResult = joined(reader, read);
    WasiAttack.Result renamerResult = joined(renamer, renamed);
    assertNull(renamerResult.trap, renamerResult.toString());
    assertEquals(0, renamerResult.exit, renamerResult.toString());
    Map<String, String> r = counts(renamerResult, "renamer");
    Map<String, String> c =
        assertNoOutsideRead("guest-renamer", readerResult, renamerResult.lines().get(0));
    assertEquals("0", r.get("failed"), "the renamer's path_renames failed:\n" + renamerResult);
    assertTrue(Long.parseLong(r.get("rounds")) > 10, renamerResult.toString());
    assertEnoughOpens(c, readerResult);
  }

  @Test
  void hostRenamesAgainstAGuestOpen(@TempDir Path root) throws Exception {
    Path pre = layout(root);
    CyclicBarrier start = new CyclicBarrier(2);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong rounds = new AtomicLong();
    AtomicReference<Throwable> swapFailure = new AtomicReference<>();
    long limit = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis() + 60_000);
    Thread swapper =
        new Thread(
            () -> {
              try {
                start.await(60, TimeUnit.SECONDS);
                Path d = pre.resolve("d");
                while (!stop.get() && System.nanoTime() < limit) {
                  Files.move(pre.resolve("R"), d, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(d, pre.resolve("R"), StandardCopyOption.ATOMIC_MOVE);
                  Files.move(pre.resolve("L"), d, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(d, pre.resolve("L"), StandardCopyOption.ATOMIC_MOVE);
                  rounds.incrementAndGet();
                }
              } catch (IOException
                  | InterruptedException
                  | BrokenBarrierException
                  | TimeoutException e) {
                swapFailure.set(e);
              }
            },
            "wasi-race-swapper");
    swapper.setDaemon(true);
    swapper.start();
    AtomicReference<Object> read = new AtomicReference<>();
    Thread reader = guest("reader", pre, start, read, "race-read", Long.toString(millis()));
    WasiAttack.Result readerResult;
    try {
      readerResult = joined(reader, read);
    } finally {
      stop.set(true);
      swapper.join(60_000);
    }
    assertFalse(swapper.isAlive(), "the swapper did not stop");
    if (swapFailure.get() != null) {
      throw new AssertionError("the host swapper failed", swapFailure.get());
    }
    Map<String, String> c =
        assertNoOutsideRead("host-renamer", readerResult, "host swapper rounds=" + rounds.get());
    assertTrue(rounds.get() > 10, "the host swapped only " + rounds.get() + " times");
    assertEnoughOpens(c, readerResult);
  }
}
