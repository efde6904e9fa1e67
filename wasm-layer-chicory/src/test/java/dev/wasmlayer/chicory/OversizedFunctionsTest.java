package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.HostileModules;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chicory's compiler in bounded time: counts past the bytes present are malformed before Chicory
 * allocates for them; functions past {@link Oversized}'s thresholds run interpreted (or, with
 * {@code fail}, refuse the module at once); a function too large for a JVM method that the
 * thresholds miss is retried interpreted, a bounded number of times.
 */
class OversizedFunctionsTest {
  /**
   * f: 20,000 i64 locals, past the locals threshold; pick: a br_table of 20,000 targets, past that
   * threshold.
   */
  private static final String OVERSIZED =
      "(module"
          + " (func (export \"f\") (param i32) (result i32) (local"
          + " i64".repeat(20_000)
          + ")"
          + "   (i32.add (local.get 0) (i32.const 1)))"
          + " (func (export \"pick\") (param i32) (result i32)"
          + "   (block $far (block $near (br_table $near"
          + " $far".repeat(19_999)
          + " $near (local.get 0)))"
          + "     (return (i32.const 10)))"
          + "   (i32.const 20))"
          + " (func (export \"small\") (result i32) (i32.const 7)))";

  /**
   * {@code n} functions of 50,000 additions (150 KB of code each): below every threshold, too large
   * for a method.
   */
  private static String tooLargeForAMethod(int n) {
    StringBuilder s = new StringBuilder("(module");
    for (int i = 0; i < n; i++) {
      s.append(" (func (export \"sum")
          .append(i)
          .append("\") (param i32) (result i32) local.get 0")
          .append(" local.get 0 i32.add".repeat(50_000))
          .append(")");
    }
    return s.append(")").toString();
  }

  private static Engine compiler(String fallback) {
    return new ChicoryEngineProvider()
        .create(
            EngineConfig.builder()
                .strategy(ExecutionStrategy.COMPILER)
                .option("chicory.interpreterFallback", fallback)
                .build());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void countsPastTheBytesPresentAreMalformed() {
    try (Engine engine = compiler("fail")) {
      for (Map.Entry<String, byte[]> c : HostileModules.hugeCounts().entrySet()) {
        CompileException e =
            assertThrows(CompileException.class, () -> engine.compile(c.getValue()), c.getKey());
        assertEquals(CompileException.Reason.MALFORMED, e.reason(), c.getKey());
        assertThrows(CompileException.class, () -> engine.validate(c.getValue()), c.getKey());
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void functionsPastTheThresholdsRunInterpreted() {
    try (Engine engine = compiler("silent");
        Store<Void> store = engine.newStore(null)) {
      ChicoryModule m = (ChicoryModule) engine.compile(utf8(OVERSIZED));
      assertTrue(m.machineFactory() != null, "compiled, with f and pick left to the interpreter");
      Instance i = store.instantiate(m);
      assertEquals(42, i.func("f").orElseThrow().call(Value.i32(41))[0].i32());
      assertEquals(10, i.func("pick").orElseThrow().call(Value.i32(0))[0].i32());
      assertEquals(20, i.func("pick").orElseThrow().call(Value.i32(1))[0].i32());
      assertEquals(10, i.func("pick").orElseThrow().call(Value.i32(99_999))[0].i32());
      assertEquals(7, i.func("small").orElseThrow().call()[0].i32());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void failRefusesFunctionsPastTheThresholdsAtOnce() {
    try (Engine engine = compiler("fail")) {
      long t0 = System.nanoTime();
      LimitException e = assertThrows(LimitException.class, () -> engine.compile(utf8(OVERSIZED)));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(
          e.getMessage().contains("function 0") && e.getMessage().contains("20001 locals"),
          e.getMessage());
      assertTrue(ms < 5_000, "refused after " + ms + " ms");
      LimitException huge =
          assertThrows(
              LimitException.class, () -> engine.compile(HostileModules.brTable(1_000_000)));
      assertTrue(huge.getMessage().contains("br_table"), huge.getMessage());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aFunctionTooLargeForAMethodIsRetriedInterpreted() {
    try (Engine engine = compiler("silent");
        Store<Void> store = engine.newStore(null)) {
      ChicoryModule m = (ChicoryModule) engine.compile(utf8(tooLargeForAMethod(1)));
      assertTrue(
          m.machineFactory() != null, "compiled, with the one function left to the interpreter");
      Instance i = store.instantiate(m);
      assertEquals(50_001, i.func("sum0").orElseThrow().call(Value.i32(1))[0].i32());
    }
    try (Engine engine = compiler("fail")) {
      LimitException e =
          assertThrows(LimitException.class, () -> engine.compile(utf8(tooLargeForAMethod(1))));
      assertTrue(e.getMessage().contains("function 0"), e.getMessage());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void manyFunctionsTooLargeForAMethodLeaveTheModuleInterpreted() {
    // one compile attempt per function found too large, up to the retry bound; the sixth leaves the
    // whole module
    try (Engine engine = compiler("silent");
        Store<Void> store = engine.newStore(null)) {
      ChicoryModule m = (ChicoryModule) engine.compile(utf8(tooLargeForAMethod(6)));
      assertEquals(null, m.machineFactory(), "the whole module runs interpreted");
      Instance i = store.instantiate(m);
      for (int f = 0; f < 6; f++) {
        assertEquals(100_002, i.func("sum" + f).orElseThrow().call(Value.i32(2))[0].i32());
      }
    }
  }
}
