package dev.wasmlayer.graalwasm;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Decodes and validates modules at {@code compile} in a scratch Context of the engine (GraalWasm
 * binds modules to a Context, so there is no context-free compile). The parsed code stays cached in
 * the shared engine, so evaluating the same {@link Source} in a store's Context later is cheap.
 */
final class Validator {
  private final GraalWasmEngine engine;

  /**
   * Contexts keep what was evaluated in them; a fresh scratch Context now and then keeps memory
   * flat.
   */
  private static final int EVALS_PER_CONTEXT = 256;

  private Context scratch;
  private int evals;

  Validator(GraalWasmEngine engine) {
    this.engine = engine;
  }

  /** Parses and validates; a rejection comes back as GraalWasm's exception. */
  synchronized void check(Source source) throws PolyglotException {
    if (scratch != null && evals >= EVALS_PER_CONTEXT) {
      close();
    }
    if (scratch == null) {
      scratch = Context.newBuilder("wasm").engine(engine.polyglot()).build();
      evals = 0;
    }
    evals++;
    scratch.eval(source);
  }

  synchronized void close() {
    if (scratch != null) {
      scratch.close();
      scratch = null;
    }
  }
}
