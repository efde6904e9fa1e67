package dev.wasmlayer.tck.spec;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Global;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.ThrownException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.spec.Outcome.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one wast2json script through the public API in a fresh store, with a fresh {@code spectest}
 * and registry, and returns one {@link Outcome} per command.
 */
final class SpecScript {
  /** The reference interpreter's trap messages and the kinds they mean. */
  private static final Map<String, TrapKind> TRAPS = new LinkedHashMap<>();

  static {
    TRAPS.put("unreachable", TrapKind.UNREACHABLE);
    TRAPS.put("integer divide by zero", TrapKind.INTEGER_DIVIDE_BY_ZERO);
    TRAPS.put("integer overflow", TrapKind.INTEGER_OVERFLOW);
    TRAPS.put("invalid conversion to integer", TrapKind.BAD_CONVERSION_TO_INTEGER);
    TRAPS.put("out of bounds memory access", TrapKind.MEMORY_OUT_OF_BOUNDS);
    TRAPS.put("out of bounds table access", TrapKind.TABLE_OUT_OF_BOUNDS);
    TRAPS.put("undefined element", TrapKind.TABLE_OUT_OF_BOUNDS);
    TRAPS.put("uninitialized element", TrapKind.INDIRECT_CALL_TO_NULL);
    TRAPS.put("indirect call type mismatch", TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
    TRAPS.put("call stack exhausted", TrapKind.STACK_OVERFLOW);
    TRAPS.put("out of bounds array access", TrapKind.ARRAY_OUT_OF_BOUNDS);
    TRAPS.put("cast failure", TrapKind.CAST_FAILURE);
    TRAPS.put("null", TrapKind.NULL_REFERENCE);
  }

  /**
   * A command that could not be judged: the engine lacks a feature (excluded) or something it needs
   * failed.
   */
  private static final class NotRun extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Status status;

    NotRun(Status status, String why) {
      super(why, null, false, false);
      this.status = status;
    }
  }

  private final Engine engine;
  private final Path dir;
  private final String file;
  private final SpecValues values = new SpecValues();
  private final Map<String, Instance> named = new HashMap<>();
  private final Map<String, Module> definitions = new HashMap<>();
  private final Map<String, NotRun> problems = new HashMap<>();
  private final Map<String, Instance> registered = new LinkedHashMap<>();

  /**
   * Registration names whose module could not be made, with why: modules importing from them share
   * the outcome.
   */
  private final Map<String, NotRun> unregistered = new LinkedHashMap<>();

  private final List<Module> modules = new ArrayList<>();
  private Instance current;
  private NotRun currentProblem;
  private Module lastDefinition;
  private NotRun lastDefinitionProblem;
  private Store<Void> store;
  private SpecHost host;

  SpecScript(Engine engine, Path json) {
    this.engine = engine;
    this.dir = json.getParent();
    this.file = json.getFileName().toString().replace(".json", ".wast");
  }

  @SuppressWarnings("unchecked")
  List<Outcome> run() {
    Map<String, Object> script;
    try {
      script =
          (Map<String, Object>)
              Json.parse(Files.readString(dir.resolve(file.replace(".wast", ".json"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Outcome> out = new ArrayList<>();
    store = engine.newStore(null);
    host = new SpecHost(store);
    try {
      for (Object c : (List<Object>) script.get("commands")) {
        out.add(command((Map<String, Object>) c));
      }
    } finally {
      store.close();
      modules.forEach(Module::close);
    }
    return out;
  }

  private Outcome command(Map<String, Object> c) {
    String type = (String) c.get("type");
    String kind = "text".equals(c.get("module_type")) ? type + " (text)" : type;
    Outcome o = new Outcome(file, ((Long) c.get("line")).intValue(), kind, Status.PASSED, "");
    try {
      execute(type, c);
      return o;
    } catch (NotRun n) {
      return o.with(n.status, n.getMessage());
    } catch (UnsupportedFeatureException u) {
      return o.with(excludedOrFailed(u) == null ? Status.FAILED : Status.EXCLUDED, describe(u));
    } catch (AssertionError | RuntimeException | StackOverflowError e) {
      return o.with(Status.FAILED, describe(e));
    }
  }

  /**
   * The exclusion for an engine refusing a feature it declares missing; null if it claims the
   * feature.
   */
  private String excludedOrFailed(UnsupportedFeatureException u) {
    return engine.supports(u.feature()) ? null : "engine lacks " + u.feature();
  }

  private String describe(Throwable e) {
    if (e instanceof UnsupportedFeatureException unsupported) {
      String lack = excludedOrFailed(unsupported);
      return lack != null
          ? lack
          : "declares " + unsupported.feature() + " but threw: " + e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @SuppressWarnings("unchecked")
  private void execute(String type, Map<String, Object> c) {
    switch (type) {
      case "module" -> moduleCommand((String) c.get("name"), (String) c.get("filename"));
      case "module_definition" -> definition((String) c.get("name"), (String) c.get("filename"));
      case "module_instance" ->
          moduleInstance((String) c.get("instance"), (String) c.get("module"));
      case "register" -> {
        String as = (String) c.get("as");
        try {
          registered.put(as, target((String) c.get("name")));
          unregistered.remove(as);
        } catch (NotRun n) {
          unregistered.put(as, n);
          throw n;
        }
      }
      case "action" -> act((Map<String, Object>) c.get("action"));
      case "assert_return" -> assertReturn(c);
      case "assert_trap" -> expectTrap(c, trapKind((String) c.get("text")));
      case "assert_exhaustion" -> expectTrap(c, TrapKind.STACK_OVERFLOW);
      case "assert_exception" -> expectTrap(c, TrapKind.UNCAUGHT_EXCEPTION);
      case "assert_invalid" -> expectCompileError(c, CompileException.Reason.INVALID);
      case "assert_malformed" -> expectCompileError(c, CompileException.Reason.MALFORMED);
      case "assert_unlinkable" -> expectInstantiationError(c, LinkException.class, null);
      case "assert_uninstantiable" ->
          expectInstantiationError(c, TrapException.class, trapKind((String) c.get("text")));
      default -> throw new NotRun(Status.FAILED, "unknown command type " + type);
    }
  }

  private byte[] bytes(String filename) {
    try {
      return Files.readAllBytes(dir.resolve(filename));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Module compile(String filename) {
    Module m = engine.compile(bytes(filename));
    modules.add(m);
    return m;
  }

  private Instance instantiate(Module m) {
    try {
      return store.instantiate(m, host.importsFor(m, registered));
    } catch (LinkException e) {
      for (var i : m.imports()) {
        NotRun n = unregistered.get(i.module());
        if (n != null
            && !registered.containsKey(i.module())) { // the import was never there to find
          throw new NotRun(
              n.status,
              "imports from '" + i.module() + "', which was not registered: " + n.getMessage());
        }
      }
      throw e;
    }
  }

  private void moduleCommand(String name, String filename) {
    current = null;
    currentProblem = null;
    try {
      current = instantiate(compile(filename));
      if (name != null) {
        named.put(name, current);
        problems.remove(name);
      }
    } catch (RuntimeException e) {
      currentProblem = dependency(e);
      if (name != null) {
        named.remove(name);
        problems.put(name, currentProblem);
      }
      throw e;
    }
  }

  private void definition(String name, String filename) {
    lastDefinition = null;
    lastDefinitionProblem = null;
    try {
      lastDefinition = compile(filename);
      if (name != null) {
        definitions.put(name, lastDefinition);
      }
    } catch (RuntimeException e) {
      lastDefinitionProblem = dependency(e);
      throw e;
    }
  }

  private void moduleInstance(String instanceName, String moduleName) {
    Module def = moduleName != null ? definitions.get(moduleName) : lastDefinition;
    if (def == null) {
      NotRun problem =
          lastDefinitionProblem != null
              ? lastDefinitionProblem
              : new NotRun(Status.FAILED, "no module definition " + moduleName);
      if (instanceName != null) {
        named.remove(instanceName);
        problems.put(instanceName, problem);
      }
      throw problem;
    }
    current = null;
    currentProblem = null;
    try {
      current = instantiate(def);
      if (instanceName != null) {
        named.put(instanceName, current);
      }
    } catch (RuntimeException e) {
      currentProblem = dependency(e);
      throw e;
    }
  }

  /** What commands depending on a failed module become: excluded with its reason, or blocked. */
  private NotRun dependency(RuntimeException e) {
    boolean excluded =
        e instanceof UnsupportedFeatureException unsupported
            && excludedOrFailed(unsupported) != null;
    return new NotRun(
        excluded ? Status.EXCLUDED : Status.BLOCKED, "its module failed: " + describe(e));
  }

  private Instance target(String name) {
    if (name == null) {
      if (current == null) {
        throw currentProblem != null
            ? currentProblem
            : new NotRun(Status.FAILED, "no current module");
      }
      return current;
    }
    Instance i = named.get(name);
    if (i == null) {
      NotRun p = problems.get(name);
      throw p != null ? p : new NotRun(Status.FAILED, "no module named " + name);
    }
    return i;
  }

  @SuppressWarnings("unchecked")
  private Value[] act(Map<String, Object> action) {
    Instance instance = target((String) action.get("module"));
    String field = (String) action.get("field");
    if ("get".equals(action.get("type"))) {
      Global g =
          instance
              .global(field)
              .orElseThrow(() -> new AssertionError("no exported global " + field));
      return new Value[] {g.get()};
    }
    List<Object> args = (List<Object>) action.get("args");
    Value[] in = new Value[args.size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = values.arg((Map<String, Object>) args.get(i));
    }
    return instance
        .func(field)
        .orElseThrow(() -> new AssertionError("no exported function " + field))
        .call(in);
  }

  @SuppressWarnings("unchecked")
  private void assertReturn(Map<String, Object> c) {
    Value[] results = act((Map<String, Object>) c.get("action"));
    if (c.containsKey("either")) {
      List<Object> either = (List<Object>) c.get("either");
      if (results.length != 1) {
        throw new AssertionError("expected one result, got " + results.length);
      }
      for (Object e : either) {
        if (values.mismatch((Map<String, Object>) e, results[0]) == null) {
          return;
        }
      }
      throw new AssertionError("result " + results[0] + " matches none of " + either);
    }
    List<Object> expected = (List<Object>) c.get("expected");
    if (results.length != expected.size()) {
      throw new AssertionError("expected " + expected.size() + " results, got " + results.length);
    }
    for (int i = 0; i < results.length; i++) {
      String why = values.mismatch((Map<String, Object>) expected.get(i), results[i]);
      if (why != null) {
        throw new AssertionError("result " + i + ": " + why);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void expectTrap(Map<String, Object> c, TrapKind kind) {
    try {
      Value[] r = act((Map<String, Object>) c.get("action"));
      throw new AssertionError("expected a " + kind + " trap, got " + Arrays.toString(r));
    } catch (TrapException t) {
      if (t.kind() != kind) {
        throw new AssertionError(
            "expected a " + kind + " trap, got " + t.kind() + ": " + t.getMessage());
      }
      // an engine with exceptions at the host boundary hands out the exception itself
      if (kind == TrapKind.UNCAUGHT_EXCEPTION
          && engine.supports(Feature.EXCEPTIONS)
          && !(t instanceof ThrownException thrown && thrown.exception() != null)) {
        throw new AssertionError(
            "an engine with " + Feature.EXCEPTIONS + " threw a plain " + t.getClass().getName());
      }
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  private void expectCompileError(Map<String, Object> c, CompileException.Reason reason) {
    byte[] wasm;
    if ("text".equals(c.get("module_type"))) {
      if (!engine.supports(Feature.WAT)) {
        throw new NotRun(Status.EXCLUDED, "text module; engine lacks " + Feature.WAT);
      }
      byte[] text = bytes((String) c.get("filename"));
      String head =
          new String(text, 0, Math.min(text.length, 64), StandardCharsets.ISO_8859_1)
              .stripLeading();
      // the suite stores a module's fields, or (for a few) the whole module: wrap only bare fields
      wasm =
          head.startsWith("(module")
              ? text
              : concat(
                  "(module ".getBytes(StandardCharsets.UTF_8),
                  text,
                  ")".getBytes(StandardCharsets.UTF_8));
    } else {
      wasm = bytes((String) c.get("filename"));
    }
    try {
      engine.compile(wasm).close();
    } catch (CompileException e) {
      if (e.reason() != reason && !"text".equals(c.get("module_type"))) {
        throw new AssertionError(
            "expected a " + reason + " module, engine said " + e.reason() + ": " + e.getMessage());
      }
      return;
    }
    throw new AssertionError(
        "expected a " + reason + " module (" + c.get("text") + "), but it compiled");
  }

  private void expectInstantiationError(
      Map<String, Object> c, Class<? extends RuntimeException> type, TrapKind kind) {
    Module m = compile((String) c.get("filename"));
    try {
      instantiate(m);
    } catch (RuntimeException e) {
      if (!type.isInstance(e)) {
        if (e instanceof UnsupportedFeatureException || e instanceof NotRun) {
          throw e;
        }
        throw new AssertionError("expected " + type.getSimpleName() + ", got " + describe(e), e);
      }
      if (kind != null && ((TrapException) e).kind() != kind) {
        throw new AssertionError("expected a " + kind + " trap, got " + ((TrapException) e).kind());
      }
      return;
    }
    throw new AssertionError(
        "expected " + type.getSimpleName() + " (" + c.get("text") + "), but it instantiated");
  }

  static TrapKind trapKind(String text) {
    for (Map.Entry<String, TrapKind> e : TRAPS.entrySet()) {
      if (text.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    throw new NotRun(Status.FAILED, "no TrapKind for the spec message '" + text + "'");
  }
}
