package dev.wasmlayer.examples;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.bind.WasmImport;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A WASI program (C, {@code src/main/c/shout.c}) that also imports a Java function: WASI gives it
 * its arguments and stdout, and {@code host.upper}, bound from the {@link Upper} class, upper-cases
 * each argument in its memory. {@code shout hello wasm} prints {@code HELLO WASM! (9 letters
 * raised)}.
 */
public final class WasiShout {
  private WasiShout() {}

  /** The Java side of the program's {@code host} imports. */
  public static final class Upper {
    /** One per program run; it keeps no state. */
    public Upper() {}

    /**
     * {@code host.upper: (i32, i32) -> i32}: upper-cases ASCII letters in place, returns how many
     * changed.
     */
    @WasmImport
    public int upper(Caller<?> caller, int ptr, int length) {
      Memory memory = caller.memory("memory").orElseThrow();
      byte[] text = new byte[length];
      memory.read(ptr, text, 0, length);
      int changed = 0;
      for (int i = 0; i < length; i++) {
        if (text[i] >= 'a' && text[i] <= 'z') {
          text[i] -= 'a' - 'A';
          changed++;
        }
      }
      memory.write(ptr, text, 0, length);
      return changed;
    }
  }

  /** Runs the program with these words; exits with its status. */
  public static void main(String[] args) throws IOException {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the program with {@code words} as its arguments, its stdout and stderr on the given
   * streams.
   */
  public static int run(OutputStream out, OutputStream err, String... words) throws IOException {
    String[] argv = new String[words.length + 1];
    argv[0] = "shout";
    System.arraycopy(words, 0, argv, 1, words.length);
    WasiConfig wasi = WasiConfig.builder().args(argv).stdout(out).stderr(err).build();
    try (Engine engine = Engine.create();
        Module module = engine.compile(load());
        Store<Void> store = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      return Wasi.run(store, module, Imports.builder().bind("host", new Upper()).build());
    }
  }

  private static byte[] load() throws IOException {
    try (InputStream in =
        WasiShout.class.getResourceAsStream("/dev/wasmlayer/examples/shout.wasm")) {
      if (in == null) {
        throw new IOException("missing example module shout.wasm");
      }
      return in.readAllBytes();
    }
  }
}
