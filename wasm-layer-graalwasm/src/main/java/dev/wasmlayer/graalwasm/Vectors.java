package dev.wasmlayer.graalwasm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Makes v128 values inside a store's Context. The polyglot API can read GraalWasm's vectors but not
 * create them, so a tiny module builds one from two i64 halves:
 *
 * <pre>
 * (module
 *   (func (export "make") (param i64 i64) (result v128)
 *     (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1))))
 * </pre>
 *
 * <p>A host-created v128 global (which GraalWasm's {@code global_alloc} refuses) comes from a
 * module made for the purpose: {@code (module (global (export "g") (mut v128) (v128.const i64x2 LOW
 * HIGH)))}, mutability and value patched into {@link #GLOBAL}.
 */
final class Vectors {
  private static final byte[] MODULE = {
    0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 126, 126, 1, 123, 3, 2, 1, 0, 7, 8, 1, 4, 109, 97,
    107, 101, 0, 0, 10, 13, 1, 11, 0, 32, 0, -3, 18, 32, 1, -3, 30, 1, 11
  };
  private static final byte[] GLOBAL = {
    0, 97, 115, 109, 1, 0, 0, 0, 6, 22, 1, 123, 1, -3, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 11, 7, 5, 1, 1, 103, 3, 0
  };
  private static final int GLOBAL_MUTABILITY = 12;
  private static final int GLOBAL_VALUE = 15;
  private static final Source SOURCE =
      Source.newBuilder("wasm", ByteSequence.create(MODULE), "wasm-layer-v128")
          .cached(true)
          .buildLiteral();

  private final Context context;
  private Value make;

  Vectors(Context context) {
    this.context = context;
  }

  /** A v128 whose low 64 bits are {@code low} and high 64 bits {@code high}. */
  Value make(long low, long high) {
    if (make == null) {
      make = context.eval(SOURCE).newInstance().getMember("exports").getMember("make");
    }
    return make.execute(low, high);
  }

  /** A new v128 global holding {@code low, high}. */
  Value global(boolean mutable, long low, long high) {
    byte[] module = GLOBAL.clone();
    module[GLOBAL_MUTABILITY] = (byte) (mutable ? 1 : 0);
    ByteBuffer.wrap(module)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(GLOBAL_VALUE, low)
        .putLong(GLOBAL_VALUE + 8, high);
    Source source =
        Source.newBuilder("wasm", ByteSequence.create(module), "wasm-layer-v128-global")
            .buildLiteral();
    return context.eval(source).newInstance().getMember("exports").getMember("g");
  }
}
