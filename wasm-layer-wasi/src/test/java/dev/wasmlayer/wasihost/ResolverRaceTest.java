package dev.wasmlayer.wasihost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-then-use race that escaped the old path jail: while a host thread swaps {@code d}
 * between a real directory and a symlink out of the preopen, opening {@code d/x/victim.txt} must
 * never read the outside file. Seconds: {@code -Ddev.wasmlayer.wasi.race.seconds} (default 2).
 */
class ResolverRaceTest {
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aSwappedDirectoryNeverLeadsOutside(@TempDir Path tmp) throws Exception {
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    Path outside = Files.createDirectories(tmp.resolve("outside/x"));
    Files.writeString(outside.resolve("victim.txt"), "OUTSIDE");
    Files.createDirectories(pre.resolve("R/x"));
    Files.writeString(pre.resolve("R/x/victim.txt"), "decoy");
    Files.createDirectory(pre.resolve("L"));
    Files.createSymbolicLink(pre.resolve("L/x"), outside);
    long millis = Long.getLong("dev.wasmlayer.wasi.race.seconds", 2) * 1000;
    AtomicBoolean stop = new AtomicBoolean();
    Thread swapper =
        new Thread(
            () -> {
              try {
                while (!stop.get()) {
                  swap(pre, "R");
                  swap(pre, "L");
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    swapper.start();
    OpenDir d = Jails.preopen(pre, false, true);
    int decoys = 0;
    int outsides = 0;
    int tries = 0;
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      while (System.nanoTime() < end) {
        String got = Jails.read(d, "d/x/victim.txt", (tries & 1) == 0);
        tries++;
        if (got.equals("decoy")) {
          decoys++;
        } else if (got.equals("OUTSIDE")) {
          outsides++;
        }
      }
    } finally {
      stop.set(true);
      swapper.join(TimeUnit.SECONDS.toMillis(30));
      d.close();
    }
    System.out.printf(
        "resolver race: %d opens, %d decoys read, %d outside reads%n", tries, decoys, outsides);
    assertEquals(0, outsides, "reads of the file outside the preopen");
    assertTrue(
        decoys > 100, "the race must have been run: " + decoys + " decoys in " + tries + " tries");
  }

  /** Renames {@code name} to {@code d} and back. */
  private static void swap(Path pre, String name) throws IOException {
    move(pre.resolve(name), pre.resolve("d"));
    move(pre.resolve("d"), pre.resolve(name));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
