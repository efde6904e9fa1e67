package dev.wasmlayer.wasmtime;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.types.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link AddressSpaceTest} in a JVM whose address space is limited: instantiates one-page
 * memories (each reserving wasmtime's 4 GiB) until none fits (saying how long the refused
 * instantiation took), then frees them and tries again. Prints one line per outcome; any other
 * exception or Error ends it with status 2.
 */
public final class AddressSpaceProbe {
  private AddressSpaceProbe() {}

  public static void main(String[] args) {
    List<Store<Void>> stores = new ArrayList<>();
    try (Engine e = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
        Module m = e.compile("(module (memory 1))".getBytes(StandardCharsets.UTF_8))) {
      int live = 0;
      long t0 = 0;
      try {
        for (; live < 1000; live++) {
          Store<Void> s = e.newStore(null);
          stores.add(s);
          t0 = System.nanoTime();
          s.instantiate(m);
        }
        System.out.println("no limit after " + live);
      } catch (LimitException expected) {
        System.out.println(
            "instantiate limit after "
                + live
                + " in "
                + (System.nanoTime() - t0) / 1_000_000
                + " ms: "
                + expected.getMessage());
      }
      try {
        stores.get(stores.size() - 1).newMemory(MemoryType.of(1));
        System.out.println("newMemory ok");
      } catch (LimitException expected) {
        System.out.println("newMemory limit: " + expected.getMessage());
      }
      stores.forEach(Store::close);
      try (Store<Void> s = e.newStore(null)) {
        s.instantiate(m);
        System.out.println("recovered");
      }
    } catch (Throwable t) {
      System.out.println("escaped " + t);
      System.exit(2);
    }
  }
}
