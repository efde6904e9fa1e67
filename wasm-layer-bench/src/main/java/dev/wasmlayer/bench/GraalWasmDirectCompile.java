package dev.wasmlayer.bench;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * A module parsed (decoded and validated) by GraalWasm on its own polyglot API, for {@link
 * LargeModules}.
 */
final class GraalWasmDirectCompile {
  private GraalWasmDirectCompile() {}

  static Object engine() {
    return Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build();
  }

  static Object compile(Object engine, byte[] wasm) {
    Context context = Context.newBuilder("wasm").engine((Engine) engine).build();
    return context.parse(
        Source.newBuilder("wasm", ByteSequence.create(wasm), "large").buildLiteral());
  }
}
