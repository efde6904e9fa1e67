package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JNA callback for every host function and one for every store's epoch deadline, each finding
 * its target through the {@code env} pointer (an id into a registry). A JNA callback object owns a
 * native trampoline that is freed only after it is garbage collected, so a callback per host
 * function per store made native memory climb for a hundred thousand stores before levelling off;
 * with these two constants nothing native is made per store, and wasmtime's finalizer removes a
 * host function's entry exactly when its store is deleted.
 */
final class HostCallbacks {
  private HostCallbacks() {}

  /** What a host function does when wasm calls it. */
  interface Target {
    Pointer invoke(Pointer caller, Pointer args, long nargs, Pointer results, long nresults);
  }

  /**
   * What an unchecked host function does: reads its arguments from raw slots and writes its results
   * there.
   */
  interface RawTarget {
    long invoke(long caller, long argsAndResults, long n);
  }

  /** What a store does at an epoch deadline. */
  interface EpochTarget {
    Pointer onEpoch(Pointer delta, Pointer kind);
  }

  private static final AtomicLong IDS = new AtomicLong();

  /** {@link Target}s and {@link RawTarget}s: one id space, so one finalizer serves both kinds. */
  private static final TargetTable<Object> FUNCS = new TargetTable<>();

  private static final Map<Long, EpochTarget> STORES = new ConcurrentHashMap<>();
  private static final byte[] MISSING =
      "wasm-layer: host function is gone".getBytes(StandardCharsets.UTF_8);

  static final HotCalls.Dispatch DISPATCH =
      (env, caller, args, nargs, results, nresults) -> {
        return FUNCS.get(Pointer.nativeValue(env)) instanceof Target t
            ? t.invoke(caller, args, nargs, results, nresults)
            : Wasmtime.wasmtime_trap_new(MISSING, MISSING.length);
      };

  static final HotCalls.RawDispatch RAW_DISPATCH =
      (env, caller, argsAndResults, n) ->
          FUNCS.get(env) instanceof RawTarget t
              ? t.invoke(caller, argsAndResults, n)
              : Pointer.nativeValue(Wasmtime.wasmtime_trap_new(MISSING, MISSING.length));

  static final Wasmtime.Finalizer FINALIZE = data -> FUNCS.remove(Pointer.nativeValue(data));

  static final Wasmtime.EpochCallback EPOCH =
      (context, env, delta, kind) -> {
        EpochTarget t = STORES.get(Pointer.nativeValue(env));
        if (t == null) {
          delta.setLong(0, 1);
          kind.setByte(0, (byte) 0);
          return null;
        }
        return t.onEpoch(delta, kind);
      };

  /**
   * Registers a host function; the returned env goes to {@code wasmtime_func_new} with {@link
   * #FINALIZE}.
   */
  static Pointer register(Target target) {
    return key(FUNCS.add(target));
  }

  /**
   * Registers an unchecked host function; the env goes to {@code wasmtime_func_new_unchecked} with
   * FINALIZE.
   */
  static Pointer register(RawTarget target) {
    return key(FUNCS.add(target));
  }

  /** Registers a store's epoch handler; {@link #unregisterStore} when the store is freed. */
  static Pointer registerStore(EpochTarget target) {
    long id = IDS.incrementAndGet();
    STORES.put(id, target);
    return key(id);
  }

  /**
   * An id as an env pointer; not {@code Pointer.createConstant}, whose opaque pointer formats a
   * message when made.
   */
  private static Pointer key(long id) {
    return new Pointer(id);
  }

  static void unregisterStore(Pointer env) {
    STORES.remove(Pointer.nativeValue(env));
  }

  /** Live host function entries (for tests). */
  static int liveFunctions() {
    return FUNCS.size();
  }
}
