package dev.wasmlayer.tck;

import static dev.wasmlayer.tck.WasiAttack.assertLines;
import static dev.wasmlayer.tck.WasiAttack.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmlayer.Feature;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mutating WASI call against a read-only preopen ({@code /ro}, next to a writable {@code
 * /rw}): each must give the errno wasmtime gives (no trap, no Java exception, exit 0) and leave
 * {@code /ro} exactly as it was (names, bytes, link counts, modification times, which are set in
 * the past beforehand so any touch shows).
 *
 * <p>Layout: {@code ro/f.txt}, {@code ro/emptydir/}, {@code ro/subdir/g.txt}; {@code rw/w.txt}.
 */
@RequiresFeature(Feature.WASI)
class WasiReadOnlyTest extends TckBase {
  /** Case group of the guest, then the lines wasmtime prints for it. */
  private static final Map<String, List<String>> READONLY = new LinkedHashMap<>();

  static {
    READONLY.put(
        "open-flags",
        List.of(
            "creat errno=63",
            "creat-read-rights errno=63",
            "trunc errno=63",
            "trunc-read-rights errno=63",
            "excl errno=63",
            "excl-existing errno=63"));
    READONLY.put("open-write", List.of("open-write errno=63"));
    READONLY.put("open-all-rights", List.of("open-all-rights errno=63"));
    READONLY.put(
        "open-read",
        List.of(
            "open-read errno=0",
            "open-read-fd-write errno=8",
            "open-read-fd-pwrite errno=8",
            "open-read-fd-set-size errno=63",
            "open-read-fd-allocate errno=58",
            "open-read-fd-set-times errno=63"));
    READONLY.put(
        "path-ops",
        List.of(
            "path-set-times errno=63",
            "path-set-times-dir errno=63",
            "mkdir errno=63",
            "rmdir errno=63",
            "unlink errno=63",
            "symlink errno=63"));
    READONLY.put(
        "renames",
        List.of(
            "rename-within errno=63",
            "rename-ro-to-rw errno=63",
            "rename-rw-to-ro errno=63",
            "rename-dir-ro-to-rw errno=63"));
    READONLY.put(
        "links",
        List.of("link-ro-to-rw errno=63", "link-rw-to-ro errno=63", "link-within-ro errno=63"));
    READONLY.put(
        "subdir",
        List.of(
            "subdir-open errno=0",
            "subdir-creat errno=63",
            "subdir-mkdir errno=63",
            "subdir-unlink errno=63"));
  }

  Stream<Arguments> cases() {
    return READONLY.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mutationsOfAReadOnlyPreopenAreRefused(
      String group, List<String> expected, @TempDir Path root) throws IOException {
    Path ro = Files.createDirectory(root.resolve("ro"));
    Path rw = Files.createDirectory(root.resolve("rw"));
    write(ro.resolve("f.txt"), "ro-content");
    Files.createDirectory(ro.resolve("emptydir"));
    write(ro.resolve("subdir/g.txt"), "ro-g");
    write(rw.resolve("w.txt"), "rw-content");
    FileTime past = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
    for (Path p :
        List.of(
            ro.resolve("f.txt"),
            ro.resolve("emptydir"),
            ro.resolve("subdir/g.txt"),
            ro.resolve("subdir"),
            ro)) {
      Files.setLastModifiedTime(p, past);
    }
    Map<String, String> before = WasiAttack.snapshot(ro);
    WasiAttack.Result r =
        WasiAttack.run(
            engine,
            module(WasiAttack.MODULE),
            b -> b.preopen(ro, "/ro", true).preopen(rw, "/rw", false),
            s -> s,
            "readonly",
            group);
    System.out.println("wasm-layer: " + engine.id() + " readonly " + group + ":\n" + r.out.strip());
    assertEquals(before, WasiAttack.snapshot(ro), "the read-only preopen changed:\n" + r);
    assertEquals("ro-content", Files.readString(ro.resolve("f.txt")));
    assertEquals(
        "rw-content", Files.readString(rw.resolve("w.txt")), "rw/w.txt changed or moved:\n" + r);
    assertLines(engine.id(), expected, r);
  }
}
