package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Runs {@code src/main/c/wasi_attack.c}, the TCK's hostile WASI guest (raw {@code
 * wasi_snapshot_preview1} calls, one output line per case with the raw WASI errno), and checks host
 * directories around it. Shared by the {@code Wasi*Test} sandbox classes.
 *
 * <p>The expected values in those classes are what wasmtime (its cap-std WASI, the reference)
 * returns; every engine must return the same. The one place for a legitimate difference is {@link
 * #ENGINE_ERRNOS}.
 */
final class WasiAttack {
  /** The guest's module name in the TCK resources. */
  static final String MODULE = "wasi_attack";

  /*
   * WASI preview 1 errno numbers the expectations use: 0 success, 8 EBADF, 28 EINVAL, 32 ELOOP, 37 ENAMETOOLONG,
   * 44 ENOENT, 48 ENOMEM, 54 ENOTDIR, 58 ENOTSUP, 63 EPERM (wasmtime's answer to every escape and to every write to a
   * read-only preopen), 76 ENOTCAPABLE.
   */

  /**
   * The one table of per-engine differences: engine id, then the guest's case line prefix, then the
   * line the engine prints instead of wasmtime's (or instead of wasmtime's trap), each with its
   * reason. An entry needs a reason that is not "the engine does it differently today": a rule
   * chosen on purpose, or a difference the host cannot avoid.
   */
  static final Map<String, Map<String, String>> ENGINE_ERRNOS =
      Map.of("chicory", WasiAttack.layerWasi(), "graalwasm", WasiAttack.layerWasi());

  /**
   * Where the layer's own WASI ({@code wasm-layer-wasi}, on Chicory and GraalWasm) answers
   * differently from wasmtime, on purpose: a bad pointer or length is an errno and the guest runs
   * on, never a trap (wasmtime traps on a pointer out of the memory, a misaligned one, a bad clock
   * id and a {@code random_get} over 64 MiB); a length past the end of the memory is EFAULT (21) as
   * POSIX says, where wasmtime answers ENOMEM (48) after sizing a host buffer by it; an unaligned
   * pointer inside the memory is simply used. Reading a link or making a directory, symlink or hard
   * link through a directory fd whose host path the guest has since moved is ENOTCAPABLE (76), the
   * README's by-path rule.
   */
  private static Map<String, String> layerWasi() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String f : List.of("fd-write", "fd-read", "fd-pwrite", "fd-pread")) {
      for (String c :
          List.of(
              "-iovs-oob",
              "-iovs-misaligned",
              "-iov-buf-oob",
              "-result-oob",
              "-iov-huge-len",
              "-iovs-huge-count")) {
        m.put(f + c, f + c + " errno=21");
      }
    }
    for (String c :
        List.of(
            "path-open-huge-len",
            "path-open-oob-path",
            "path-open-oob-result",
            "args-get-oob-argv",
            "args-get-oob-buf",
            "environ-get-oob-environ",
            "environ-get-oob-buf",
            "prestat-dir-name-oob",
            "prestat-get-oob",
            "readlink-oob-buf",
            "readdir-oob-buf",
            "random-oob",
            "random-huge-len",
            "clock-oob",
            "poll-huge-count")) {
      m.put(c, c + " errno=21");
    }
    // the JDK reads links and makes directories by path only: through a directory fd whose path the
    // guest has moved
    // (here replaced by a link out of the preopen), that path would lead out; the call is
    // ENOTCAPABLE instead
    for (String c : List.of("stale-dir-readlink", "stale-dir-follow", "stale-dir-mkdir")) {
      m.put(c, c + " errno=76");
    }
    m.put("clock-misaligned", "clock-misaligned errno=0");
    m.put("clock-bad-id", "clock-bad-id errno=28");
    return Map.copyOf(m);
  }

  private static final boolean UNIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  private WasiAttack() {}

  /** What one run of the guest produced. */
  static final class Result {
    final int exit;
    final String out;
    final String err;

    /** Bytes the calling thread allocated in {@link Wasi#run}, or -1 where the JVM cannot tell. */
    final long allocated;

    /**
     * The trap that ended the run ({@link #exit} is then -1), or null if the run ended normally.
     */
    final TrapException trap;

    Result(int exit, String out, String err, long allocated, TrapException trap) {
      this.exit = exit;
      this.out = out;
      this.err = err;
      this.allocated = allocated;
      this.trap = trap;
    }

    /** The output lines. */
    List<String> lines() {
      return out.lines().toList();
    }

    @Override
    public String toString() {
      return (trap == null ? "exit " + exit : "trap " + trap.kind() + ": " + trap.getMessage())
          + "\n--- stdout\n"
          + out
          + "--- stderr\n"
          + err;
    }
  }

  /**
   * Runs the guest in a new store of {@code engine} with the given WASI setup and arguments (after
   * argv[0]). A trap is part of the result; any other exception propagates.
   */
  static Result run(
      Engine engine,
      Module module,
      UnaryOperator<WasiConfig.Builder> setup,
      UnaryOperator<StoreConfig.Builder> store,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiConfig wasi =
        setup.apply(WasiConfig.builder().args(MODULE).args(args).stdout(out).stderr(err)).build();
    try (Store<Void> s =
        engine.newStore(null, store.apply(StoreConfig.builder().wasi(wasi)).build())) {
      long before = allocatedByThisThread();
      int exit = -1;
      TrapException trap = null;
      try {
        exit = Wasi.run(s, module);
      } catch (TrapException t) {
        trap = t;
      }
      long after = allocatedByThisThread();
      return new Result(
          exit,
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8),
          before < 0 || after < 0 ? -1 : after - before,
          trap);
    }
  }

  /**
   * Bytes the current thread has allocated on the Java heap so far, or -1 if the JVM does not say.
   */
  static long allocatedByThisThread() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (bean instanceof com.sun.management.ThreadMXBean counting) {
      return counting.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }

  /**
   * The lines expected from {@code engineId}: {@code expected} with the lines of {@link
   * #ENGINE_ERRNOS} for that engine put in place of wasmtime's (matched by the case name, the
   * line's first word).
   */
  static List<String> expectedFor(String engineId, List<String> expected) {
    Map<String, String> diff = ENGINE_ERRNOS.getOrDefault(engineId, Map.of());
    List<String> result = new ArrayList<>();
    for (String line : expected) {
      String name = line.split(" ", 2)[0];
      result.add(diff.getOrDefault(name, line));
    }
    return result;
  }

  /**
   * Every entry under {@code root} (not following symbolic links) but those under {@code skip}:
   * relative path to type, size, modification time and content (file bytes, or a link's target).
   * Equal snapshots mean nothing changed.
   */
  static Map<String, String> snapshot(Path root, Path... skip) {
    Map<String, String> map = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Arrays.stream(skip).anyMatch(p::startsWith)) {
          continue;
        }
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String what;
        if (a.isSymbolicLink()) {
          what = "link -> " + Files.readSymbolicLink(p);
        } else if (a.isDirectory()) {
          what = "dir mtime=" + a.lastModifiedTime().toMillis();
        } else {
          Object links =
              UNIX ? Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS) : "?";
          what =
              "file nlink="
                  + links
                  + " size="
                  + a.size()
                  + " mtime="
                  + a.lastModifiedTime().toMillis()
                  + " content="
                  + Arrays.toString(Files.readAllBytes(p));
        }
        map.put(root.relativize(p).toString(), what);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return map;
  }

  /**
   * Asserts the run ended normally (exit 0, final "done" line) and its lines are exactly {@code
   * expected}.
   */
  static void assertLines(String engineId, List<String> expected, Result r) {
    List<String> want = new ArrayList<>(expectedFor(engineId, expected));
    want.add("done");
    assertEquals(String.join("\n", want), String.join("\n", r.lines()), r.toString());
    assertNull(r.trap, r.toString());
    assertEquals(0, r.exit, r.toString());
  }

  /** Asserts the output shows none of the given outside contents. */
  static void assertNoLeak(Result r, String... secrets) {
    for (String s : secrets) {
      assertFalse(r.out.contains(s), "outside content '" + s + "' reached the guest:\n" + r);
    }
  }

  /** Writes {@code content} to {@code file} (UTF-8). */
  static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates a symbolic link {@code link} pointing to {@code target} (as given: relative stays
   * relative).
   */
  static void symlink(Path link, String target) {
    try {
      Files.createSymbolicLink(link, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
