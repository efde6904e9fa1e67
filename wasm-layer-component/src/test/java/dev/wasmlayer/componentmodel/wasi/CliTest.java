package dev.wasmlayer.componentmodel.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code wasi:cli} and {@code wasi:io/streams} on the standard streams. */
@Timeout(60)
class CliTest {
  private static final String STREAMS = IoFunctions.STREAMS;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void stdoutAndStderrWritesReachTheJavaStreams() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (Host h = new Host(WasiConfig.builder().stdout(out).stderr(err).build())) {
      Object stdout = h.call("wasi:cli/stdout", "get-stdout");
      Object stderr = h.call("wasi:cli/stderr", "get-stderr");
      long budget = (Long) h.ok(STREAMS, "[method]output-stream.check-write", stdout);
      assertTrue(budget > 0, "check-write allows a write");
      h.ok(STREAMS, "[method]output-stream.write", stdout, utf8("hello "));
      h.ok(STREAMS, "[method]output-stream.blocking-write-and-flush", stdout, utf8("world\n"));
      h.ok(STREAMS, "[method]output-stream.blocking-flush", stdout);
      h.ok(STREAMS, "[method]output-stream.write-zeroes", stderr, 2L);
      h.ok(STREAMS, "[method]output-stream.write", stderr, List.of((byte) 'e'));
      assertEquals("hello world\n", out.toString(StandardCharsets.UTF_8));
      assertArrayEquals(new byte[] {0, 0, 'e'}, err.toByteArray());
    }
  }

  @Test
  void aFailingJavaStreamIsAStreamErrorThenClosed() throws Exception {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk on fire");
          }
        };
    try (Host h = new Host(WasiConfig.builder().stdout(broken).build())) {
      Object stdout = h.call("wasi:cli/stdout", "get-stdout");
      WitVariant e =
          (WitVariant)
              h.err(STREAMS, "[method]output-stream.blocking-write-and-flush", stdout, utf8("x"));
      assertEquals("last-operation-failed", e.caseName());
      Object error = e.payload();
      assertEquals(
          "disk on fire", h.call(IoFunctions.ERROR, "[method]error.to-debug-string", error));
      assertEquals(
          WitVariant.of("closed"), h.err(STREAMS, "[method]output-stream.check-write", stdout));
      assertEquals(
          WitVariant.of("closed"),
          h.err(STREAMS, "[method]output-stream.write", stdout, utf8("y")));
    }
  }

  @Test
  void stdinIsReadThenClosedAtItsEnd() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(utf8("abcdef"));
    try (Host h = new Host(WasiConfig.builder().stdin(in).build())) {
      Object stdin = h.call("wasi:cli/stdin", "get-stdin");
      assertArrayEquals(
          utf8("abc"), (byte[]) h.ok(STREAMS, "[method]input-stream.read", stdin, 3L));
      assertEquals(1L, h.ok(STREAMS, "[method]input-stream.skip", stdin, 1L));
      // a huge length is cut to what one call moves, not allocated
      assertArrayEquals(
          utf8("ef"), (byte[]) h.ok(STREAMS, "[method]input-stream.blocking-read", stdin, -1L));
      assertEquals(WitVariant.of("closed"), h.err(STREAMS, "[method]input-stream.read", stdin, 3L));
    }
  }

  @Test
  void spliceMovesStdinToStdout() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayInputStream in = new ByteArrayInputStream(utf8("piped"));
    try (Host h = new Host(WasiConfig.builder().stdin(in).stdout(out).build())) {
      Object stdin = h.call("wasi:cli/stdin", "get-stdin");
      Object stdout = h.call("wasi:cli/stdout", "get-stdout");
      assertEquals(5L, h.ok(STREAMS, "[method]output-stream.splice", stdout, stdin, 100L));
      assertEquals("piped", out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void argumentsAndEnvironmentComeFromTheConfig() throws Exception {
    WasiConfig c =
        WasiConfig.builder().args("prog", "ä", "-x").env("A", "1").env("B", "two").build();
    try (Host h = new Host(c)) {
      assertEquals(List.of("prog", "ä", "-x"), h.call("wasi:cli/environment", "get-arguments"));
      assertEquals(
          List.of(List.of("A", "1"), List.of("B", "two")),
          h.call("wasi:cli/environment", "get-environment"));
      assertEquals(Optional.empty(), h.call("wasi:cli/environment", "initial-cwd"));
    }
  }

  @Test
  void exitEndsTheGuestWithItsCode() {
    try (Host h = new Host(WasiConfig.builder().build())) {
      assertEquals(0, exitCode(() -> h.call("wasi:cli/exit", "exit", WitResult.ok(null))));
      assertEquals(1, exitCode(() -> h.call("wasi:cli/exit", "exit", WitResult.err(null))));
      assertEquals(42, exitCode(() -> h.call("wasi:cli/exit", "exit-with-code", (byte) 42)));
      TrapException t =
          assertThrows(
              TrapException.class, () -> h.call("wasi:cli/exit", "exit-with-code", (byte) 200));
      assertTrue(t.getMessage().contains("200"), t.getMessage());
    }
  }

  private interface Call {
    Object run() throws Exception;
  }

  private static int exitCode(Call c) {
    return assertThrows(ExitException.class, c::run).exitCode();
  }

  @Test
  void noStreamIsATerminal() throws Exception {
    try (Host h = new Host(WasiConfig.builder().build())) {
      assertEquals(Optional.empty(), h.call("wasi:cli/terminal-stdin", "get-terminal-stdin"));
      assertEquals(Optional.empty(), h.call("wasi:cli/terminal-stdout", "get-terminal-stdout"));
      assertEquals(Optional.empty(), h.call("wasi:cli/terminal-stderr", "get-terminal-stderr"));
      assertSame(
          h.wasi.forInterface("wasi:cli/terminal-input").orElseThrow().resources().get(0).type(),
          ((dev.wasmlayer.component.OwnType)
                  ((dev.wasmlayer.component.OptionType)
                          h.func("wasi:cli/terminal-stdin", "get-terminal-stdin")
                              .type()
                              .result()
                              .orElseThrow())
                      .some())
              .resource());
    }
  }
}
