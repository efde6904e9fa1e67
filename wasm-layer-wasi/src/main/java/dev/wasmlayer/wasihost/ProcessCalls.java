package dev.wasmlayer.wasihost;

import static dev.wasmlayer.wasihost.GuestMemory.u32;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * Arguments, environment, clocks, random bytes, exit, yielding and the socket calls no descriptor
 * here supports.
 */
final class ProcessCalls {
  static final int REALTIME = 0;
  static final int MONOTONIC = 1;
  static final int PROCESS_CPUTIME = 2;
  static final int THREAD_CPUTIME = 3;

  /**
   * Exit statuses 0 to 125 are reported; others trap, on every engine (wasmtime's rule: 126+ mean
   * other things).
   */
  static final int MAX_EXIT = 125;

  private static final int RANDOM_CHUNK = 64 * 1024;

  private final WasiContext cx;

  private ProcessCalls(WasiContext cx) {
    this.cx = cx;
  }

  static void register(Calls calls, WasiContext cx) {
    ProcessCalls p = new ProcessCalls(cx);
    calls.def("args_sizes_get", "ii", (m, a) -> sizes(m, a, cx.args));
    calls.def("args_get", "ii", (m, a) -> strings(m, a, cx.args));
    calls.def("environ_sizes_get", "ii", (m, a) -> sizes(m, a, cx.env));
    calls.def("environ_get", "ii", (m, a) -> strings(m, a, cx.env));
    calls.def("clock_res_get", "ii", p::clockRes);
    calls.def("clock_time_get", "iIi", p::clockTime);
    calls.def("random_get", "ii", p::random);
    calls.def(
        "sched_yield",
        "",
        (m, a) -> {
          Thread.yield();
          return Errno.SUCCESS;
        });
    calls.def("proc_raise", "i", (m, a) -> Errno.NOSYS);
    calls.defVoid("proc_exit", "i", (caller, a) -> exit(u32(a[0])));
    calls.def("poll_oneoff", "iiii", new Poll(cx)::poll);
    calls.def("sock_accept", "iii", p::notSocket);
    calls.def("sock_recv", "iiiiii", p::notSocket);
    calls.def("sock_send", "iiiii", p::notSocket);
    calls.def("sock_shutdown", "ii", p::notSocket);
  }

  static void exit(long status) {
    if (status > MAX_EXIT) {
      throw new TrapException(
          TrapKind.HOST,
          "exit with invalid exit status " + (int) status + " outside of [0..126)",
          null);
    }
    throw new ExitException((int) status);
  }

  private static int sizes(GuestMemory m, long[] a, List<byte[]> strings) throws WasiError {
    long total = 0;
    for (byte[] s : strings) {
      total += s.length + 1;
    }
    m.writeI32(u32(a[0]), strings.size());
    m.writeI32(u32(a[1]), (int) total);
    return Errno.SUCCESS;
  }

  private static int strings(GuestMemory m, long[] a, List<byte[]> strings) throws WasiError {
    long ptrs = u32(a[0]);
    long buf = u32(a[1]);
    long total = 0;
    for (byte[] s : strings) {
      total += s.length + 1;
    }
    m.check(ptrs, 4L * strings.size());
    m.check(buf, total);
    ByteBuffer table = GuestMemory.struct(4 * strings.size());
    long at = buf;
    for (byte[] s : strings) {
      table.putInt((int) at);
      m.write(at, s);
      m.write(at + s.length, new byte[1]);
      at += s.length + 1;
    }
    m.write(ptrs, table);
    return Errno.SUCCESS;
  }

  private int clockRes(GuestMemory m, long[] a) throws WasiError {
    checkClock((int) a[0]);
    m.writeI64(u32(a[1]), 1_000);
    return Errno.SUCCESS;
  }

  private int clockTime(GuestMemory m, long[] a) throws WasiError {
    m.writeI64(u32(a[2]), now(cx, (int) a[0]));
    return Errno.SUCCESS;
  }

  /** The clock's time in nanoseconds; an injected clock drives both realtime and monotonic time. */
  static long now(WasiContext cx, int id) throws WasiError {
    checkClock(id);
    if (id == REALTIME || cx.clock != null) {
      Instant t = cx.clock != null ? cx.clock.instant() : Instant.now();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
    return System.nanoTime() - cx.monotonicBase + 1;
  }

  static void checkClock(int id) throws WasiError {
    if (id < REALTIME || id > THREAD_CPUTIME) {
      throw new WasiError(Errno.INVAL, "no clock " + id);
    }
  }

  private int random(GuestMemory m, long[] a) throws WasiError {
    long ptr = u32(a[0]);
    long len = u32(a[1]);
    m.check(ptr, len);
    byte[] chunk = new byte[(int) Math.min(len, RANDOM_CHUNK)];
    for (long done = 0; done < len; done += chunk.length) {
      int n = (int) Math.min(chunk.length, len - done);
      cx.random.nextBytes(chunk);
      m.write(ptr + done, chunk, 0, n);
    }
    return Errno.SUCCESS;
  }

  private int notSocket(GuestMemory m, long[] a) throws WasiError {
    cx.fds.get(u32(a[0]));
    return Errno.NOTSOCK;
  }
}
