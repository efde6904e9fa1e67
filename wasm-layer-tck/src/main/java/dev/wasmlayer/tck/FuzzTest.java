package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.ValType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: mutated TCK modules (bit flips, byte writes, truncations, splices, duplicated and
 * inserted runs) through validate, compile, instantiate and a call of every export. Every outcome
 * must be success or a {@link WasmException}, and validate must agree with compile; no other
 * exception, no crash, no hang (each case is time-boxed; code runs under a deadline and a memory
 * cap). {@code -Ddev.wasmlayer.tck.fuzz.cases=N} (default 2000) and {@code .seed} choose the run.
 */
@RequiresFeature({Feature.INTERRUPTION, Feature.MEMORY_LIMITS})
class FuzzTest extends TckBase {
  private static final String[] CORPUS = {
    "numbers",
    "multi",
    "host",
    "memory",
    "memory_import",
    "globals",
    "traps",
    "start_trap",
    "start_host",
    "command",
    "introspect",
    "producer",
    "consumer",
    "simd",
    "v128",
    "memory64",
    "invalid",
    "refs",
    "refs_host",
    "table_import",
    "loops",
    "big_memory"
  };
  private static final long CASE_SECONDS = 20;

  @Test
  void mutatedModulesOnlyEverFailWithWasmExceptions() throws Exception {
    int cases = Integer.getInteger("dev.wasmlayer.tck.fuzz.cases", 2000);
    long seed = Long.getLong("dev.wasmlayer.tck.fuzz.seed", 1);
    List<byte[]> corpus = new ArrayList<>();
    for (String name : CORPUS) {
      corpus.add(Tck.wasm(name));
    }
    Map<String, Integer> outcomes = new TreeMap<>();
    Random random = new Random(seed);
    ExecutorService worker =
        Executors.newSingleThreadExecutor(r -> new Thread(null, r, "fuzz", 16L << 20));
    long t0 = System.nanoTime();
    try (Engine fuzzEngine =
        Engines.create(Tck.provider().id(), Tck.config().toBuilder().interruption(true).build())) {
      for (int n = 0; n < cases; n++) {
        byte[] bytes = mutate(corpus, random);
        int caseNo = n;
        Future<String> outcome = worker.submit(() -> run(fuzzEngine, bytes));
        try {
          outcomes.merge(outcome.get(CASE_SECONDS, TimeUnit.SECONDS), 1, Integer::sum);
        } catch (TimeoutException hang) {
          fail("case " + caseNo + " (seed " + seed + ") did not finish in " + CASE_SECONDS + " s");
        } catch (ExecutionException e) {
          throw new AssertionError(
              "case " + caseNo + " (seed " + seed + ") failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      worker.shutdownNow();
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println(
        "wasm-layer fuzz on "
            + engine.id()
            + " ("
            + engine.strategy()
            + "): "
            + cases
            + " cases in "
            + ms
            + " ms: "
            + outcomes);
    assertTrue(
        outcomes.getOrDefault("compile error", 0) > 0,
        "mutations must break some modules: " + outcomes);
    assertTrue(
        outcomes.getOrDefault("ran", 0) + outcomes.getOrDefault("ran, some calls trapped", 0) > 0,
        "some mutated modules must still compile, instantiate and run: " + outcomes);
  }

  /**
   * One case; returns its outcome class. Anything but a WasmException escapes and fails the test.
   */
  private static String run(Engine engine, byte[] bytes) {
    CompileException rejected = null;
    try {
      engine.validate(bytes);
    } catch (UnsupportedFeatureException e) {
      return "unsupported feature";
    } catch (CompileException e) {
      rejected = e;
    }
    Module m;
    try {
      m = engine.compile(bytes);
    } catch (UnsupportedFeatureException e) {
      return "unsupported feature";
    } catch (CompileException e) {
      if (rejected == null) {
        throw new AssertionError("validate accepted a module that compile rejects", e);
      }
      return "compile error";
    }
    if (rejected != null) {
      m.close();
      throw new AssertionError("compile accepted a module that validate rejects", rejected);
    }
    StoreConfig limits =
        StoreConfig.builder().deadline(Duration.ofMillis(300)).maxMemoryBytes(16 << 20).build();
    try (m;
        Store<Void> s = engine.newStore(null, limits)) {
      Instance i;
      try {
        i = s.instantiate(m, stubs(m));
      } catch (LinkException e) {
        return "link error";
      } catch (LimitException e) {
        return "limit";
      } catch (TrapException e) {
        return "start trap";
      } catch (UnsupportedFeatureException e) {
        return "unsupported feature";
      }
      int traps = 0;
      for (Object x : i.exports().values()) {
        if (x instanceof Func f) {
          try {
            f.call(zeros(f.type().params()));
          } catch (TrapException | UnsupportedFeatureException e) {
            traps++;
          }
        }
      }
      return traps > 0 ? "ran, some calls trapped" : "ran";
    }
  }

  /** Host functions returning zeros for every imported function; other imports are left missing. */
  private static Imports stubs(Module m) {
    Imports.Builder b = Imports.builder();
    Set<String> seen = new HashSet<>();
    for (ImportType it : m.imports()) {
      if (it.type() instanceof FuncType t && seen.add(it.module() + "\0" + it.name())) {
        b.func(it.module(), it.name(), t, (c, a) -> zeros(t.results()));
      }
    }
    return b.build();
  }

  private static Value[] zeros(List<ValType> types) {
    Value[] v = new Value[types.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = Value.zero(types.get(k));
    }
    return v;
  }

  private static byte[] mutate(List<byte[]> corpus, Random r) {
    byte[] b = corpus.get(r.nextInt(corpus.size())).clone();
    return switch (r.nextInt(6)) {
      case 0 -> { // flip bits
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
          int at = 8 + r.nextInt(Math.max(1, b.length - 8));
          if (at < b.length) {
            b[at] ^= (byte) (1 << r.nextInt(8));
          }
        }
        yield b;
      }
      case 1 -> { // overwrite bytes
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        yield b;
      }
      case 2 -> Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
      case 3 -> { // splice two modules
        byte[] other = corpus.get(r.nextInt(corpus.size()));
        int cut = r.nextInt(b.length + 1);
        int from = r.nextInt(other.length + 1);
        byte[] out = Arrays.copyOf(b, cut + other.length - from);
        System.arraycopy(other, from, out, cut, other.length - from);
        yield out;
      }
      case 4 -> { // duplicate a run
        int at = r.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + r.nextInt(16));
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at + len);
        System.arraycopy(b, at, out, at + len, b.length - at);
        yield out;
      }
      default -> { // insert random bytes
        int at = r.nextInt(b.length + 1);
        int len = 1 + r.nextInt(8);
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at);
        for (int k = 0; k < len; k++) {
          out[at + k] = (byte) r.nextInt(256);
        }
        System.arraycopy(b, at, out, at + len, b.length - at);
        yield out;
      }
    };
  }
}
