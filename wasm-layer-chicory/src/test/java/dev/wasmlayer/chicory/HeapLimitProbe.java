package dev.wasmlayer.chicory;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import java.nio.charset.StandardCharsets;

/**
 * Run by {@link HeapLimitTest} in a JVM with a small heap and no store caps: prints one line per outcome. Any Error
 * that escapes ends it with status 2.
 */
public final class HeapLimitProbe {
  private static final String GROWS = "(module (memory (export \"memory\") 1) (table $t 0 funcref)"
      + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))"
      + " (func (export \"grow_table\") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))";

  private HeapLimitProbe() {}

  public static void main(String[] args) {
    EngineConfig config = EngineConfig.builder().strategy(ExecutionStrategy.valueOf(args[0])).build();
    try (Engine e = new ChicoryEngineProvider().create(config); Store<Void> s = e.newStore(null)) {
      Instance i = s.instantiate(e.compile(GROWS.getBytes(StandardCharsets.UTF_8)));
      System.out.println("heap " + Runtime.getRuntime().maxMemory());
      System.out.println("grow-past-heap " + grow(i, "grow", 4000));
      int steps = 0;
      while (grow(i, "grow", 16) != -1) { // a MiB at a time until the heap says no
        steps++;
      }
      System.out.println("grown-mib " + steps);
      System.out.println("table-past-heap " + grow(i, "grow_table", 9_000_000));
      System.out.println("host-grow " + i.memory("memory").map(m -> m.grow(16)).orElse(0L));
      try {
        s.instantiate(e.compile("(module (memory 2000))".getBytes(StandardCharsets.UTF_8)));
        System.out.println("instantiate ok");
      } catch (LimitException expected) {
        System.out.println("instantiate limit: " + expected.getMessage());
      }
      System.out.println("done");
    } catch (Throwable t) {
      System.out.println("escaped " + t);
      System.exit(2);
    }
  }

  private static long grow(Instance i, String name, int delta) {
    return i.func(name).orElseThrow().call(Value.i32(delta))[0].i32();
  }
}
