package dev.wasmlayer.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.tck.support.Tck;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * GraalWasm with Truffle's optimizing runtime (the {@code jit-smoke} surefire run: JVMCI on, the
 * GraalVM compiler on the upgrade module path, Truffle on the module path). Asks for {@link
 * ExecutionStrategy#COMPILER}, which fails unless the JIT is really there, and checks results while
 * the code gets compiled. Prints rough timings (not a benchmark).
 */
class JitSmokeTest {
  @Test
  void theJitIsActiveAndResultsStayCorrect() {
    EngineConfig jit = EngineConfig.builder().strategy(ExecutionStrategy.COMPILER).build();
    try (Engine engine = Engines.create(GraalWasmEngineProvider.ID, jit);
        Module module = engine.compile(Tck.wasm("fib"));
        Store<Void> store = engine.newStore(null)) {
      assertEquals(ExecutionStrategy.COMPILER, engine.strategy());
      assertTrue(engine.toString().contains("JIT-compiled"), engine.toString());
      var instance = store.instantiate(module);
      IntUnaryOperator fib = instance.func("fib").orElseThrow().typed(IntUnaryOperator.class);
      IntUnaryOperator addOne =
          instance.func("add_one").orElseThrow().typed(IntUnaryOperator.class);
      long first = 0;
      long last = 0;
      for (int round = 0; round < 30; round++) {
        long t0 = System.nanoTime();
        assertEquals(75025, fib.applyAsInt(25));
        last = System.nanoTime() - t0;
        if (round == 0) {
          first = last;
        }
      }
      int x = 0;
      for (int i = 0; i < 3_000_000; i++) {
        x = addOne.applyAsInt(x);
      }
      assertEquals(3_000_000, x);
      long t0 = System.nanoTime();
      for (int i = 0; i < 1_000_000; i++) {
        x = addOne.applyAsInt(x);
      }
      long ns = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(4_000_000, x);
      System.out.printf(
          "GraalWasm JIT smoke: fib(25) first %.1f ms, after 30 rounds %.1f ms; add_one ~%d ns/call%n",
          first / 1e6, last / 1e6, ns);
    }
  }
}
