package dev.wasmlayer.tck;

import static dev.wasmlayer.tck.WasiAttack.assertLines;
import static dev.wasmlayer.tck.WasiAttack.assertNoLeak;
import static dev.wasmlayer.tck.WasiAttack.symlink;
import static dev.wasmlayer.tck.WasiAttack.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WASI escape matrix: a guest with one preopen ({@code /pre}) tries every way out of it that
 * preview 1 offers ({@code ..}, absolute paths, symbolic links made by the host or by the guest,
 * hard links, renames, directory fds, {@code fd_renumber}, long and NUL-carrying paths). Each case
 * asserts the raw errno wasmtime returns, that no outside content reached the guest and that
 * nothing outside the preopen changed.
 *
 * <p>Layout: {@code root/secret.txt} (777 bytes starting "SECRET") is outside; the preopen {@code
 * root/pre} holds {@code a.txt}, {@code sub/b.txt}, {@code sub/in-up -> ../a.txt}, {@code abs-link
 * -> root/secret.txt} (absolute), {@code rel-link -> ../secret.txt}, {@code up -> ..}, {@code
 * loop-a <-> loop-b} and {@code in-link -> a.txt}.
 *
 * <p>wasmtime's answers where they may surprise, kept as the rule (none lets anything out):
 *
 * <ul>
 *   <li>{@code dirfd-parent}: a directory fd from {@code path_open} is a sandbox of its own
 *       (cap-std), so {@code ../a.txt} from {@code sub} is refused (EPERM) although it stays inside
 *       the preopen.
 *   <li>{@code guest-symlink}: the guest may create a link with the text {@code ../secret.txt}; it
 *       is opening it that fails (EPERM following it, ELOOP without following). A link with an
 *       absolute target cannot even be created ({@code guest-symlink-abs}: EPERM).
 *   <li>{@code readlink-abs}: reading a link whose target is absolute is refused (EPERM); a
 *       relative target's text is returned ({@code readlink-rel}), which leaks no content.
 *   <li>{@code hardlink-via-*}: {@code path_link} with {@code LOOKUP_SYMLINK_FOLLOW} is EINVAL,
 *       whatever the link.
 *   <li>{@code long-path}: 4,999 bytes of {@code ./} that would resolve inside are ENAMETOOLONG;
 *       300 components ({@code components-300}) resolve. NUL bytes in a path are EINVAL, an empty
 *       path ENOENT.
 *   <li>{@code renumber}: renumbering a file over a preopen's number is allowed; the number then
 *       names the file ({@code fd_prestat_get} EBADF, {@code path_open} ENOTDIR).
 *   <li>{@code stale-dir}: a directory fd on {@code sub}, then {@code sub} renamed and replaced by
 *       {@code sub -> ..}: the fd still means the real directory (wasmtime follows {@code l ->
 *       b.txt} in it and makes {@code new}); {@code wasm-layer-wasi} reads links and makes
 *       directories by host path, which now leads out, so those calls are ENOTCAPABLE there (listed
 *       in {@link WasiAttack#ENGINE_ERRNOS}) and never reach outside.
 * </ul>
 */
@RequiresFeature(Feature.WASI)
class WasiSandboxTest extends TckBase {
  private static final String SECRET = "SECRET" + "x".repeat(771);

  /** Case group of the guest, then the lines wasmtime prints for it. */
  private static final Map<String, List<String>> ESCAPE = new LinkedHashMap<>();

  static {
    ESCAPE.put("dotdot", List.of("dotdot errno=63"));
    ESCAPE.put("sub-dotdot", List.of("sub-dotdot errno=63"));
    ESCAPE.put("sub-dotdot-inside", List.of("sub-dotdot-inside errno=0 content=inside-a"));
    ESCAPE.put("abs-etc", List.of("abs-etc errno=63"));
    ESCAPE.put("abs-host", List.of("abs-host errno=63"));
    ESCAPE.put("abs-link", List.of("abs-link-follow errno=63", "abs-link-nofollow errno=32"));
    ESCAPE.put("rel-link", List.of("rel-link-follow errno=63", "rel-link-nofollow errno=32"));
    ESCAPE.put(
        "guest-symlink",
        List.of(
            "guest-symlink errno=0",
            "guest-symlink-follow errno=63",
            "guest-symlink-nofollow errno=32"));
    ESCAPE.put(
        "guest-symlink-abs",
        List.of("guest-symlink-abs errno=63", "guest-symlink-abs-follow errno=44"));
    ESCAPE.put(
        "up",
        List.of(
            "up-follow errno=63",
            "up-nofollow errno=63",
            "up-dir errno=63",
            "up-filestat errno=63"));
    ESCAPE.put(
        "loop", List.of("loop-follow errno=32", "loop-nofollow errno=32", "loop-through errno=32"));
    ESCAPE.put(
        "inside-links",
        List.of("in-link errno=0 content=inside-a", "sub-in-up errno=0 content=inside-a"));
    ESCAPE.put(
        "hardlink",
        List.of(
            "hardlink-out errno=63",
            "hardlink-out-open errno=44",
            "hardlink-via-symlink errno=28",
            "hardlink-via-symlink-open errno=44",
            "hardlink-via-abs-symlink errno=28",
            "hardlink-via-abs-symlink-open errno=44"));
    ESCAPE.put(
        "rename",
        List.of(
            "rename-out errno=63",
            "rename-in errno=63",
            "rename-in-open errno=44",
            "rename-over-up errno=63"));
    ESCAPE.put(
        "dirfd",
        List.of(
            "dirfd-open errno=0",
            "dirfd-escape errno=63",
            "dirfd-parent errno=63",
            "dirfd-own errno=0 content=inside-b"));
    ESCAPE.put(
        "long",
        List.of(
            "long-name errno=37",
            "long-path errno=37",
            "components-300 errno=0 content=inside-a",
            "dotdot-300 errno=63"));
    ESCAPE.put(
        "nul",
        List.of("nul-middle errno=28", "nul-end errno=28", "nul-only errno=28", "empty errno=44"));
    ESCAPE.put(
        "filestat",
        List.of(
            "filestat-rel-follow errno=63",
            "filestat-rel-nofollow errno=0 type=7 size=13",
            "filestat-abs-follow errno=63",
            "filestat-dotdot errno=63",
            "filestat-inside errno=0 type=4 size=8"));
    ESCAPE.put(
        "readlink",
        List.of(
            "readlink-rel errno=0 text=../secret.txt",
            "readlink-abs errno=63",
            "readlink-outside errno=63"));
    ESCAPE.put(
        "stale-dir",
        List.of(
            "stale-dir-link errno=0",
            "stale-dir-open errno=0",
            "stale-dir-rename errno=0",
            "stale-dir-swap errno=0",
            "stale-dir-own errno=0 content=inside-b",
            "stale-dir-readlink errno=0 text=b.txt",
            "stale-dir-follow errno=0 content=inside-b",
            "stale-dir-secret errno=44",
            "stale-dir-mkdir errno=0"));
  }

  Stream<Arguments> escapeCases() {
    return ESCAPE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  /** Makes the layout under {@code root} and returns the preopen directory. */
  static Path layout(Path root) throws IOException {
    write(root.resolve("secret.txt"), SECRET);
    Path pre = Files.createDirectory(root.resolve("pre"));
    write(pre.resolve("a.txt"), "inside-a");
    write(pre.resolve("sub/b.txt"), "inside-b");
    symlink(pre.resolve("sub/in-up"), "../a.txt");
    symlink(pre.resolve("abs-link"), root.resolve("secret.txt").toAbsolutePath().toString());
    symlink(pre.resolve("rel-link"), "../secret.txt");
    symlink(pre.resolve("up"), "..");
    symlink(pre.resolve("loop-a"), "loop-b");
    symlink(pre.resolve("loop-b"), "loop-a");
    symlink(pre.resolve("in-link"), "a.txt");
    return pre;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapeCases")
  void escapesAreRefused(String group, List<String> expected, @TempDir Path root)
      throws IOException {
    Path pre = layout(root);
    Map<String, String> outside = WasiAttack.snapshot(root, pre);
    String secretPath = root.resolve("secret.txt").toAbsolutePath().toString();
    WasiAttack.Result r =
        WasiAttack.run(
            engine,
            module(WasiAttack.MODULE),
            b -> b.preopen(pre, "/pre", false),
            s -> s,
            "escape",
            group,
            secretPath);
    System.out.println("wasm-layer: " + engine.id() + " escape " + group + ":\n" + r.out.strip());
    assertNoLeak(r, "SECRET", "size=777", "root:x:0:0");
    assertEquals(
        outside, WasiAttack.snapshot(root, pre), "something outside the preopen changed:\n" + r);
    assertEquals(
        "inside-a", Files.readString(pre.resolve("a.txt")), "a.txt moved or changed:\n" + r);
    assertLines(engine.id(), expected, r);
  }

  /**
   * A file fd renumbered over the preopen's number: the number then names the file, the preopen is
   * gone, and nothing reached through the old number escapes.
   */
  @Test
  void renumberOverAPreopen(@TempDir Path root) throws IOException {
    Path pre = layout(root);
    Map<String, String> outside = WasiAttack.snapshot(root, pre);
    WasiAttack.Result r =
        WasiAttack.run(
            engine,
            module(WasiAttack.MODULE),
            b -> b.preopen(pre, "/pre", false),
            s -> s,
            "renumber",
            "over-preopen");
    System.out.println("wasm-layer: " + engine.id() + " renumber:\n" + r.out.strip());
    assertNoLeak(r, "SECRET");
    assertEquals(outside, WasiAttack.snapshot(root, pre));
    assertLines(
        engine.id(),
        List.of(
            "renumber-open errno=0",
            "renumber errno=0",
            "renumber-prestat errno=8",
            "renumber-open-inside errno=54",
            "renumber-open-dotdot errno=54",
            "renumber-read content=inside-a",
            "renumber-old-fd-close errno=8"),
        r);
  }
}
