package dev.wasmlayer.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The same workloads on GraalWasm's polyglot API used directly, the way a careful user would: one
 * engine, one context, export functions looked up once and executed with Java ints, the host
 * function a {@code ProxyExecutable}, memory read in bulk and written 8 bytes per call (the API has
 * no bulk write), sources cached by content.
 */
final class GraalWasmDirect implements Workload {
  private final Engine engine =
      Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build();
  private final Context context = Context.newBuilder("wasm").engine(engine).build();
  private final Object imports =
      ProxyObject.fromMap(
          Map.of(
              "host", ProxyObject.fromMap(Map.of("inc", (ProxyExecutable) a -> a[0].asInt() + 1))));
  private final Source source;
  private final Value addOne;
  private final Value viaHost;
  private final Value hostLoop;
  private final Value fib;
  private final Value fnv;
  private final Value xorshift;
  private final Value memory;

  GraalWasmDirect() {
    source = source(Modules.bench());
    Value exports = context.eval(source).newInstance(imports).getMember("exports");
    addOne = exports.getMember("add_one");
    viaHost = exports.getMember("via_host");
    hostLoop = exports.getMember("host_loop");
    fib = exports.getMember("fib");
    fnv = exports.getMember("fnv1a");
    xorshift = exports.getMember("xorshift");
    memory = exports.getMember("memory");
  }

  private static Source source(byte[] wasm) {
    return Source.newBuilder("wasm", ByteSequence.create(wasm), "bench").buildLiteral();
  }

  @Override
  public int addOne(int x) {
    return addOne.execute(x).asInt();
  }

  @Override
  public int viaHost(int x) {
    return viaHost.execute(x).asInt();
  }

  @Override
  public int hostLoop(int n) {
    return hostLoop.execute(n).asInt();
  }

  @Override
  public int fib(int n) {
    return fib.execute(n).asInt();
  }

  @Override
  public long xorshift(int n, long x) {
    return xorshift.execute(n, x).asLong();
  }

  @Override
  public int fnv1a(int len) {
    return fnv.execute(len).asInt();
  }

  @Override
  public void copyInOut(byte[] data, byte[] out) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int i = 0;
    for (; i + 8 <= data.length; i += 8) {
      memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, i, b.getLong(i));
    }
    for (; i < data.length; i++) {
      memory.writeBufferByte(i, data[i]);
    }
    memory.readBuffer(0, out, 0, out.length);
  }

  @Override
  public int compileAndInstantiate(byte[] wasm) {
    try (Context c = Context.newBuilder("wasm").engine(engine).build()) {
      return c.eval(source(wasm))
          .newInstance(imports)
          .getMember("exports")
          .getMember("add_one")
          .execute(1)
          .asInt();
    }
  }

  @Override
  public void close() {
    context.close();
    engine.close();
  }
}
