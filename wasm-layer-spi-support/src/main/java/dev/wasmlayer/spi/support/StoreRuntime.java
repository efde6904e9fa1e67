package dev.wasmlayer.spi.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The rules every store keeps, written once for every engine: one thread at a time, close from any
 * thread, and stops (interrupts, deadlines) that reach wasm code but never host code.
 *
 * <p>A backend brackets every call into wasm with {@link #enterCall()}/{@link #exitCall(long)},
 * every access to a memory, table or global with {@link #enterAccess()}/{@link #exitAccess(long)},
 * and (when its {@link StopSignal} reaches host code) every host function with {@link
 * #enterHost()}/{@link #exitHost()} (whose result it heeds), each pair in try/finally. The owner is
 * taken with one compare-and-set before any per-call state is touched, so a second thread is
 * refused having changed nothing; nested use by the owner (a host function calling back in) costs
 * no atomic operation.
 *
 * <p>{@link #close()} may come from any thread: it stops running wasm code, waits for the owner to
 * leave (at most {@link #CLOSE_WAIT}), and frees the store exactly once, never under a running call
 * or access; if the owner is still inside (a host function that has not returned), the owner frees
 * the store when it leaves.
 *
 * <p><b>Ownership costs no atomic operation per call</b> while a store stays on one thread (the
 * usual case): the store stays bound to the last thread that used it, which enters with a plain
 * store to {@link #busy} and a re-read of the owner. Another thread that wants the store (a call,
 * an access, a close) first becomes its {@link #revoker}, then serializes with the bound thread
 * (see {@link #serialize}) and reads {@code busy}: either the bound thread's entry is visible and
 * the store is refused as in use, or the bound thread sees the revoker and backs off. That costs
 * the taker some microseconds, once: a store that has moved between threads turns {@link #shared},
 * and from then on every top-level entry takes it with one compare-and-set and gives it back on
 * exit.
 */
public final class StoreRuntime {
  /**
   * How long {@link #close()} from another thread waits for a running call before leaving the
   * freeing to it.
   */
  public static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  /** The owner once the store is freed: a marker, never started. */
  private static final Thread CLOSED = new Thread("wasm-layer: closed store");

  private static final int IDLE = 0;
  private static final int WASM = 1;
  private static final int HOST = 2;

  private static final VarHandle OWNER;
  private static final VarHandle BUSY;
  private static final VarHandle REVOKER;
  private static final VarHandle SEQ;
  private static final VarHandle PHASE;
  private static final VarHandle CLOSING;
  private static final VarHandle STOP_FOR;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      OWNER = l.findVarHandle(StoreRuntime.class, "owner", Thread.class);
      BUSY = l.findVarHandle(StoreRuntime.class, "busy", int.class);
      REVOKER = l.findVarHandle(StoreRuntime.class, "revoker", Thread.class);
      SEQ = l.findVarHandle(StoreRuntime.class, "seq", long.class);
      PHASE = l.findVarHandle(StoreRuntime.class, "phase", int.class);
      CLOSING = l.findVarHandle(StoreRuntime.class, "closing", boolean.class);
      STOP_FOR = l.findVarHandle(StoreRuntime.class, "stopFor", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final AtomicLong IDS = new AtomicLong();

  /** This runtime's key in the shared timer (which must hold it only weakly). */
  final long id = IDS.incrementAndGet();

  private final StopSignal signal;
  private final boolean shield;
  private final long deadlineNanos;
  private final Runnable free;

  /**
   * The thread the store is bound to (it stays bound between calls unless {@link #shared}), null
   * when none, {@link #CLOSED} once freed. While the store is not shared, it changes from one
   * thread to another (or to closed) only under {@link #revoker}.
   */
  private volatile Thread owner;

  /**
   * 1 while the owner is inside (a call or an access), else 0. Written only by the owner, with
   * plain release stores: another thread reads it only after {@link #serialize}-ing with the owner.
   */
  private int busy;

  /**
   * Set once the store has moved between threads: then the owner is taken per top-level entry with
   * a CAS.
   */
  private volatile boolean shared;

  /**
   * The thread taking the store from its bound thread (or closing it), or null: one at a time, by
   * CAS.
   */
  private volatile Thread revoker;

  /** Nesting of calls and accesses on the owner thread; touched only by the owner. */
  private int depth;

  /** Nesting of wasm calls only (host functions calling back in); owner only. */
  private int callDepth;

  /**
   * Counts top-level calls, so a stop aimed at one call never hits the next. Written by the owner
   * with release.
   */
  private long seq;

  /**
   * Where the owner is: {@link #IDLE}, in {@link #WASM} code, or in {@link #HOST} code called from
   * wasm.
   */
  private volatile int phase;

  private volatile boolean closing;

  /** The call (by {@link #seq}) a stop was asked for. */
  private volatile long stopFor = -1;

  /** The call whose signal was raised (delivered), so it is not raised twice. */
  private volatile long raisedFor = -1;

  /** The call a raise was attempted for, so the owner lowers what an attempt may have left. */
  private volatile long attemptedFor = -1;

  /**
   * A stopper is between reading {@link #phase} and raising: the owner waits before leaving wasm.
   */
  private volatile boolean delivering;

  /** When the current top-level call must stop (System.nanoTime), or 0. */
  private volatile long callDeadline;

  /**
   * The caller's own interrupt status, set aside during a call when the signal is the thread
   * interrupt.
   */
  private boolean callerInterrupted;

  private volatile Thread closer;
  private boolean freed;

  /**
   * A runtime for one store.
   *
   * @param signal how this engine stops running code
   * @param deadline the per-call deadline, or null for none
   * @param free frees the store's resources; run exactly once, never while a call or access is in
   *     flight
   */
  public StoreRuntime(StopSignal signal, Duration deadline, Runnable free) {
    this.signal = signal;
    this.shield = signal.reachesHostCode();
    this.deadlineNanos = deadline == null ? 0 : Math.max(1, deadline.toNanos());
    this.free = free;
    if (deadlineNanos > 0) {
      Ticker.watch(this);
    }
  }

  // ---- entering and leaving
  // -------------------------------------------------------------------------------------

  /**
   * Before wasm code runs (a call, an instantiation): takes the store, arms the deadline at the top
   * level. Returns the token to hand to {@link #exitCall(long)}: it holds the nesting as it was, so
   * that an exit skipped by a stack overflow deep in host-wasm re-entry is repaired by the next
   * exit out, never leaving the store owned.
   *
   * @return the token for {@link #exitCall(long)}
   */
  public long enterCall() {
    Thread me = Thread.currentThread();
    long token;
    if (owner == me && depth > 0) {
      nestedEnter();
      token = token(depth - 1, callDepth);
      if (callDepth++ > 0) {
        try {
          toWasm(); // a host function calls back into wasm
        } catch (Throwable t) {
          exitCall(token);
          throw t;
        }
        return token;
      }
    } else {
      take(me);
      token = 0;
      callDepth = 1;
    }
    if (shield && Thread.interrupted()) {
      callerInterrupted =
          true; // the caller's own flag is not ours to act on: kept aside, restored after
    }
    if (deadlineNanos > 0) {
      callDeadline = System.nanoTime() + deadlineNanos;
    }
    SEQ.setRelease(this, seq + 1);
    PHASE.setRelease(this, WASM);
    return token;
  }

  /**
   * After wasm code returned or threw; at the top level lowers any stop signal and lets the store
   * go.
   *
   * @param token what the matching enter call returned
   */
  public void exitCall(long token) {
    depth = (int) (token >>> 32);
    callDepth = (int) token;
    if (callDepth > 0) {
      toHost(); // back in the host function that called in
      return;
    }
    if (deadlineNanos > 0) {
      callDeadline = 0;
    }
    if (shield) {
      PHASE.setRelease(
          this, IDLE); // a stopper serializes with this thread before it looks (see deliver)
      while (delivering) {
        Thread.onSpinWait();
      }
      if (attemptedFor == seq) {
        signal.lower();
      }
      if (callerInterrupted) {
        callerInterrupted = false;
        Thread.currentThread().interrupt();
      }
    } else {
      PHASE.setRelease(this, IDLE);
    }
    if (depth == 0) {
      release();
    }
  }

  private static long token(int depth, int callDepth) {
    return (long) depth << 32 | (callDepth & 0xFFFF_FFFFL);
  }

  /**
   * Before a memory, table or global access, or any other use of the store's objects from the host.
   * Returns the token for {@link #exitAccess(long)}.
   *
   * @return the token for {@link #exitAccess(long)}
   */
  public long enterAccess() {
    Thread me = Thread.currentThread();
    if (owner == me && depth > 0) {
      nestedEnter();
      return token(depth - 1, callDepth);
    }
    take(me);
    return token(0, callDepth);
  }

  /**
   * After the access.
   *
   * @param token what the matching enter call returned
   */
  public void exitAccess(long token) {
    depth = (int) (token >>> 32);
    if (depth == 0) {
      release();
    }
  }

  /**
   * When wasm calls a host function: a stop signal that host code could see is taken back until it
   * returns.
   */
  public void enterHost() {
    if (shield) {
      toHost();
    }
  }

  /**
   * When the host function returns to wasm: a stop that came meanwhile takes effect now. A signal
   * the owner cannot raise on itself ({@link StopSignal#raisesOnOwnerThread()} false) is left to
   * the backend: this returns true, and the backend must end the call at once, by throwing its
   * interrupted trap back through wasm. (Leaving it to the timer lost the stop when the guest went
   * straight back into a blocking host function: it ran wasm only for microseconds at a time.) Safe
   * to ignore when the host function threw: that ends the call anyway.
   *
   * @return whether the backend must stop the call now
   */
  public boolean exitHost() {
    if (!shield) {
      return false;
    }
    long s = seq;
    if (stopFor == s && raisedFor != s && !signal.raisesOnOwnerThread()) {
      raisedFor =
          s; // before the phase: a stopper that sees wasm running also sees the stop taken, and
      // stays out
      PHASE.setRelease(this, WASM);
      return true;
    }
    toWasm();
    return false;
  }

  private void nestedEnter() {
    if (closing) {
      throw closedException();
    }
    depth++;
  }

  /**
   * Takes the store for a top-level entry on {@code me}; without an atomic operation when it is
   * bound to {@code me}.
   */
  private void take(Thread me) {
    if (owner == me && !shared && enterBound(me)) {
      return;
    }
    takeSlow(me);
  }

  /**
   * The bound thread enters: publishes {@code busy}, then checks that no revoker has begun (one
   * that began before sees {@code busy} after serializing with this thread; one that began after
   * sees it plainly) and that the store is still bound here (a revoker that finished reset itself
   * after rebinding the store).
   */
  private boolean enterBound(Thread me) {
    BUSY.setRelease(this, 1);
    if (revoker == null && owner == me && !closing) {
      depth = 1;
      return true;
    }
    BUSY.setRelease(this, 0);
    return false;
  }

  private void takeSlow(Thread me) {
    for (int spins = 0; ; spins++) {
      Thread o = owner;
      if (closing || o == CLOSED) {
        throw closedException(); // close() frees (it retries while it sees this thread's brief
        // entry)
      } else if (revoker != null) {
        backOff(spins);
      } else if (o == null) {
        if (OWNER.compareAndSet(this, null, me)) {
          BUSY.setRelease(this, 1);
          if (closing) {
            release();
            throw closedException();
          }
          depth = 1;
          return;
        }
      } else if (shared) {
        throw inUse(o);
      } else if (o == me) {
        if (enterBound(me)) {
          return;
        }
        backOff(spins);
      } else if (REVOKER.compareAndSet(this, null, me)) {
        try {
          if (owner != o) {
            continue;
          }
          if (!outside(o)) {
            throw inUse(o);
          }
          shared = true; // it moved between threads: from now on taken and given back per entry
          BUSY.setRelease(this, 1);
          owner = me;
        } finally {
          revoker = null;
        }
        if (closing) {
          release();
          throw closedException();
        }
        depth = 1;
        return;
      }
    }
  }

  /**
   * As revoker: whether the bound thread {@code o} is outside the store (and, seeing the revoker,
   * stays out).
   */
  private boolean outside(Thread o) {
    if (o.isAlive()) { // a terminated thread's writes are visible once isAlive() says so
      serialize(o);
    }
    return (int) BUSY.getAcquire(this) == 0;
  }

  private static void backOff(int spins) {
    if (spins < 100) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }

  private static IllegalStateException inUse(Thread other) {
    return new IllegalStateException(
        "Store is in use by thread '"
            + other.getName()
            + "'; a store and everything in it is used by one thread at a time");
  }

  /**
   * The owner leaves: it stays bound unless the store is shared; frees the store if close() came
   * meanwhile.
   */
  private void release() {
    BUSY.setRelease(this, 0);
    if (shared) {
      OWNER.setRelease(this, null);
    }
    if (closing) { // read after busy's store: close() serializes with this thread, so one of us
      // sees the other
      tryFree();
    }
  }

  /**
   * Whether the owner is inside the store now (for stops, which are racy by nature and retried).
   */
  private boolean running(Thread t) {
    return t != null && t != CLOSED && (int) BUSY.getAcquire(this) != 0;
  }

  /**
   * Leaving wasm for host code: the owner publishes it, then waits out a stopper that may not have
   * seen it.
   */
  private void toHost() {
    if (!shield) {
      return;
    }
    PHASE.setRelease(
        this, HOST); // no fence here: the stopper serializes with this thread (see deliver)
    while (delivering) {
      Thread.onSpinWait();
    }
    if (attemptedFor == seq) {
      signal
          .lower(); // raised just before the host call: taken back, raised again on return (stopFor
      // stays set)
    }
  }

  /** Back to wasm: a stop asked for while host code ran is raised by the owner itself. */
  private void toWasm() {
    if (!shield) {
      return;
    }
    PHASE.setRelease(this, WASM);
    long s = seq;
    if (stopFor == s && raisedFor != s) {
      if (signal.raisesOnOwnerThread()) {
        attemptedFor = s;
        raisedFor = s;
        signal.raise(Thread.currentThread());
      } else {
        Ticker.retry(this);
      }
    } else if (stopFor == s && signal.raisesOnOwnerThread()) {
      signal.raise(
          Thread.currentThread()); // taken back when the host function started: raised again
    }
  }

  // ---- stopping
  // ---------------------------------------------------------------------------------------------------

  /**
   * Stops the running call from any thread: it ends with an interrupted trap. Nothing running:
   * dropped, never kept for the next call.
   */
  public void interrupt() {
    Thread t = owner;
    if (running(t)) {
      requestStop((long) SEQ.getAcquire(this));
    }
  }

  /**
   * For engines whose check runs on the owner thread (wasmtime's epoch callback): whether the
   * current call must stop now, because it was interrupted or its deadline passed.
   *
   * @return whether the current call must stop
   */
  public boolean stopDue() {
    if (stopFor == seq || closing) {
      return true;
    }
    long d = callDeadline;
    if (d != 0 && System.nanoTime() - d >= 0) {
      raiseStopFor(seq);
      return true;
    }
    return false;
  }

  /**
   * {@return whether a stop was asked for the call running now (for mapping an engine's error to an
   * interrupted trap)}
   */
  public boolean stopping() {
    return stopFor == seq && owner == Thread.currentThread();
  }

  private void requestStop(long call) {
    if (call == 0) {
      return;
    }
    raiseStopFor(call);
    deliver(call);
    if (raisedFor != call && (long) SEQ.getAcquire(this) == call && running(owner)) {
      Ticker.retry(
          this); // host code runs, or the owner had not yet published that it runs wasm: try again
      // shortly
    }
  }

  /**
   * Records a stop for {@code call}; never moves back to an earlier call (a late interrupt() must
   * not undo it).
   */
  private void raiseStopFor(long call) {
    long now;
    do {
      now = stopFor;
      if (now >= call) {
        return;
      }
    } while (!STOP_FOR.compareAndSet(this, now, call));
  }

  /** Raises the signal if the call is still running wasm code. */
  private void deliver(long call) {
    synchronized (
        this) { // never at the same time as free(): a signal may touch native state the store holds
      if (!shield) {
        Thread t = owner;
        if (running(t) && (long) SEQ.getAcquire(this) == call && signal.raise(t)) {
          raisedFor = call;
        }
        return;
      }
      delivering = true;
      try {
        Thread t = owner;
        boolean thread = t != null && t != CLOSED;
        if (thread) {
          serialize(t);
        }
        if (phase == WASM && thread && (long) SEQ.getAcquire(this) == call && raisedFor != call) {
          attemptedFor = call;
          if (signal.raise(t)) {
            raisedFor = call;
          }
        }
      } finally {
        delivering = false;
      }
    }
  }

  /**
   * An asymmetric fence: makes every store {@code t} did before now visible to this thread, and
   * this thread's {@code delivering = true} visible to {@code t} from its next read on. The owner's
   * fast path (leaving wasm for host code or for the caller) then needs no fence of its own: it
   * writes its phase with a plain release store and reads {@code delivering}; either it sees this
   * stopper's flag and waits, or this stopper sees its new phase and does not raise. HotSpot
   * answers a stack trace of another thread with a handshake or safepoint with that thread, which
   * orders both ways; a stop costs some microseconds more, a call some nanoseconds less.
   */
  private static void serialize(Thread t) {
    if (t != Thread.currentThread()) {
      t.getStackTrace();
    }
  }

  /**
   * One tick of the shared timer: enforces the deadline and retries a stop not yet delivered.
   * Returns whether this runtime still needs ticks.
   */
  boolean tick(long now) {
    Thread t = owner;
    if (t == CLOSED) {
      return false;
    }
    long d = callDeadline;
    long call = (long) SEQ.getAcquire(this);
    boolean in = running(t);
    if ((d != 0 && now - d >= 0 && callDeadline == d || closing) && in) {
      raiseStopFor(call);
      if (raisedFor != call) {
        deliver(call);
      }
    } else if (stopFor == call && raisedFor != call && in) {
      deliver(call);
    }
    return deadlineNanos > 0 || (stopFor == call && raisedFor != call && running(owner));
  }

  // ---- closing
  // ---------------------------------------------------------------------------------------------------

  /** {@return whether {@link #close()} was called} */
  public boolean isClosed() {
    return closing;
  }

  /** Throws {@link IllegalStateException} once the store is closed. */
  public void checkOpen() {
    if (closing) {
      throw closedException();
    }
  }

  /** {@return the exception for any use after close} */
  public static IllegalStateException closedException() {
    return new IllegalStateException("Store is closed");
  }

  /**
   * Closes the store from any thread. Idempotent. From the owner thread (inside a host function or
   * an access) the running call stops when control returns to wasm and the store is freed when the
   * outermost call returns; from another thread the running call is stopped and awaited.
   */
  public void close() {
    if (!CLOSING.compareAndSet(this, false, true)) {
      return;
    }
    Thread me = Thread.currentThread();
    Thread o = owner;
    if (o == me && depth > 0) {
      requestStop(seq); // from a host function: the call stops when control returns to wasm
      return; // the outermost exit frees
    }
    if (running(o)) {
      requestStop((long) SEQ.getAcquire(this));
    }
    closer = me;
    long until = System.nanoTime() + CLOSE_WAIT.toNanos();
    try {
      while (true) {
        if (tryFree() || owner == CLOSED) {
          return;
        }
        if (running(owner)) {
          requestStop(
              (long) SEQ.getAcquire(this)); // a call that began as close() did is stopped too
        }
        long left = until - System.nanoTime();
        if (left <= 0) {
          return; // deferred: the owner frees the store when it leaves
        }
        LockSupport.parkNanos(this, Math.min(left, 1_000_000));
      }
    } finally {
      closer = null;
    }
  }

  /** Frees the store if nobody is in it; exactly one caller frees. Returns whether it is freed. */
  private boolean tryFree() {
    Thread me = Thread.currentThread();
    for (int spins = 0; ; spins++) {
      Thread o = owner;
      if (o == CLOSED) {
        return true;
      } else if (o == null) {
        if (OWNER.compareAndSet(this, null, CLOSED)) {
          break;
        }
      } else if (shared || (o == me && depth > 0)) {
        return false; // inside: its exit frees (or the closer's next try)
      } else if (REVOKER.compareAndSet(this, null, me)) {
        boolean out;
        try {
          out = owner == o && (o == me || outside(o));
          if (out) {
            owner = CLOSED;
          }
        } finally {
          revoker = null;
        }
        if (out) {
          break;
        } else if (owner == o) {
          return false; // still inside: its exit, or the closer's next try, frees
        }
      } else {
        backOff(spins);
      }
    }
    Thread c = closer;
    try {
      synchronized (this) {
        if (!freed) {
          freed = true;
          free.run();
        }
      }
    } finally {
      Ticker.forget(this);
      if (c != null) {
        LockSupport.unpark(c);
      }
    }
    return true;
  }
}
