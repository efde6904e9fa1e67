package dev.wasmlayer.bench;

import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.wasi.Wasi;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a Ruby script on ruby.wasm as npm's {@code @ruby/3.3-wasm-wasi} ships it: a WASI reactor
 * with a component-style interface ({@code ruby-init: func(args: list<string>)}, {@code
 * rb-eval-string-protect: func(str: string)}) whose JavaScript bridge imports are stubs that fail
 * if called, and whose resource handles are the values themselves. Strings and lists go in by the
 * canonical ABI: memory from {@code cabi_realloc}, then (pointer, length) pairs.
 */
final class RubyReactor {
  private static final String INIT = "ruby-init: func(args: list<string>) -> ()";
  private static final String LOADPATH = "ruby-init-loadpath: func() -> ()";
  private static final String EVAL =
      "rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>";

  private RubyReactor() {}

  /** Whether {@code module} looks like ruby.wasm's reactor. */
  static boolean is(Module module) {
    return module.exports().stream().anyMatch(e -> e.name().equals(INIT));
  }

  /**
   * Ruby's status (0 is ok) and how long instantiating (with {@code _initialize}) and the rest
   * took.
   */
  record Outcome(int status, long instantiateNanos, long rubyNanos) {}

  /** Initializes Ruby as its JavaScript host does and evaluates {@code script}. */
  static Outcome run(Store<?> store, Module module, String script) {
    long t0 = System.nanoTime();
    Imports.Builder stubs = Imports.builder();
    for (var i : module.imports()) {
      if (i.module().equals("canonical_abi") && i.type() instanceof FuncType type) {
        // handles are the guest's own values: new and get give back their argument, drop does
        // nothing
        stubs.func(
            i.module(),
            i.name(),
            type,
            (caller, args) -> type.results().isEmpty() ? Value.NONE : new Value[] {args[0]});
      } else if (!i.module().equals(Wasi.MODULE) && i.type() instanceof FuncType type) {
        stubs.func(
            i.module(),
            i.name(),
            type,
            (caller, args) -> {
              throw new WasmException(
                  i.module() + "." + i.name() + " is not available outside JavaScript");
            });
      }
    }
    Instance ruby = Wasi.initialize(store, module, stubs.build());
    long t1 = System.nanoTime();
    Memory memory = ruby.memory("memory").orElseThrow();
    Func realloc = ruby.func("cabi_realloc").orElseThrow();
    List<String> args = List.of("ruby.wasm", "-EUTF-8", "-e_=0");
    int list = alloc(realloc, 8 * args.size());
    for (int k = 0; k < args.size(); k++) {
      int[] s = string(realloc, memory, args.get(k));
      memory.writeInt(list + 8L * k, s[0]);
      memory.writeInt(list + 8L * k + 4, s[1]);
    }
    ruby.func(INIT).orElseThrow().call(Value.i32(list), Value.i32(args.size()));
    ruby.func(LOADPATH).orElseThrow().call();
    int[] s = string(realloc, memory, script + "\n$stdout.flush");
    int ret = ruby.func(EVAL).orElseThrow().call(Value.i32(s[0]), Value.i32(s[1]))[0].i32();
    return new Outcome(memory.readInt(ret + 4L), t1 - t0, System.nanoTime() - t1);
  }

  private static int alloc(Func realloc, int size) {
    return realloc.call(Value.i32(0), Value.i32(0), Value.i32(4), Value.i32(size))[0].i32();
  }

  private static int[] string(Func realloc, Memory memory, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int at = alloc(realloc, Math.max(1, b.length));
    memory.write(at, b, 0, b.length);
    return new int[] {at, b.length};
  }
}
