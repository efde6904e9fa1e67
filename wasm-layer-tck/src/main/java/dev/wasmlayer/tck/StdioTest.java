package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The guest's standard streams on every engine: {@link WasiConfig.Builder#inheritStdio()} means
 * Java's {@code System.in/out/err} as they are when the store is made (so an application's
 * replacements capture the guest), and a stdin stream reaches the guest as it is written, not once
 * it ends, and is read only when the guest reads it.
 */
@RequiresFeature(Feature.WASI)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StdioTest extends TckBase {
  private static final String SYSTEM_IN = "java.lang.System.in";

  /**
   * Copies stdin to stdout one read at a time (each read returns what is there), until end-of-file.
   */
  private static final String ECHO =
      String.join(
          "\n",
          "(module",
          "  (import \"wasi_snapshot_preview1\" \"fd_read\" (func $read (param i32 i32 i32 i32) (result i32)))",
          "  (import \"wasi_snapshot_preview1\" \"fd_write\" (func $write (param i32 i32 i32 i32) (result i32)))",
          "  (memory (export \"memory\") 1)",
          "  (func (export \"_start\")",
          "    (loop $again",
          "      (i32.store (i32.const 0) (i32.const 64))",
          "      (i32.store (i32.const 4) (i32.const 1024))",
          "      (if (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)) (then unreachable))",
          "      (if (i32.eqz (i32.load (i32.const 8))) (then return))",
          "      (i32.store (i32.const 4) (i32.load (i32.const 8)))",
          "      (if (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)) (then unreachable))",
          "      (br $again))))");

  /** Closes fd 0, then reads it: returns both errnos. */
  private static final String CLOSE_THEN_READ =
      String.join(
          "\n",
          "(module",
          "  (import \"wasi_snapshot_preview1\" \"fd_close\" (func $close (param i32) (result i32)))",
          "  (import \"wasi_snapshot_preview1\" \"fd_read\" (func $read (param i32 i32 i32 i32) (result i32)))",
          "  (memory (export \"memory\") 1)",
          "  (func (export \"close_then_read\") (result i32 i32)",
          "    (i32.store (i32.const 0) (i32.const 64))",
          "    (i32.store (i32.const 4) (i32.const 16))",
          "    (call $close (i32.const 0))",
          "    (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))))");

  private static final int EBADF = 8;

  /** Reads stdin into a buffer past the end of its one-page memory: returns the errno. */
  private static final String READ_OUT_OF_BOUNDS =
      String.join(
          "\n",
          "(module",
          "  (import \"wasi_snapshot_preview1\" \"fd_read\" (func $read (param i32 i32 i32 i32) (result i32)))",
          "  (memory (export \"memory\") 1)",
          "  (func (export \"read_oob\") (result i32)",
          "    (i32.store (i32.const 0) (i32.const 65532))",
          "    (i32.store (i32.const 4) (i32.const 16))",
          "    (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))))");

  private static final int EFAULT = 21;
  private static final int EIO = 29;
  private static final int EINVAL = 28;

  /** Reads stdin once into a good buffer: returns the errno. */
  private static final String READ_ONCE =
      String.join(
          "\n",
          "(module",
          "  (import \"wasi_snapshot_preview1\" \"fd_read\" (func $read (param i32 i32 i32 i32) (result i32)))",
          "  (memory (export \"memory\") 1)",
          "  (func (export \"read_once\") (result i32)",
          "    (i32.store (i32.const 0) (i32.const 64))",
          "    (i32.store (i32.const 4) (i32.const 16))",
          "    (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))))");

  /**
   * Reads fd 0 with 1025 iovecs at 0 (all empty but the last, 16 bytes at 64K-16), nread at 65532:
   * returns errno.
   */
  private static final String READ_TOO_MANY_IOVECS =
      String.join(
          "\n",
          "(module",
          "  (import \"wasi_snapshot_preview1\" \"fd_read\" (func $read (param i32 i32 i32 i32) (result i32)))",
          "  (memory (export \"memory\") 1)",
          "  (func (export \"read_many\") (result i32)",
          "    (i32.store (i32.const 8192) (i32.const 65504))",
          "    (i32.store (i32.const 8196) (i32.const 16))",
          "    (call $read (i32.const 0) (i32.const 0) (i32.const 1025) (i32.const 65532))))");

  /**
   * Opens "f.txt" in the preopen (fd 3), renumbers it onto fd 0, reads fd 0: returns errno and
   * count; bytes at 64.
   */
  private static final String RENUMBER_ONTO_STDIN =
      String.join(
          "\n",
          "(module",
          "  (import \"wasi_snapshot_preview1\" \"path_open\"",
          "    (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))",
          "  (import \"wasi_snapshot_preview1\" \"fd_renumber\" (func $renumber (param i32 i32) (result i32)))",
          "  (import \"wasi_snapshot_preview1\" \"fd_read\" (func $read (param i32 i32 i32 i32) (result i32)))",
          "  (memory (export \"memory\") 1)",
          "  (data (i32.const 32) \"f.txt\")",
          "  (func (export \"read_renumbered\") (result i32 i32)",
          "    (if (call $open (i32.const 3) (i32.const 0) (i32.const 32) (i32.const 5) (i32.const 0)",
          "        (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 16)) (then unreachable))",
          "    (if (call $renumber (i32.load (i32.const 16)) (i32.const 0)) (then unreachable))",
          "    (i32.store (i32.const 0) (i32.const 64))",
          "    (i32.store (i32.const 4) (i32.const 16))",
          "    (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))",
          "    (i32.load (i32.const 8))))");

  /** Reads stdin once, then runs wasm forever: only a stop ends it. */
  private static final String READ_THEN_SPIN =
      String.join(
          "\n",
          "(module",
          "  (import \"wasi_snapshot_preview1\" \"fd_read\" (func $read (param i32 i32 i32 i32) (result i32)))",
          "  (memory (export \"memory\") 1)",
          "  (func (export \"_start\")",
          "    (i32.store (i32.const 0) (i32.const 64))",
          "    (i32.store (i32.const 4) (i32.const 16))",
          "    (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))",
          "    (loop $spin (br $spin))))");

  private int probe(WasiConfig.Builder wasi, String... args) {
    WasiConfig config = wasi.args("wasi_probe").args(args).build();
    try (Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(config).build())) {
      return Wasi.run(s, module("wasi_probe"));
    }
  }

  @Test
  @ResourceLock(Resources.SYSTEM_OUT)
  @ResourceLock(Resources.SYSTEM_ERR)
  @ResourceLock(SYSTEM_IN)
  void inheritStdioWritesToTheCurrentSystemOutAndErr() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      // stdin is inherited too: an empty one keeps the test runner's own System.in (its command
      // channel) untouched
      System.setIn(InputStream.nullInputStream());
      assertEquals(0, probe(WasiConfig.builder().inheritStdio(), "args", "to stdout"));
      assertEquals(0, probe(WasiConfig.builder().inheritStdio(), "stderr", "to stderr"));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
    assertEquals("wasi_probe\nargs\nto stdout\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("to stderr", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  @ResourceLock(Resources.SYSTEM_OUT)
  @ResourceLock(SYSTEM_IN)
  void inheritStdioReadsTheCurrentSystemIn() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    InputStream oldIn = System.in;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setIn(
          new ByteArrayInputStream("through System.in\n".getBytes(StandardCharsets.UTF_8)));
      assertEquals(0, probe(WasiConfig.builder().inheritStdio(), "stdin"));
    } finally {
      System.setOut(oldOut);
      System.setIn(oldIn);
    }
    assertEquals("through System.in\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aStdinStreamReachesTheGuestAsItIsWritten() throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(feed, 4096);
    Sink stdout = new Sink();
    WasiConfig wasi = WasiConfig.builder().stdin(stdin).stdout(stdout).build();
    Module echo = engine.compile(ECHO.getBytes(StandardCharsets.UTF_8));
    // the store is made while the stream is open and empty: nothing may wait for its end
    Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build());
    try {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Wasi.run(s, echo));
      feed.write("ping\n".getBytes(StandardCharsets.UTF_8));
      feed.flush();
      assertTrue(
          stdout.await("ping\n", Duration.ofSeconds(10)),
          () -> "echoed so far: '" + stdout.text() + "'");
      feed.write("pong\n".getBytes(StandardCharsets.UTF_8));
      feed.flush();
      assertTrue(
          stdout.await("ping\npong\n", Duration.ofSeconds(10)),
          () -> "echoed so far: '" + stdout.text() + "'");
      feed.close(); // end-of-file ends the guest's loop
      assertEquals(0, run.get(10, TimeUnit.SECONDS));
    } finally {
      feed.close();
      s.close();
      echo.close();
    }
  }

  @Test
  @ResourceLock(Resources.SYSTEM_OUT)
  @ResourceLock(SYSTEM_IN)
  void aGuestThatNeverReadsStdinLeavesSystemInToTheApplication() throws IOException {
    byte[] typed = "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    InputStream oldIn = System.in;
    ByteArrayInputStream in = new ByteArrayInputStream(typed);
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setIn(in);
      // a REPL's pattern: guests run with inheritStdio between the application's own reads of
      // System.in
      for (int i = 0; i < 3; i++) {
        assertEquals(0, probe(WasiConfig.builder().inheritStdio(), "args"));
      }
    } finally {
      System.setOut(oldOut);
      System.setIn(oldIn);
    }
    assertEquals("wasi_probe\nargs\n".repeat(3), out.toString(StandardCharsets.UTF_8));
    assertArrayEquals(
        typed, in.readAllBytes(), "every byte of System.in is still the application's");
  }

  @Test
  void aGuestThatNeverReadsStdinNeverReadsTheStream() throws IOException {
    byte[] content = "not for the guest".getBytes(StandardCharsets.UTF_8);
    CountingInput in = new CountingInput(new ByteArrayInputStream(content));
    assertEquals(
        0, probe(WasiConfig.builder().stdin(in).stdout(OutputStream.nullOutputStream()), "args"));
    assertEquals(0, in.reads.get(), "reads of a stdin the guest never read");
    assertArrayEquals(content, in.readAllBytes());
  }

  @Test
  void aGuestReadingStdinToItsEndGetsEveryByte() {
    byte[] data = new byte[1 << 20];
    new Random(17).nextBytes(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WasiConfig wasi =
        WasiConfig.builder().stdin(new ByteArrayInputStream(data)).stdout(out).build();
    try (Module echo = engine.compile(ECHO.getBytes(StandardCharsets.UTF_8));
        Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      assertEquals(0, Wasi.run(s, echo));
    }
    byte[] echoed = out.toByteArray();
    assertEquals(data.length, echoed.length, "bytes echoed");
    assertEquals(crc(data), crc(echoed), "CRC-32 of what the guest echoed");
    assertArrayEquals(data, echoed);
  }

  @Test
  void aClosedStdinIsABadDescriptorAndTheStreamIsLeftAlone() {
    CountingInput in = new CountingInput(new ByteArrayInputStream(new byte[] {1, 2, 3}));
    WasiConfig wasi = WasiConfig.builder().stdin(in).build();
    try (Module m = engine.compile(CLOSE_THEN_READ.getBytes(StandardCharsets.UTF_8));
        Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      Value[] errnos = s.instantiate(m).func("close_then_read").orElseThrow().call();
      assertEquals(0, errnos[0].i32(), "fd_close(0)");
      assertEquals(EBADF, errnos[1].i32(), "fd_read(0) after fd_close(0)");
    }
    assertEquals(0, in.reads.get(), "reads of the stream behind a closed stdin");
  }

  /**
   * A stdin read into a buffer past the memory's end is refused the way the engine refuses it for a
   * file (wasmtime traps, the layer's own WASI answers EFAULT) and takes nothing from the stream.
   */
  @Test
  void aStdinReadIntoABadBufferTakesNothingFromTheStream() {
    CountingInput in = new CountingInput(new ByteArrayInputStream(new byte[64]));
    WasiConfig wasi = WasiConfig.builder().stdin(in).build();
    try (Module m = engine.compile(READ_OUT_OF_BOUNDS.getBytes(StandardCharsets.UTF_8));
        Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      Func read = s.instantiate(m).func("read_oob").orElseThrow();
      try {
        int errno = read.call()[0].i32();
        System.out.println(
            "wasm-layer: " + engine.id() + " stdin read into a bad buffer: errno " + errno);
        assertEquals(EFAULT, errno, "errno of a read into a buffer past the memory");
      } catch (TrapException e) {
        System.out.println(
            "wasm-layer: " + engine.id() + " stdin read into a bad buffer: trap " + e.kind());
        assertEquals(TrapKind.HOST, e.kind(), e.getMessage()); // wasmtime: WASI's bad pointer trap
      }
    }
    assertEquals(0, in.reads.get(), "reads of the stream for a refused read");
  }

  @Test
  void filesReadAsUsualBesideAStdinStream(@TempDir Path dir) throws IOException {
    byte[] file = new byte[100_000];
    new Random(5).nextBytes(file);
    Files.write(dir.resolve("f.bin"), file);
    CountingInput in = new CountingInput(new ByteArrayInputStream(new byte[] {9}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WasiConfig.Builder wasi =
        WasiConfig.builder().stdin(in).stdout(out).preopen(dir, "/data", true);
    assertEquals(0, probe(wasi, "cat", "/data/f.bin"));
    assertArrayEquals(file, out.toByteArray(), "the file as the guest read it");
    assertEquals(0, in.reads.get(), "reads of stdin by a guest reading a file");
  }

  /** fd_fdstat_get(0): returns errno, filetype byte at 16, flags at 18, rights base at 24. */
  private static final String FDSTAT =
      String.join(
          "\n",
          "(module",
          "  (import \"wasi_snapshot_preview1\" \"fd_fdstat_get\" (func $st (param i32 i32) (result i32)))",
          "  (memory (export \"memory\") 1)",
          "  (func (export \"fdstat\") (result i32 i32 i32 i64)",
          "    (call $st (i32.const 0) (i32.const 16))",
          "    (i32.load8_u (i32.const 16)) (i32.load16_u (i32.const 18)) (i64.load (i32.const 24))))");

  /**
   * fd_fdstat_get keeps wasmtime's answer for fd 0 (a stream of unknown type, readable), as the
   * layer's WASI.
   */
  @Test
  void aStdinStreamLooksTheSameToFdstat() {
    WasiConfig wasi = WasiConfig.builder().stdin(new ByteArrayInputStream(new byte[3])).build();
    try (Module m = engine.compile(FDSTAT.getBytes(StandardCharsets.UTF_8));
        Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      Value[] v = s.instantiate(m).func("fdstat").orElseThrow().call();
      assertEquals(0, v[0].i32(), "errno");
      assertEquals(0, v[1].i32(), "filetype (0: unknown)");
      assertEquals(0, v[2].i32(), "fdflags");
      assertEquals(2L, v[3].i64() & 2L, "the fd_read right");
    }
  }

  @Test
  void aFileRenumberedOntoFdZeroIsReadInsteadOfTheStream(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("f.txt"), "from the file");
    CountingInput in = new CountingInput(new ByteArrayInputStream(new byte[] {1, 2, 3}));
    WasiConfig wasi = WasiConfig.builder().stdin(in).preopen(dir, "/data", true).build();
    try (Module m = engine.compile(RENUMBER_ONTO_STDIN.getBytes(StandardCharsets.UTF_8));
        Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      Instance i = s.instantiate(m);
      Value[] r = i.func("read_renumbered").orElseThrow().call();
      assertEquals(0, r[0].i32(), "errno of fd_read(0)");
      assertEquals(13, r[1].i32(), "bytes read");
      byte[] got = new byte[13];
      i.memory("memory").orElseThrow().read(64, got);
      assertEquals("from the file", new String(got, StandardCharsets.UTF_8));
    }
    assertEquals(0, in.reads.get(), "reads of the stream replaced on fd 0");
  }

  @Test
  void aFailingStdinStreamIsAnIoErrorForTheGuest() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("the stream broke");
          }
        };
    WasiConfig wasi = WasiConfig.builder().stdin(broken).build();
    try (Module m = engine.compile(READ_ONCE.getBytes(StandardCharsets.UTF_8));
        Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      assertEquals(EIO, s.instantiate(m).func("read_once").orElseThrow().call()[0].i32());
    }
  }

  /**
   * More iovecs than WASI's IOV_MAX (1024) is EINVAL before anything is read, on every engine: no
   * engine walks a guest-sized iovec array in host code that no deadline can stop.
   */
  @Test
  void aStdinReadWithMoreThanIovMaxIovecsIsInvalidAndTakesNothing() {
    CountingInput in = new CountingInput(new ByteArrayInputStream(new byte[64]));
    WasiConfig wasi = WasiConfig.builder().stdin(in).build();
    try (Module m = engine.compile(READ_TOO_MANY_IOVECS.getBytes(StandardCharsets.UTF_8));
        Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      assertEquals(
          EINVAL, s.instantiate(m).func("read_many").orElseThrow().call()[0].i32(), "errno");
    }
    assertEquals(0, in.reads.get(), "reads of the stream");
  }

  /**
   * A stream that fails with an unchecked exception is an I/O error for the guest, as a failing
   * stream is; one that throws an {@link Error} (a user stream's StackOverflowError or
   * OutOfMemoryError) is a host trap carrying it. Neither unwinds through the engine's native
   * frames, and the store keeps working.
   */
  @Test
  void aStdinStreamThrowingUncheckedIsAnIoErrorAndAnErrorIsAHostTrap() {
    for (Throwable thrown :
        new Throwable[] {
          new IllegalStateException("the stream is confused"),
          new StackOverflowError("deep in the user's stream"),
          new OutOfMemoryError("the user's stream")
        }) {
      InputStream broken =
          new InputStream() {
            @Override
            public int read() {
              return fail();
            }

            @Override
            public int read(byte[] b, int off, int len) {
              return fail();
            }

            private int fail() {
              if (thrown instanceof Error error) {
                throw error;
              }
              throw (RuntimeException) thrown;
            }
          };
      WasiConfig wasi = WasiConfig.builder().stdin(broken).build();
      try (Module m = engine.compile(READ_ONCE.getBytes(StandardCharsets.UTF_8));
          Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
        Func read = s.instantiate(m).func("read_once").orElseThrow();
        if (thrown instanceof RuntimeException) {
          assertEquals(EIO, read.call()[0].i32(), "errno for " + thrown);
        } else {
          TrapException e = assertThrows(TrapException.class, read::call, "for " + thrown);
          assertEquals(TrapKind.HOST, e.kind(), e.getMessage());
        }
        try (Module seven =
            engine.compile(
                "(module (func (export \"f\") (result i32) i32.const 7))"
                    .getBytes(StandardCharsets.UTF_8))) {
          assertEquals(
              7,
              s.instantiate(seven).func("f").orElseThrow().call()[0].i32(),
              "the store works after");
        }
      }
    }
  }

  /**
   * A stream that claims more bytes than it was asked for is an I/O error: never more reported than
   * was stored.
   */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aStdinStreamClaimingMoreThanAskedIsAnIoError() {
    InputStream liar =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return len + 100;
          }
        };
    WasiConfig wasi = WasiConfig.builder().stdin(liar).build();
    try (Module m = engine.compile(READ_ONCE.getBytes(StandardCharsets.UTF_8));
        Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      Instance it = s.instantiate(m);
      assertEquals(EIO, it.func("read_once").orElseThrow().call()[0].i32());
      assertEquals(0, it.memory("memory").orElseThrow().readInt(8), "nread stays unwritten");
    }
  }

  /**
   * A guest blocked reading stdin is in host code, which no engine interrupts: {@code interrupt()}
   * (like a deadline) takes effect once the read returns and the guest runs wasm again, here when
   * the stream gives a byte. Nothing reads ahead to make the read interruptible (that would take
   * bytes the guest never asked for).
   */
  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anInterruptStopsAGuestBlockedOnStdinOnceTheReadReturns() throws Exception {
    stopWhileBlockedOnStdin(
        (s, run) -> {
          s.interrupt();
          // the documented limit: the interrupt waits for the read (a bounded wait that must
          // expire)
          assertThrows(
              TimeoutException.class,
              () -> run.get(300, TimeUnit.MILLISECONDS),
              "a guest blocked in a stdin read returned before the stream gave anything");
        });
  }

  /**
   * The same with an echo guest, which after the read writes the byte and goes straight back into
   * the next blocking read: the interrupt must take effect in the wasm between the two (the stream
   * gives nothing more, so a stop that waited for the guest to spin in wasm would never come).
   */
  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anInterruptStopsAnEchoGuestBeforeItsNextStdinRead() throws Exception {
    stopWhileBlockedOnStdin(ECHO, (s, run) -> s.interrupt());
  }

  /**
   * Closing the store does not unblock a guest waiting on stdin either (that would mean closing, or
   * reading ahead of the guest, a stream the layer does not own): close() returns after its bounded
   * wait, the call stays in the read, and once the stream gives a byte the guest stops as
   * interrupted.
   */
  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void closingAStoreLeavesAGuestBlockedOnStdinUntilTheReadReturns() throws Exception {
    stopWhileBlockedOnStdin(
        (s, run) -> {
          s.close(); // returns after its bounded wait for the call
          assertTrue(s.isClosed());
          assertTrue(
              !run.isDone(), "a guest blocked in a stdin read returned when its store closed");
        });
  }

  /**
   * What a test does to a store whose guest is blocked reading stdin, before the stream gives a
   * byte.
   */
  private interface WhileBlocked {
    void stop(Store<Void> store, CompletableFuture<Integer> run) throws Exception;
  }

  /**
   * Runs a guest that reads stdin then spins, waits until it is blocked in the read, lets {@code
   * whileBlocked} act, then gives the stream one byte: the guest must then end as interrupted.
   */
  private void stopWhileBlockedOnStdin(WhileBlocked whileBlocked) throws Exception {
    stopWhileBlockedOnStdin(READ_THEN_SPIN, whileBlocked);
  }

  /** As above, with the guest {@code wat}. */
  private void stopWhileBlockedOnStdin(String wat, WhileBlocked whileBlocked) throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    CountingInput stdin = new CountingInput(new PipedInputStream(feed, 4096));
    WasiConfig wasi = WasiConfig.builder().stdin(stdin).build();
    Module guest = engine.compile(wat.getBytes(StandardCharsets.UTF_8));
    Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build());
    try {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Wasi.run(s, guest));
      assertTrue(stdin.reading.await(10, TimeUnit.SECONDS), "the guest never read stdin");
      whileBlocked.stop(s, run);
      feed.write('x');
      feed.flush();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
      TrapException trap =
          assertInstanceOf(TrapException.class, e.getCause(), () -> "ended with " + e.getCause());
      assertEquals(TrapKind.INTERRUPTED, trap.kind(), trap.getMessage());
    } finally {
      feed.close();
      s.close();
      guest.close();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void closingStoresWithStdinStreamsLeavesNoOpenFiles() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "counts open files through /proc/self/fd");
    List<PipedOutputStream> feeds = new ArrayList<>();
    try {
      storeWithStdin(
          new ByteArrayInputStream(new byte[16])); // whatever is loaded once is loaded now
      long before = count(fds);
      for (int i = 0; i < 200; i++) {
        if (i % 2 == 0) {
          storeWithStdin(new ByteArrayInputStream("some input\n".getBytes(StandardCharsets.UTF_8)));
        } else {
          PipedOutputStream feed =
              new PipedOutputStream(); // never written: a stream that has not ended
          feeds.add(feed);
          storeWithStdin(new PipedInputStream(feed));
        }
      }
      long after = count(fds);
      assertTrue(
          after - before < 20,
          "open files went from " + before + " to " + after + " over 200 stores");
    } finally {
      for (PipedOutputStream feed : feeds) {
        feed.close(); // ends the streams, so nothing waits on them any more
      }
    }
  }

  private void storeWithStdin(InputStream in) {
    WasiConfig wasi = WasiConfig.builder().stdin(in).build();
    engine.newStore(null, StoreConfig.builder().wasi(wasi).build()).close();
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  private static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  /** A stream that counts the reads made of it and says when the first one starts. */
  private static final class CountingInput extends FilterInputStream {
    final AtomicInteger reads = new AtomicInteger();
    final CountDownLatch reading = new CountDownLatch(1);

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      reads.incrementAndGet();
      reading.countDown();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      reads.incrementAndGet();
      reading.countDown();
      return super.read(b, off, len);
    }
  }

  /** An output stream a test can wait on until it holds some text. */
  private static final class Sink extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      notifyAll();
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the text is {@code expected}; false if it is not within {@code limit}. */
    synchronized boolean await(String expected, Duration limit) throws InterruptedException {
      long end = System.nanoTime() + limit.toNanos();
      while (!text().equals(expected)) {
        long left = end - System.nanoTime();
        if (left <= 0 || !expected.startsWith(text())) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }
}
