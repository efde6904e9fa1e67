package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WASI preview 1 through {@link Wasi#run}: one C program of the project's own ({@code
 * src/main/c/wasi_probe.c}, built for wasm32-wasi), a subcommand per behaviour, output captured
 * through Java streams.
 */
@RequiresFeature(Feature.WASI)
class WasiTest extends TckBase {
  /** What one run of the probe produced. */
  private static final class Result {
    final int exit;
    final String out;
    final String err;

    Result(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }
  }

  private Result probe(UnaryOperator<WasiConfig.Builder> setup, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiConfig.Builder b =
        WasiConfig.builder().args("wasi_probe").args(args).stdout(out).stderr(err);
    WasiConfig wasi = setup.apply(b).build();
    try (Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      int exit = Wasi.run(s, module("wasi_probe"));
      return new Result(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  private Result probe(String... args) {
    return probe(b -> b, args);
  }

  @Test
  void argumentsArriveAsUtf8() {
    Result r = probe("args", "héllo wörld", "日本語", "");
    assertEquals("wasi_probe\nargs\nhéllo wörld\n日本語\n\n", r.out);
    assertEquals(0, r.exit);
  }

  @Test
  void environmentVariables() {
    Result r = probe(b -> b.env("A", "1").env("B", "ünï"), "env", "A", "B", "C");
    assertEquals("A=1\nB=ünï\nC unset\n", r.out);
  }

  @Test
  void stdinAndStderrAreJavaStreams() {
    byte[] input = "line one\nzwei ü\n".getBytes(StandardCharsets.UTF_8);
    Result r = probe(b -> b.stdin(new ByteArrayInputStream(input)), "stdin");
    assertEquals("line one\nzwei ü\n", r.out);
    Result e = probe("stderr", "to stderr");
    assertEquals("to stderr", e.err);
    assertEquals("", e.out);
  }

  @Test
  void exitCodes() {
    assertEquals(0, probe("exit", "0").exit);
    assertEquals(7, probe("exit", "7").exit);
    assertEquals(64, probe("no-such-command").exit);
  }

  @Test
  void filesInAPreopenedDirectory(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(data.resolve("b.txt"), "bee");
    Files.writeString(data.resolve("a.txt"), "ay\n");
    Files.createDirectory(data.resolve("sub"));
    UnaryOperator<WasiConfig.Builder> rw = b -> b.preopen(data, "/data", false);
    assertEquals("ay\n", probe(rw, "cat", "/data/a.txt").out);
    Result w = probe(rw, "write", "/data/new.txt", "written by wasm");
    assertEquals(0, w.exit, w.err);
    assertEquals("written by wasm", Files.readString(data.resolve("new.txt")));
  }

  @Test
  void directoriesAreListed(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(data.resolve("b.txt"), "bee");
    Files.writeString(data.resolve("a.txt"), "ay\n");
    Files.createDirectory(data.resolve("sub"));
    Result ls = probe(b -> b.preopen(data, "/data", false), "ls", "/data");
    assertEquals("a.txt\nb.txt\nsub\n", ls.out, ls.err);
    assertEquals(0, ls.exit);
  }

  @Test
  void escapesFromAPreopenAreDenied(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(dir.resolve("secret.txt"), "secret");
    UnaryOperator<WasiConfig.Builder> rw = b -> b.preopen(data, "/data", false);
    Result dots = probe(rw, "cat", "/data/../secret.txt");
    assertEquals(2, dots.exit, dots.out);
    assertEquals("", dots.out);
    Result outside = probe(rw, "cat", "/secret.txt");
    assertEquals(2, outside.exit, outside.out);
    Files.createSymbolicLink(data.resolve("link"), dir.resolve("secret.txt"));
    Result link = probe(rw, "cat", "/data/link");
    assertEquals(2, link.exit, "a symlink out of the preopen must not be followed: " + link.out);
    assertFalse(link.out.contains("secret"));
  }

  @Test
  void readOnlyPreopensRefuseWrites(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(data.resolve("a.txt"), "ay");
    UnaryOperator<WasiConfig.Builder> ro = b -> b.preopen(data, "/ro", true);
    // every engine that declares WASI must enforce this (wrapping its file system if need be): no
    // skip path
    Result read = probe(ro, "cat", "/ro/a.txt");
    assertEquals("ay", read.out);
    Result w = probe(ro, "write", "/ro/new.txt", "x");
    assertEquals(2, w.exit);
    assertTrue(w.err.contains("refused"), w.err);
    assertFalse(Files.exists(data.resolve("new.txt")));
  }

  @Test
  void reactorsAreInitializedThenCalled() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WasiConfig wasi = WasiConfig.builder().stdout(out).build();
    try (Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      var instance = Wasi.initialize(s, module("wasi_reactor"), Imports.empty());
      var next = instance.func("next").orElseThrow();
      assertEquals(42, next.call()[0].i32());
      assertEquals(43, next.call()[0].i32());
      assertEquals("next 42\nnext 43\n", out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  @RequiresFeature(Feature.WASI_HOST_SOURCES)
  void clockAndRandomCanBeInjected() {
    Clock fixed = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    assertEquals("1700000000\n", probe(b -> b.clock(fixed), "time").out);
    String first = probe(b -> b.random(new Random(42)), "random", "16").out;
    assertEquals(
        first, probe(b -> b.random(new Random(42)), "random", "16").out, "same seed, same bytes");
    assertEquals(33, first.length());
  }

  @Test
  void hostClockAndRandomByDefault() {
    long now = Instant.now().getEpochSecond();
    long guest = Long.parseLong(probe("time").out.trim());
    assertTrue(Math.abs(guest - now) < 60, "guest clock " + guest + " vs host " + now);
    assertTrue(probe("random", "16").out.matches("[0-9a-f]{32}\n"));
  }

  @Test
  void aModuleWithoutStartIsNotACommand() {
    try (Store<Void> s =
        engine.newStore(null, StoreConfig.builder().wasi(WasiConfig.builder().build()).build())) {
      LinkException e = assertThrows(LinkException.class, () -> Wasi.run(s, module("numbers")));
      assertTrue(e.getMessage().contains("_start"), e.getMessage());
    }
  }

  @Test
  void withoutWasiTheImportsAreMissing() {
    LinkException e =
        assertThrows(LinkException.class, () -> store.instantiate(module("wasi_probe")));
    assertTrue(e.getMessage().contains(Wasi.MODULE), e.getMessage());
  }
}
