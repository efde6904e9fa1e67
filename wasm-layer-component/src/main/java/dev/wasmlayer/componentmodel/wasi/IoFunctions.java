package dev.wasmlayer.componentmodel.wasi;

import static dev.wasmlayer.component.WitFuncType.param;
import static dev.wasmlayer.componentmodel.wasi.Wit.BOOL;
import static dev.wasmlayer.componentmodel.wasi.Wit.BYTES;
import static dev.wasmlayer.componentmodel.wasi.Wit.STRING;
import static dev.wasmlayer.componentmodel.wasi.Wit.U32;
import static dev.wasmlayer.componentmodel.wasi.Wit.U64;

import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.wasihost.SandboxFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams}. */
final class IoFunctions {
  static final String ERROR = "wasi:io/error";
  static final String POLL = "wasi:io/poll";
  static final String STREAMS = "wasi:io/streams";

  /** The most bytes one read, skip or splice moves: the guest reads on for more. */
  static final int MAX_CHUNK = 64 * 1024;

  /** What {@code check-write} allows per write. */
  static final long WRITE_BUDGET = 64 * 1024;

  private final WasiState s;

  private IoFunctions(WasiState s) {
    this.s = s;
  }

  static void register(Registry r, WasiState s) {
    IoFunctions io = new IoFunctions(s);
    r.resource(ERROR, s.error);
    r.method(
        ERROR,
        s.error,
        "to-debug-string",
        STRING,
        a -> Values.as(IoError.class, a[0], "self").message());

    r.resource(POLL, s.pollable);
    r.method(POLL, s.pollable, "ready", BOOL, a -> pollable(a[0]).isReady());
    r.method(
        POLL,
        s.pollable,
        "block",
        null,
        a -> {
          pollable(a[0]).block(s.stopRequested);
          return null;
        });
    r.func(POLL, "poll", Wit.list(U32), io::poll, param("in", Wit.list(Wit.borrow(s.pollable))));

    WitType streamError =
        Wit.variant(
            Wit.variantCase("last-operation-failed", Wit.own(s.error)),
            Wit.variantCase("closed", null));
    r.resource(STREAMS, s.inputStream);
    r.resource(STREAMS, s.outputStream);
    ResourceType in = s.inputStream;
    ResourceType out = s.outputStream;
    WitType readResult = Wit.result(BYTES, streamError);
    WitType countResult = Wit.result(U64, streamError);
    WitType unitResult = Wit.result(null, streamError);
    r.method(STREAMS, in, "read", readResult, a -> read(a[0], a[1]), param("len", U64));
    r.method(STREAMS, in, "blocking-read", readResult, a -> read(a[0], a[1]), param("len", U64));
    r.method(STREAMS, in, "skip", countResult, a -> skip(a[0], a[1]), param("len", U64));
    r.method(STREAMS, in, "blocking-skip", countResult, a -> skip(a[0], a[1]), param("len", U64));
    r.method(STREAMS, in, "subscribe", Wit.own(s.pollable), a -> Pollable.ready());

    r.method(STREAMS, out, "check-write", countResult, a -> checkWrite(a[0]));
    r.method(
        STREAMS,
        out,
        "write",
        unitResult,
        a -> write(a[0], Values.bytes(a[1]), false),
        param("contents", BYTES));
    r.method(
        STREAMS,
        out,
        "blocking-write-and-flush",
        unitResult,
        a -> write(a[0], Values.bytes(a[1]), true),
        param("contents", BYTES));
    r.method(STREAMS, out, "flush", unitResult, a -> flush(a[0]));
    r.method(STREAMS, out, "blocking-flush", unitResult, a -> flush(a[0]));
    r.method(STREAMS, out, "subscribe", Wit.own(s.pollable), a -> Pollable.ready());
    r.method(
        STREAMS,
        out,
        "write-zeroes",
        unitResult,
        a -> write(a[0], zeroes(a[1]), false),
        param("len", U64));
    r.method(
        STREAMS,
        out,
        "blocking-write-zeroes-and-flush",
        unitResult,
        a -> write(a[0], zeroes(a[1]), true),
        param("len", U64));
    r.method(
        STREAMS,
        out,
        "splice",
        countResult,
        a -> splice(a[0], a[1], a[2]),
        param("src", Wit.borrow(in)),
        param("len", U64));
    r.method(
        STREAMS,
        out,
        "blocking-splice",
        countResult,
        a -> splice(a[0], a[1], a[2]),
        param("src", Wit.borrow(in)),
        param("len", U64));
  }

  private static Pollable pollable(Object o) {
    return Values.as(Pollable.class, o, "pollable");
  }

  private Object poll(Object... a) throws InterruptedException {
    List<Pollable> ps = new ArrayList<>();
    for (Object o : (List<?>) a[0]) {
      ps.add(pollable(o));
    }
    return Pollable.poll(ps, s.stopRequested);
  }

  static WitResult closed() {
    return WitResult.err(WitVariant.of("closed"));
  }

  static WitResult failed(Exception e) {
    String code = e instanceof SandboxFailure f ? ErrorCodes.of(f) : null;
    if (code == null && e instanceof IOException) {
      code = "io";
    }
    return WitResult.err(
        new WitVariant("last-operation-failed", new IoError(String.valueOf(e.getMessage()), code)));
  }

  private static WitResult read(Object self, Object len) {
    Streams.In in = Values.as(Streams.In.class, self, "input-stream");
    try {
      byte[] b = in.read(Values.atMost(len, MAX_CHUNK));
      return b == null ? closed() : WitResult.ok(b);
    } catch (IOException | SandboxFailure e) {
      return failed(e);
    }
  }

  private static WitResult skip(Object self, Object len) {
    WitResult r = read(self, len);
    return r.isOk() ? WitResult.ok((long) ((byte[]) r.value()).length) : r;
  }

  private static WitResult checkWrite(Object self) {
    Streams.Out out = Values.as(Streams.Out.class, self, "output-stream");
    return out.isClosed() ? closed() : WitResult.ok(WRITE_BUDGET);
  }

  private static WitResult write(Object self, byte[] bytes, boolean flush) {
    Streams.Out out = Values.as(Streams.Out.class, self, "output-stream");
    if (out.isClosed()) {
      return closed();
    }
    try {
      out.write(bytes);
      if (flush) {
        out.flush();
      }
      return WitResult.ok(null);
    } catch (IOException | SandboxFailure e) {
      return failed(e);
    }
  }

  private static WitResult flush(Object self) {
    Streams.Out out = Values.as(Streams.Out.class, self, "output-stream");
    if (out.isClosed()) {
      return closed();
    }
    try {
      out.flush();
      return WitResult.ok(null);
    } catch (IOException | SandboxFailure e) {
      return failed(e);
    }
  }

  /** Zeroes to write: at most what {@code check-write} allows, as for any write. */
  private static byte[] zeroes(Object len) {
    long n = Values.u64(len);
    if (Long.compareUnsigned(n, WRITE_BUDGET) > 0) {
      throw new IllegalArgumentException(
          "write-zeroes of "
              + Long.toUnsignedString(n)
              + " bytes: more than check-write's "
              + WRITE_BUDGET);
    }
    return new byte[(int) n];
  }

  private static WitResult splice(Object self, Object src, Object len) {
    WitResult r = read(src, len);
    if (!r.isOk()) {
      return r;
    }
    byte[] b = (byte[]) r.value();
    WitResult w = write(self, b, false);
    return w.isOk() ? WitResult.ok((long) b.length) : w;
  }
}
