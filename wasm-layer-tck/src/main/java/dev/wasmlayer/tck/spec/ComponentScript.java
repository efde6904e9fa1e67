package dev.wasmlayer.tck.spec;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.tck.spec.Outcome.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one converted component-suite script (a manifest written by {@code
 * scripts/component-suite.mjs}) through the public API in one store and returns one {@link Outcome}
 * per command. Components come from {@link Engine#compileComponent}, instances from {@link
 * Store#instantiate(Component, ComponentImports)}, calls from {@link ComponentFunc#call} with the
 * API's Java value mapping.
 *
 * <p>A top-level component's function imports (the scripts give none) are served by host functions
 * that trap, as wasmtime's wast runner does; a component importing anything else (a resource, a
 * core module, a component) cannot be instantiated here and its commands are excluded with that
 * reason.
 */
final class ComponentScript {
  /**
   * A command that could not be judged: excluded (unsupported) or blocked (its instance failed).
   */
  private static final class NotRun extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Status status;
    final int origin;

    /**
     * @param origin the line of the command whose failure this is
     */
    NotRun(Status status, String why, int origin) {
      super(why, null, false, false);
      this.status = status;
      this.origin = origin;
    }
  }

  /** The kind of an outcome for a command the converter could not assemble. */
  static final String UNCONVERTIBLE = "unconvertible";

  private final Engine engine;
  private final Path json;
  private final String file;
  private final Map<String, Component> definitions = new HashMap<>();
  private final Map<String, NotRun> definitionProblems = new HashMap<>();
  private final Map<String, ComponentInstance> instances = new HashMap<>();
  private final Map<String, NotRun> instanceProblems = new HashMap<>();
  private final List<Component> components = new ArrayList<>();
  private ComponentInstance current;
  private NotRun currentProblem = new NotRun(Status.BLOCKED, "no component instantiated yet", 0);
  private final Map<Integer, Integer> origins = new HashMap<>();
  private final List<String> otherTraps = new ArrayList<>();
  private final boolean strictTraps;
  private int line;
  private Store<Void> store;

  /**
   * @param engine the engine under test
   * @param json the manifest
   * @param file the script's name in outcomes, e.g. {@code values/strings.wast}
   * @param strictTraps whether a trap must carry the script's text
   */
  ComponentScript(Engine engine, Path json, String file, boolean strictTraps) {
    this.engine = engine;
    this.strictTraps = strictTraps;
    this.json = json;
    this.file = file;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> commands() {
    try {
      Map<String, Object> script = (Map<String, Object>) Json.parse(Files.readString(json));
      List<Map<String, Object>> out = new ArrayList<>();
      for (Object c : (List<Object>) script.get("commands")) {
        out.add((Map<String, Object>) c);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return every command excluded for one reason, without running any} */
  List<Outcome> skip(String reason) {
    List<Outcome> out = new ArrayList<>();
    for (Map<String, Object> c : commands()) {
      Outcome o = outcome(c);
      out.add(o.kind().equals(UNCONVERTIBLE) ? o : o.with(Status.EXCLUDED, reason));
    }
    return out;
  }

  /**
   * {@return for each command that was blocked or excluded by another's failure, by line, the line
   * of that other command}
   */
  Map<Integer, Integer> origins() {
    return origins;
  }

  List<Outcome> run() {
    List<Outcome> out = new ArrayList<>();
    store = engine.newStore(null);
    try {
      for (Map<String, Object> c : commands()) {
        out.add(command(c));
      }
    } finally {
      store.close();
      components.forEach(Component::close);
    }
    return out;
  }

  private Outcome outcome(Map<String, Object> c) {
    String type = (String) c.get("type");
    int line = ((Long) c.get("line")).intValue();
    if (type.equals(UNCONVERTIBLE)) {
      return new Outcome(
          file, line, UNCONVERTIBLE, Status.EXCLUDED, c.get("command") + ": " + c.get("reason"));
    }
    Object form = c.get("module_type");
    String kind = form == null || "text".equals(form) ? type : type + " (" + form + ")";
    return new Outcome(file, line, kind, Status.PASSED, "");
  }

  private Outcome command(Map<String, Object> c) {
    Outcome o = outcome(c);
    if (o.kind().equals(UNCONVERTIBLE)) {
      return o;
    }
    line = o.line();
    try {
      execute((String) c.get("type"), c);
      return o;
    } catch (NotRun n) {
      if (n.origin != line) {
        origins.put(line, n.origin);
      }
      return o.with(n.status, n.getMessage());
    } catch (UnsupportedFeatureException u) {
      return o.with(Status.EXCLUDED, "unsupported: " + u.getMessage());
    } catch (AssertionError | RuntimeException | StackOverflowError e) {
      return o.with(Status.FAILED, describe(e));
    }
  }

  @SuppressWarnings("unchecked")
  private void execute(String type, Map<String, Object> c) {
    String name = (String) c.get("name");
    try {
      executeOrThrow(type, c, name);
    } finally {
      boolean instanceCommand = type.equals("component") || type.equals("component_instance");
      if (instanceCommand && name != null && currentProblem != null) {
        instanceProblems.put(name, currentProblem);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void executeOrThrow(String type, Map<String, Object> c, String name) {
    switch (type) {
      case "component" -> {
        current = null;
        currentProblem = null;
        instanceProblems.remove(name == null ? "" : name);
        try {
          current = instantiate(compile(c));
        } catch (NotRun n) {
          currentProblem = n;
          throw n;
        } catch (UnsupportedFeatureException u) {
          currentProblem = new NotRun(Status.EXCLUDED, "unsupported: " + u.getMessage(), line);
          throw u;
        } catch (RuntimeException | AssertionError e) {
          currentProblem = new NotRun(Status.BLOCKED, "its component failed: " + describe(e), line);
          throw e;
        }
        if (name != null) {
          instances.put(name, current);
        }
      }
      case "component_definition" -> {
        try {
          definitions.put(name, compile(c));
        } catch (UnsupportedFeatureException u) {
          definitionProblems.put(
              name, new NotRun(Status.EXCLUDED, "unsupported: " + u.getMessage(), line));
          throw u;
        } catch (RuntimeException | AssertionError e) {
          definitionProblems.put(
              name, new NotRun(Status.BLOCKED, "its definition failed: " + describe(e), line));
          throw e;
        }
      }
      case "component_instance" -> {
        String def = (String) c.get("definition");
        current = null;
        instanceProblems.remove(name);
        currentProblem = definitionProblems.get(def);
        if (currentProblem != null) {
          throw currentProblem;
        }
        Component d = definitions.get(def);
        if (d == null) {
          currentProblem = new NotRun(Status.FAILED, "no component definition " + def, line);
          throw currentProblem;
        }
        try {
          current = instantiate(d);
        } catch (NotRun n) {
          currentProblem = n;
          throw n;
        } catch (UnsupportedFeatureException u) {
          currentProblem = new NotRun(Status.EXCLUDED, "unsupported: " + u.getMessage(), line);
          throw u;
        } catch (RuntimeException | AssertionError e) {
          currentProblem = new NotRun(Status.BLOCKED, "its instance failed: " + describe(e), line);
          throw e;
        }
        instances.put(name, current);
      }
      case "module" -> {
        engine.compile(bytes(c)).close();
      }
      case "assert_return" -> {
        Map<String, Object> action = (Map<String, Object>) c.get("action");
        ComponentFunc f = func(action);
        Object got = call(f, action);
        List<Object> expected = (List<Object>) c.get("expected");
        if (expected.isEmpty()) {
          if (got != null) {
            throw new AssertionError("expected no result, got " + ComponentValues.show(got));
          }
          return;
        }
        if (f.type().result().isEmpty()) {
          throw new AssertionError("the script expects a result of a function without one");
        }
        Object want =
            ComponentValues.toJava((Map<String, Object>) expected.get(0), f.type().result().get());
        if (!ComponentValues.same(want, got)) {
          throw new AssertionError(
              "expected " + ComponentValues.show(want) + ", got " + ComponentValues.show(got));
        }
      }
      case "action" -> {
        Map<String, Object> action = (Map<String, Object>) c.get("action");
        call(func(action), action);
      }
      case "assert_trap" -> {
        Map<String, Object> action = (Map<String, Object>) c.get("action");
        ComponentFunc f = func(action);
        Object got;
        try {
          got = call(f, action);
        } catch (TrapException expected) {
          noteMessage(c, expected);
          return;
        }
        throw new AssertionError(
            "expected a trap (\"" + c.get("text") + "\"), got " + ComponentValues.show(got));
      }
      case "assert_uninstantiable" -> {
        Component comp = compile(c);
        ComponentInstance i;
        try {
          i = instantiate(comp);
        } catch (TrapException expected) {
          noteMessage(c, expected);
          return;
        }
        throw new AssertionError(
            "expected instantiation to trap (\"" + c.get("text") + "\"), it did not: " + i);
      }
      case "assert_invalid", "assert_malformed" -> {
        Component comp;
        try {
          comp = engine.compileComponent(bytes(c));
        } catch (CompileException expected) {
          return;
        }
        comp.close();
        throw new AssertionError(
            "expected CompileException (\"" + c.get("text") + "\"), it compiled");
      }
      default -> throw new NotRun(Status.FAILED, "unknown command type " + type, line);
    }
  }

  /** Keeps a trap whose message lacks the script's text: it may trap for another reason. */
  private void noteMessage(Map<String, Object> c, TrapException e) {
    String want = (String) c.get("text");
    String got = String.valueOf(e.getMessage());
    if (!got.contains(want) && strictTraps) {
      throw new AssertionError("expected a trap with \"" + want + "\", got \"" + got + "\"");
    }
    if (!got.contains(want)) {
      otherTraps.add(file + ":" + line + " expects \"" + want + "\", trapped with \"" + got + "\"");
    }
  }

  /** {@return the passing traps whose message lacks the script's text, one line each} */
  List<String> otherTraps() {
    return otherTraps;
  }

  private byte[] bytes(Map<String, Object> c) {
    try {
      return Files.readAllBytes(json.resolveSibling((String) c.get("filename")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Component compile(Map<String, Object> c) {
    Component comp = engine.compileComponent(bytes(c));
    components.add(comp);
    return comp;
  }

  /** Instantiates with trapping host functions for its function imports, as far as it has any. */
  private ComponentInstance instantiate(Component comp) {
    ComponentImports.Builder b = ComponentImports.builder();
    for (Map.Entry<String, ComponentItem> e : comp.importTypes().entrySet()) {
      String name = e.getKey();
      ComponentItem item = e.getValue();
      if (item instanceof ComponentItem.Function fn) {
        b.func(name, fn.type(), trapping(name));
      } else if (item instanceof ComponentItem.Interface iface) {
        for (Map.Entry<String, ComponentItem> m : iface.items().entrySet()) {
          if (!(m.getValue() instanceof ComponentItem.Function fn)) {
            throw new NotRun(
                Status.EXCLUDED,
                "imports " + name + "." + m.getKey() + " (" + m.getValue() + "), not given here",
                line);
          }
          b.func(name, m.getKey(), fn.type(), trapping(name + "." + m.getKey()));
        }
      } else {
        throw new NotRun(
            Status.EXCLUDED, "imports " + name + " (" + item + "), not given here", line);
      }
    }
    return store.instantiate(comp, b.build());
  }

  private static dev.wasmlayer.component.ComponentHostFunction trapping(String name) {
    return args -> {
      throw new IllegalStateException("the component suite defines no import " + name);
    };
  }

  @SuppressWarnings("unchecked")
  private ComponentFunc func(Map<String, Object> action) {
    String on = (String) action.get("instance");
    ComponentInstance inst;
    if (on == null) {
      if (currentProblem != null) {
        throw currentProblem;
      }
      inst = current;
    } else {
      NotRun p = instanceProblems.get(on);
      if (p != null) {
        throw p;
      }
      inst = instances.get(on);
      if (inst == null) {
        throw new NotRun(Status.FAILED, "no instance " + on, line);
      }
    }
    String field = (String) action.get("field");
    return inst.func(field)
        .orElseThrow(() -> new AssertionError("the instance exports no function " + field));
  }

  @SuppressWarnings("unchecked")
  private static Object call(ComponentFunc f, Map<String, Object> action) {
    List<Object> args = (List<Object>) action.get("args");
    WitFuncType type = f.type();
    if (args.size() != type.params().size()) {
      throw new AssertionError(
          "the script passes " + args.size() + " arguments to " + type + ", the type differs");
    }
    Object[] java = new Object[args.size()];
    for (int i = 0; i < java.length; i++) {
      java[i] =
          ComponentValues.toJava((Map<String, Object>) args.get(i), type.params().get(i).type());
    }
    return f.call(java);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
  }
}
