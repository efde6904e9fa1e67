package dev.wasmlayer.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.WasmException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Chicory's bytecode compiler on a parsed module, in bounded time. Functions past {@link
 * Oversized}'s thresholds are left to the interpreter from the start; one that turns out too large
 * for a JVM method anyway is added and the module compiled again, at most {@value #MAX_RETRIES}
 * times, then the whole module runs interpreted. (Chicory's own fallback compiles the whole module
 * again for every such function, with no bound.) {@code chicory.interpreterFallback} decides for
 * all of them: {@code fail} refuses the module with a {@link LimitException}, {@code warn} logs
 * what runs interpreted (System.Logger {@code dev.wasmlayer.chicory}), {@code silent} does not.
 */
final class ChicoryCompiler {
  private static final System.Logger LOG = System.getLogger("dev.wasmlayer.chicory");
  private static final int MAX_RETRIES = 4;

  /** How Chicory 1.7.5 names the function in its "too large" failures. */
  private static final Pattern TOO_LARGE_INDEX =
      Pattern.compile("(?:func_|WASM function index: )(\\d+)");

  private ChicoryCompiler() {}

  /** The machine factory, or null when the whole module is left to the interpreter. */
  static Function<Instance, Machine> compile(ChicoryEngine engine, WasmModule module) {
    List<Oversized.Interpreted> oversized = Oversized.find(module);
    Set<Integer> interpreted = new TreeSet<>();
    if (!oversized.isEmpty()) {
      Oversized.Interpreted first = oversized.get(0);
      interpretOrFail(engine, first.index(), first.why(), null);
      warn(
          engine,
          oversized.size()
              + " function(s) run interpreted, the first, function "
              + first.index()
              + ", has "
              + first.why());
      oversized.forEach(f -> interpreted.add(f.index()));
    }
    for (int attempt = 0; ; attempt++) {
      try {
        return builder(engine, module, interpreted).compile();
      } catch (InvalidException | MalformedException e) {
        throw ChicoryErrors.compile(
            e); // the compiler finds some invalid modules the parser lets through
      } catch (ChicoryException e) {
        int index = tooLargeFunction(e);
        if (index < 0 || interpreted.contains(index)) {
          throw couldNotCompile(e);
        }
        interpretOrFail(engine, index, "more JVM code than one method can hold", e);
        if (attempt == MAX_RETRIES) {
          warn(
              engine,
              "more than "
                  + MAX_RETRIES
                  + " functions too large for the compiler: the module runs "
                  + "interpreted");
          return null;
        }
        warn(
            engine,
            "function " + index + " runs interpreted: more JVM code than one method can hold");
        interpreted.add(index);
      } catch (RuntimeException e) {
        throw couldNotCompile(e);
      }
    }
  }

  /** Refuses the module when the configuration says a too-large function fails. */
  private static void interpretOrFail(
      ChicoryEngine engine, int index, String why, Throwable cause) {
    if (engine.fallback() == InterpreterFallback.FAIL) {
      throw new LimitException(
          "function "
              + index
              + " is too large for Chicory's compiler ("
              + why
              + "); use ExecutionStrategy.INTERPRETER, or chicory.interpreterFallback=warn to run it interpreted",
          cause);
    }
  }

  private static void warn(ChicoryEngine engine, String message) {
    if (engine.fallback() == InterpreterFallback.WARN) {
      LOG.log(System.Logger.Level.WARNING, "Chicory's compiler: " + message);
    }
  }

  private static MachineFactoryCompiler.Builder builder(
      ChicoryEngine engine, WasmModule module, Set<Integer> interpreted) {
    MachineFactoryCompiler.Builder compiler = MachineFactoryCompiler.builder(module);
    // Always Chicory's FAIL: a too-large function comes back here, to the bounded retry above.
    compiler =
        interpreted.isEmpty()
            ? compiler.withInterpreterFallback(InterpreterFallback.FAIL)
            : compiler.withInterpretedFunctions(Set.copyOf(interpreted));
    if (engine.config().cache().isPresent()) {
      compiler =
          compiler.withCache(
              new ChicoryCache(engine.config().cache().get(), engine.version(), engine.config()));
    }
    return compiler;
  }

  /** The function a "too large for a JVM method" failure names, or -1 for any other failure. */
  private static int tooLargeFunction(ChicoryException e) {
    String message = String.valueOf(e.getMessage());
    if (!message.contains("too large") && !message.contains("exceeds the Java method size")) {
      return -1;
    }
    Matcher m = TOO_LARGE_INDEX.matcher(message);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static WasmException couldNotCompile(RuntimeException e) {
    return new WasmException(
        "Chicory's compiler could not compile this module ("
            + e.getMessage()
            + "); use ExecutionStrategy.INTERPRETER or chicory.interpreterFallback=warn",
        e);
  }
}
