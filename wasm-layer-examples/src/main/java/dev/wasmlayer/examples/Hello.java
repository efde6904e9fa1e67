package dev.wasmlayer.examples;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.bind.WasmImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Hello world: WebAssembly calls a Java function, which reads the greeting from the module's memory
 * and prints {@code Hello from Java, WebAssembly!}. The same code runs on whichever engine is on
 * the class path.
 */
public final class Hello {
  private Hello() {}

  /**
   * The host functions the module imports as {@code host.*}; the wasm types come from the Java
   * signatures.
   */
  public static final class Console {
    private final PrintStream out;

    Console(PrintStream out) {
      this.out = out;
    }

    /**
     * {@code host.print: (i32, i32) -> ()}: prints the UTF-8 string at {@code ptr} in the caller's
     * memory.
     */
    @WasmImport
    public void print(Caller<?> caller, int ptr, int len) {
      out.println(caller.memory("memory").orElseThrow().readString(ptr, len));
    }
  }

  /** Runs the example; the engine in use is reported on stderr. */
  public static void main(String[] args) throws IOException {
    run(System.out, System.err);
  }

  /** Runs the example, printing the greeting to {@code out} and the engine to {@code err}. */
  public static void run(PrintStream out, PrintStream err) throws IOException {
    try (Engine engine = Engine.create();
        Store<Void> store = engine.newStore(null);
        Module module = engine.compile(load("hello.wasm"))) {
      err.println(
          "wasm-layer: running on "
              + engine.id()
              + " "
              + engine.version()
              + " ("
              + engine.strategy()
              + ")");
      Imports imports = Imports.builder().bind("host", new Console(out)).build();
      Instance instance = store.instantiate(module, imports);
      instance.func("run").orElseThrow().call();
    }
  }

  private static byte[] load(String name) throws IOException {
    try (InputStream in = Hello.class.getResourceAsStream("/dev/wasmlayer/examples/" + name)) {
      if (in == null) {
        throw new IOException("missing example module " + name);
      }
      return in.readAllBytes();
    }
  }
}
