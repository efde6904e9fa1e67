package dev.wasmlayer.tck;

import static dev.wasmlayer.tck.WasiAttack.symlink;
import static dev.wasmlayer.tck.WasiAttack.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Feature;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fd_readdir} of a preopen and of a directory fd from {@code path_open}, with buffers small
 * enough that the guest needs many calls, resuming from cookies (and re-reading an entry the buffer
 * cut off): every name exactly once, with the right {@code d_type} (file 4, directory 3, symbolic
 * link 7, never followed), {@code .} and {@code ..} as wasmtime lists them. Orders differ between
 * file systems, so entries are compared sorted.
 */
@RequiresFeature(Feature.WASI)
class WasiReaddirTest extends TckBase {
  private static final int DIR = 3;
  private static final int FILE = 4;
  private static final int LINK = 7;

  @ParameterizedTest(name = "{0} with {1}-byte buffers")
  @CsvSource({"/list, 64", "/list, 4096", "/list/dir-a, 48", "/list/dir-a, 4096"})
  void directoriesAreListedThroughCookies(String path, int buffer, @TempDir Path root)
      throws IOException {
    Path list = Files.createDirectory(root.resolve("list"));
    Map<String, Integer> want = new TreeMap<>();
    for (int i = 1; i <= 12; i++) {
      String name = String.format("file-%02d.txt", i);
      write(list.resolve(name), "f" + i);
      want.put(name, FILE);
    }
    write(list.resolve("dir-a/x.txt"), "x");
    Files.createDirectory(list.resolve("dir-a/y-dir"));
    symlink(list.resolve("dir-a/z-link"), "x.txt");
    symlink(list.resolve("dir-a/out-link"), "../../outside");
    Files.createDirectory(root.resolve("outside"));
    symlink(list.resolve("link-file"), "file-01.txt");
    symlink(list.resolve("link-dir"), "dir-a");
    symlink(list.resolve("link-out"), "../outside");
    symlink(list.resolve("link-dangling"), "nowhere");
    want.put("dir-a", DIR);
    want.put("link-file", LINK);
    want.put("link-dir", LINK);
    want.put("link-out", LINK);
    want.put("link-dangling", LINK);
    if (path.endsWith("dir-a")) {
      want = new TreeMap<>(Map.of("x.txt", FILE, "y-dir", DIR, "z-link", LINK, "out-link", LINK));
    }
    want.put(".", DIR);
    want.put("..", DIR);

    WasiAttack.Result r =
        WasiAttack.run(
            engine,
            module(WasiAttack.MODULE),
            b -> b.preopen(list, "/list", true),
            s -> s,
            "readdir",
            path,
            Integer.toString(buffer));
    System.out.println(
        "wasm-layer: " + engine.id() + " readdir " + path + " " + buffer + ":\n" + r.out.strip());
    assertEquals(0, r.exit, r.toString());
    List<String> lines = r.lines();
    assertEquals("done", lines.get(lines.size() - 1), r.toString());
    Map<String, Integer> got = new TreeMap<>();
    List<String> names = new ArrayList<>();
    int calls = -1;
    for (String line : lines) {
      if (line.startsWith("entry type=")) {
        String[] f = line.split(" ");
        int type = Integer.parseInt(f[1].substring("type=".length()));
        String name = f[2].substring("name=".length());
        names.add(name);
        got.put(name, type);
      } else if (line.startsWith("calls=")) {
        calls = Integer.parseInt(line.substring("calls=".length()));
      } else if (!line.equals("done")) {
        throw new AssertionError("unexpected line " + line + "\n" + r);
      }
    }
    assertEquals(want, got, r.toString());
    assertEquals(want.size(), names.size(), "names listed more than once:\n" + r);
    if (buffer < 100) {
      assertTrue(calls > 4, "a " + buffer + "-byte buffer took only " + calls + " calls:\n" + r);
    }
  }
}
