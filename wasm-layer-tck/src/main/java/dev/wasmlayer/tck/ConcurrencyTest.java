package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Engine and Module are shared by threads; each thread has its own Store. */
@Timeout(120)
class ConcurrencyTest extends TckBase {
  @Test
  void threadsShareAnEngineAndAModuleWithAStoreEach() throws Exception {
    Module shared = module("numbers");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int seed = t;
        results.add(
            pool.submit(
                () -> {
                  try (Store<Void> s = engine.newStore(null)) {
                    int x = seed;
                    var addOne = s.instantiate(shared).func("add_one").orElseThrow();
                    for (int n = 0; n < 2_000; n++) {
                      x = addOne.call(Value.i32(x))[0].i32();
                    }
                    return x;
                  }
                }));
      }
      for (int t = 0; t < 16; t++) {
        assertEquals(t + 2_000, results.get(t).get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void threadsCompileConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  try (Module m = engine.compile(Tck.wasm("multi"));
                      Store<Void> s = engine.newStore(null)) {
                    return s.instantiate(m)
                        .func("swap")
                        .orElseThrow()
                        .call(Value.i32(1), Value.i32(2))[0]
                        .i32();
                  }
                }));
      }
      for (Future<Integer> f : results) {
        assertEquals(2, f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
