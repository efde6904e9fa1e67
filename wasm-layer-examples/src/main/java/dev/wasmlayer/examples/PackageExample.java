package dev.wasmlayer.examples;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import java.nio.charset.StandardCharsets;

/** The example of the API's package documentation ({@code dev.wasmlayer}), kept runnable here. */
public final class PackageExample {
  private PackageExample() {}

  /** Prints {@code Hello from Java, WebAssembly!} through a module written in WebAssembly text. */
  public static void main(String[] args) {
    byte[] wasm =
        """
        (module
          (import "env" "hello" (func $hello))
          (func (export "run") call $hello))
        """
            .getBytes(StandardCharsets.UTF_8);
    try (Engine engine = Engine.create();
        Store<Void> store = engine.newStore(null);
        Module module = engine.compile(wasm)) {
      Imports imports =
          Imports.builder()
              .func(
                  "env",
                  "hello",
                  Runnable.class,
                  () -> System.out.println("Hello from Java, WebAssembly!"))
              .build();
      Instance instance = store.instantiate(module, imports);
      instance.func("run").orElseThrow().call();
    }
  }
}
