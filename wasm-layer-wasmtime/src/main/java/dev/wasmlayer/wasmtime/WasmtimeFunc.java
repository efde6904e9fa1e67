package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Func;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.ShapedViews;
import dev.wasmlayer.spi.support.StoreObject;
import dev.wasmlayer.spi.support.ViewCall;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import java.lang.ref.Reference;
import java.util.List;

/**
 * A {@code wasmtime_func_t}. {@link #call} goes through {@code wasmtime_func_call} with typed
 * values; {@link #callRaw} and the typed views through {@code wasmtime_func_call_unchecked} on
 * 16-byte raw slots, in a native buffer kept per function (a nested call of the same function gets
 * its own).
 */
final class WasmtimeFunc implements Func, ViewCall, StoreObject {
  private final WasmtimeStore<?> store;
  private final Memory struct;
  private final FuncType type;
  private final String name;
  private final List<ValType> params;
  private final List<ValType> results;
  private final int rawLen;
  private final boolean rawOk;
  private final String argumentWhat;
  private Memory raw;

  /** {@link #raw}'s address, the view path's buffer. */
  private long rawAddress;

  private final long trapAt;
  private final long contextAddress;
  private final long structAddress;
  private Memory argBuffer;
  private Memory resultBuffer;
  private int depth;

  WasmtimeFunc(WasmtimeStore<?> store, Memory struct, FuncType type, String name) {
    this.store = store;
    this.struct = struct;
    this.type = type;
    this.name = name;
    this.params = type.params();
    this.results = type.results();
    this.rawLen = Math.max(params.size(), results.size());
    this.trapAt = (long) Math.max(1, rawLen) * Layout.VAL_RAW_SIZE;
    this.contextAddress = Pointer.nativeValue(store.context());
    this.structAddress = Pointer.nativeValue(struct);
    this.argumentWhat = "function '" + name + "' argument";
    this.rawOk =
        params.stream().noneMatch(t -> t instanceof RefType)
            && results.stream().noneMatch(t -> t instanceof RefType);
  }

  @Override
  public WasmtimeStore<?> store() {
    return store;
  }

  Memory struct() {
    return struct;
  }

  @Override
  public FuncType type() {
    return type;
  }

  @Override
  public Value[] call(Value... args) {
    long gate =
        store.enterCall(); // first: the buffers below belong to the thread that owns the store
    try {
      return callOwned(args);
    } finally {
      store.exitCall(gate);
    }
  }

  private Value[] callOwned(Value[] args) {
    WasmtimeValues values = store.values();
    boolean[] rooted = new boolean[args.length];
    boolean nested =
        depth > 0; // a host function calling this function again gets buffers of its own
    Memory argv = nested || argBuffer == null ? valBuffer(params.size()) : argBuffer;
    Memory resv = nested || resultBuffer == null ? valBuffer(results.size()) : resultBuffer;
    if (!nested) {
      argBuffer = argv;
      resultBuffer = resv;
    }
    values.writeAll(params, args, argumentWhat, rooted, argv);
    long[] trap = store.trapSlot();
    Pointer err;
    depth++;
    try {
      err =
          HotCalls.get()
              .funcCall(store.context(), struct, argv, args.length, resv, results.size(), trap);
    } finally {
      depth--;
      WasmtimeValues.releaseAll(argv, rooted);
      // GC handles lent to the call stay reachable (so rooted) until wasmtime has taken them
      Reference.reachabilityFence(args);
    }
    if (err != null || trap[0] != 0) {
      throw WasmtimeErrors.of(store, err, Natives.pointer(trap), false);
    }
    return values.readAll(resv, results);
  }

  @Override
  public void callRaw(long[] slots) {
    if (!rawOk) {
      throw new IllegalArgumentException(
          "function '"
              + name
              + "' has references in its type "
              + type
              + "; references have no raw slot form, use call(Value...)");
    }
    if (slots.length < type.slotArraySize()) {
      throw new IllegalArgumentException(
          "function '"
              + name
              + "' needs a slot array of at least "
              + type.slotArraySize()
              + ", got "
              + slots.length);
    }
    long gate = store.enterCall();
    try {
      Memory buf = depth == 0 ? buffer() : rawBuffer();
      HotCalls hot = HotCalls.get();
      int at = 0;
      for (int i = 0; i < params.size(); i++) {
        ValType t = params.get(i);
        long off = (long) i * Layout.VAL_RAW_SIZE;
        if (t == VecType.V128) {
          hot.setLong(buf, off, slots[at++]);
          hot.setLong(buf, off + 8, slots[at++]);
        } else if (t == NumType.I32 || t == NumType.F32) {
          hot.setInt(buf, off, (int) slots[at++]);
        } else {
          hot.setLong(buf, off, slots[at++]);
        }
      }
      invokeOwned(buf);
      at = 0;
      for (int i = 0; i < results.size(); i++) {
        ValType t = results.get(i);
        long off = (long) i * Layout.VAL_RAW_SIZE;
        if (t == VecType.V128) {
          slots[at++] = hot.getLong(buf, off);
          slots[at++] = hot.getLong(buf, off + 8);
        } else if (t == NumType.I32) {
          slots[at++] = hot.getInt(buf, off);
        } else if (t == NumType.F32) {
          slots[at++] = hot.getInt(buf, off) & 0xFFFF_FFFFL;
        } else {
          slots[at++] = hot.getLong(buf, off);
        }
      }
    } finally {
      store.exitCall(gate);
    }
  }

  private static Memory valBuffer(int n) {
    return new Memory((long) Math.max(1, n) * Layout.VAL_SIZE);
  }

  private Memory buffer() {
    if (raw == null) {
      raw = rawBuffer();
      rawAddress = Pointer.nativeValue(raw);
    }
    return raw;
  }

  /**
   * Room for the raw values, then 8 bytes for the trap out-parameter, zero (see {@link #invokeAt}).
   */
  private Memory rawBuffer() {
    Memory m = new Memory(trapAt + 8);
    m.setLong(trapAt, 0);
    return m;
  }

  /**
   * A typed view's call: {@code n} (0-2, a constant at each view) numeric arguments written as
   * 64-bit slots (wasmtime reads only the low half of an i32 slot, little-endian), the first result
   * read as an int ({@code intResult}, also a constant at each view: i32, sign-extended) or a long.
   * Every width is fixed by the view's shape, so nothing here looks at the function's type. The
   * owner is taken before the function's buffer is touched, and views keep no state of their own,
   * so two threads or a nested call never share an argument slot.
   */
  @Override
  public long viewCall(int n, long a, long b, int argKind, int resultKind) {
    boolean intResult = resultKind == I32 || resultKind == VOID;
    long gate = store.enterCall();
    try {
      if (depth != 0) {
        return viewCallNested(n, a, b, intResult);
      }
      if (raw == null) {
        buffer();
      }
      return viewCallAt(rawAddress, n, a, b, intResult);
    } finally {
      store.exitCall(gate);
    }
  }

  /**
   * A view's call while this function already runs further up the stack: on a buffer of its own.
   */
  private long viewCallNested(int n, long a, long b, boolean intResult) {
    Memory fresh = rawBuffer();
    try {
      return viewCallAt(Pointer.nativeValue(fresh), n, a, b, intResult);
    } finally {
      Reference.reachabilityFence(fresh);
    }
  }

  private long viewCallAt(long buf, int n, long a, long b, boolean intResult) {
    HotCalls hot = HotCalls.get();
    if (n > 0) {
      hot.setLongAt(buf, a);
    }
    if (n > 1) {
      hot.setLongAt(buf + Layout.VAL_RAW_SIZE, b);
    }
    invokeAt(hot, buf);
    return intResult ? hot.getIntAt(buf) : hot.getLongAt(buf);
  }

  /**
   * Runs the unchecked call on {@code buf}; the caller holds the store. The buffer holds the
   * results afterwards.
   */
  void invokeOwned(Memory buf) {
    try {
      invokeAt(HotCalls.get(), Pointer.nativeValue(buf));
    } finally {
      Reference.reachabilityFence(buf);
    }
  }

  /**
   * The unchecked call on the buffer at {@code buf}, whose trap slot is zero: wasmtime writes it
   * only on a trap, and a trap read here is cleared at once, so no call pays for zeroing it first.
   */
  private void invokeAt(HotCalls hot, long buf) {
    long err;
    depth++;
    try {
      err = hot.funcCallUnchecked(contextAddress, structAddress, buf, rawLen, buf + trapAt);
    } finally {
      depth--;
    }
    if (err != 0) {
      throw WasmtimeErrors.of(store, new Pointer(err), null, false);
    }
    long trap = hot.getLongAt(buf + trapAt);
    if (trap != 0) {
      hot.setLongAt(buf + trapAt, 0);
      throw WasmtimeErrors.of(store, null, new Pointer(trap), false);
    }
  }

  @Override
  public <T> T typed(Class<T> view) {
    return ShapedViews.typed(this, this, view);
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    return WasmtimeExterns.unwrap(struct, cls, "function", "wasmtime_func_t*");
  }

  @Override
  public String toString() {
    return "WasmtimeFunc{" + name + " " + type + "}";
  }
}
