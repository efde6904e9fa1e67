package dev.wasmlayer.tck;

import static dev.wasmlayer.tck.WasiAttack.assertLines;
import static dev.wasmlayer.tck.WasiAttack.symlink;
import static dev.wasmlayer.tck.WasiAttack.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Feature;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raw WASI calls with guest-chosen pointers and lengths (out of the guest's 128 KiB memory,
 * misaligned, or lengths of about 2 GiB), one call per run: each must do what wasmtime does and the
 * host must not allocate for the claimed lengths: the calling thread (which runs the guest)
 * allocates under 16 MiB per run.
 *
 * <p>What wasmtime does is one of two things. A pointer the call has to dereference that is out of
 * bounds or misaligned is a trap ({@link dev.wasmlayer.TrapException}, not any other exception), as
 * the WASI witx documents say a function shall; so is an invalid enum value (a clock id) and a
 * {@code random_get} over its 64 MiB limit. A length too large to serve is an errno (ENOMEM, 48)
 * and the guest runs on to print {@code done}; a large buffer length whose bytes the call never
 * needs is no error at all.
 *
 * <p>Also: size changes through a read-only fd, links and renames across two preopens, and {@code
 * proc_exit} statuses.
 *
 * <p>Layout: {@code rw/w.txt}, {@code rw/link -> w.txt}; {@code rw2/} empty.
 */
@RequiresFeature(Feature.WASI)
class WasiBadArgumentsTest extends TckBase {
  private static final long MAX_ALLOCATED = 16L << 20;

  /** A case's expected outcome: a trap. */
  private static final String TRAP = "trap";

  /** Case of the guest, then what wasmtime does: {@link #TRAP}, or the lines it prints. */
  private static final Map<String, List<String>> BADARGS = new LinkedHashMap<>();

  static {
    errno("path-open-huge-len", 48); // ENOMEM: wasmtime refuses the length before reading the path
    trap("path-open-oob-path", "path-open-oob-result");
    for (String f : List.of("fd-write", "fd-read", "fd-pwrite", "fd-pread")) {
      trap(f + "-iovs-oob", f + "-iovs-misaligned", f + "-iov-buf-oob", f + "-result-oob");
      errno(f + "-iov-huge-len", 48); // ENOMEM
      errno(f + "-iovs-huge-count", 48); // ENOMEM
    }
    trap("args-get-oob-argv", "args-get-oob-buf", "environ-get-oob-environ", "environ-get-oob-buf");
    trap("prestat-dir-name-oob", "prestat-get-oob");
    errno("prestat-dir-name-huge-len", 0); // only the name's bytes are written, and they fit
    trap("readlink-oob-buf");
    errno("readlink-huge-len", 0); // only the link's text is written
    trap("readdir-oob-buf");
    errno("readdir-huge-len", 0); // only the directory's entries are written
    BADARGS.put("readdir-huge-cookie", List.of("readdir-huge-cookie errno=0 used=0"));
    trap(
        "random-oob",
        "random-huge-len"); // wasmtime: "requested len 2147483632 exceeds limit 67108864"
    trap(
        "clock-oob",
        "clock-misaligned",
        "clock-bad-id"); // an invalid clock id traps too ("Invalid enum value")
    errno("poll-huge-count", 48); // ENOMEM
    errno("poll-zero", 28); // EINVAL
    // a file opened with read rights only: set_size EINVAL, allocate ENOTSUP (wasmtime never
    // supports fd_allocate)
    BADARGS.put(
        "readonly-fd",
        List.of(
            "readonly-fd-open errno=0",
            "readonly-fd-set-size errno=28",
            "readonly-fd-allocate errno=58"));
    // two writable preopens on one file system: a link or a rename from one into the other is
    // allowed
    BADARGS.put(
        "across-preopens",
        List.of("link-across-preopens errno=0", "rename-across-preopens errno=0"));
  }

  private static void trap(String... names) {
    for (String n : names) {
      BADARGS.put(n, List.of(TRAP));
    }
  }

  private static void errno(String name, int errno) {
    BADARGS.put(name, List.of(name + " errno=" + errno));
  }

  Stream<Arguments> cases() {
    return BADARGS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badArgumentsAreRefused(String name, List<String> expected, @TempDir Path root)
      throws IOException {
    Path rw = Files.createDirectory(root.resolve("rw"));
    Path rw2 = Files.createDirectory(root.resolve("rw2"));
    write(rw.resolve("w.txt"), "rw-content");
    write(rw.resolve("r.txt"), "to-rename");
    write(rw.resolve("scratch.bin"), "0123456789abcdef".repeat(4));
    symlink(rw.resolve("link"), "w.txt");
    warmUp(); // compiled, loaded and run once before the measurement
    WasiAttack.Result r =
        WasiAttack.run(
            engine,
            module(WasiAttack.MODULE),
            b -> b.preopen(rw, "/rw", false).preopen(rw2, "/rw2", false).env("E", "v"),
            s -> s,
            "badargs",
            name);
    System.out.println(
        "wasm-layer: "
            + engine.id()
            + " badargs "
            + name
            + " (allocated "
            + r.allocated
            + " bytes): "
            + (r.trap != null ? "trap " + r.trap.kind() + " " + firstLine(r.trap) : r.out.strip()));
    String instead = WasiAttack.ENGINE_ERRNOS.getOrDefault(engine.id(), Map.of()).get(name);
    if (expected.equals(List.of(TRAP)) && instead == null) {
      assertNotNull(r.trap, "wasmtime traps here (an out-of-bounds or misaligned pointer):\n" + r);
      assertEquals("", r.out, "the call returned:\n" + r);
    } else {
      assertLines(engine.id(), expected.equals(List.of(TRAP)) ? List.of(instead) : expected, r);
    }
    assertTrue(r.allocated < MAX_ALLOCATED, "the run allocated " + r.allocated + " bytes");
    assertEquals("rw-content", Files.readString(rw.resolve("w.txt")), "w.txt changed:\n" + r);
  }

  private boolean warm;

  private void warmUp() {
    if (!warm) {
      WasiAttack.run(engine, module(WasiAttack.MODULE), b -> b, s -> s, "exit", "0");
      warm = true;
    }
  }

  private static String firstLine(Throwable t) {
    String m = String.valueOf(t.getMessage()).strip();
    int nl = m.lastIndexOf('\n');
    return nl < 0 ? m : m.substring(nl + 1).strip();
  }

  /** The statuses {@code proc_exit} passes on as exit codes: wasmtime's range, 0 to 125. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 125})
  void procExitInRangeIsTheExitCode(int status) {
    WasiAttack.Result r =
        WasiAttack.run(
            engine, module(WasiAttack.MODULE), b -> b, s -> s, "exit", Integer.toString(status));
    assertNull(r.trap, r.toString());
    assertEquals(status, r.exit);
  }

  /**
   * Any other status traps, as on wasmtime ("exit with invalid exit status outside of [0..126)"):
   * the agreed rule for every engine, so a host never sees an exit code a shell would read as a
   * signal or a truncated number.
   */
  @ParameterizedTest
  @ValueSource(ints = {126, 255, 256, 300, -1, Integer.MIN_VALUE})
  void procExitOutOfRangeTraps(int status) {
    WasiAttack.Result r =
        WasiAttack.run(
            engine, module(WasiAttack.MODULE), b -> b, s -> s, "exit", Integer.toString(status));
    System.out.println("wasm-layer: " + engine.id() + " proc_exit(" + status + "): " + r);
    assertNotNull(r.trap, "proc_exit(" + status + ") must trap, not exit with " + r.exit);
  }
}
