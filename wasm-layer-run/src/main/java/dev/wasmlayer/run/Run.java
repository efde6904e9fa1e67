package dev.wasmlayer.run;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.ExitException;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Module;
import dev.wasmlayer.NoEngineException;
import dev.wasmlayer.ProviderStatus;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.WasmBytes;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Comparator;
import java.util.List;

/**
 * {@code run}: runs a WASI program on any engine wasm-layer finds and exits with the program's
 * status. Without {@code --engine} it takes the highest-priority usable engine that supports WASI.
 * A file that is a component (its preamble says so) runs as a WASI 0.2 command on an engine with
 * {@link Feature#WASI_COMPONENTS}, with the same options but {@code --invoke}. Its own failures
 * exit with 2 (bad command line, missing file, unknown engine) or 1 (the module does not compile,
 * link or run), with one line saying why on stderr.
 */
public final class Run {
  /** Exit status for a bad command line, a missing file or an unusable engine. */
  static final int USAGE = 2;

  /** Exit status when the module does not compile, link or run to completion. */
  static final int FAILED = 1;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean inherit;

  private Run(InputStream in, PrintStream out, PrintStream err, boolean inherit) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.inherit = inherit;
  }

  /**
   * The command line entry point.
   *
   * @param args the options and the module with its arguments
   */
  public static void main(String[] args) {
    System.exit(new Run(System.in, System.out, System.err, true).execute(args));
  }

  /**
   * Runs with the given streams as the program's stdio; returns the exit status.
   *
   * @param args the options and the module with its arguments
   * @param in the program's standard input
   * @param out the program's standard output
   * @param err the program's standard error, and the tool's messages
   * @return the exit status
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return new Run(in, out, err, false).execute(args);
  }

  int execute(String[] argv) {
    RunOptions o;
    try {
      o = RunOptions.parse(argv);
    } catch (RunOptions.UsageException e) {
      err.println("run: " + e.getMessage());
      err.println(RunOptions.USAGE);
      return USAGE;
    }
    byte[] wasm;
    try {
      wasm = Files.readAllBytes(o.module);
    } catch (NoSuchFileException e) {
      err.println("run: no such file: " + o.module);
      return USAGE;
    } catch (IOException e) {
      err.println("run: cannot read " + o.module + ": " + e.getMessage());
      return USAGE;
    }
    for (RunOptions.Dir d : o.dirs) {
      if (!Files.isDirectory(d.host())) {
        err.println("run: --dir " + d.host() + " is not a directory");
        return USAGE;
      }
    }
    boolean component = WasmBytes.isComponent(wasm);
    if (component && o.invoke != null) {
      err.println("run: --invoke calls a core module's export; " + o.module + " is a component");
      return USAGE;
    }
    Engine engine;
    try {
      engine =
          component ? engine(o.engine, Feature.WASI_COMPONENTS) : engine(o.engine, Feature.WASI);
    } catch (NoEngineException | IllegalStateException | UnsupportedFeatureException e) {
      err.println("run: " + e.getMessage());
      return USAGE;
    }
    if (component) {
      return runComponent(engine, wasm, o);
    }
    try (engine;
        Module module = engine.compile(wasm);
        Store<Void> store =
            engine.newStore(null, StoreConfig.builder().wasi(wasi(o, false)).build())) {
      if (o.invoke == null) {
        return Wasi.run(store, module);
      }
      Instance instance = Wasi.initialize(store, module, Imports.empty());
      Func f = instance.func(o.invoke).orElse(null);
      if (f == null) {
        err.println("run: the module exports no function '" + o.invoke + "'");
        return FAILED;
      }
      for (Value v : f.call(arguments(f.type(), o.args))) {
        out.println(show(v));
      }
      return 0;
    } catch (CompileException e) {
      err.println("run: " + o.module + " is not a valid module: " + e.getMessage());
    } catch (LinkException e) {
      err.println("run: cannot link " + o.module + ": " + e.getMessage());
    } catch (TrapException e) {
      err.println("run: trap (" + e.kind() + "): " + e.getMessage());
    } catch (ExitException e) {
      return e.exitCode();
    } catch (WasmException | IllegalArgumentException e) {
      err.println("run: " + e.getMessage());
    }
    return FAILED;
  }

  private int runComponent(Engine engine, byte[] wasm, RunOptions o) {
    try (engine;
        Component component = engine.compileComponent(wasm);
        Store<Void> store =
            engine.newStore(null, StoreConfig.builder().wasi(wasi(o, true)).build())) {
      return Wasi.run(store, component);
    } catch (CompileException e) {
      err.println("run: " + o.module + " is not a valid component: " + e.getMessage());
    } catch (LinkException e) {
      err.println("run: cannot link " + o.module + ": " + e.getMessage());
    } catch (TrapException e) {
      err.println("run: trap (" + e.kind() + "): " + e.getMessage());
    } catch (WasmException | IllegalArgumentException e) {
      err.println("run: " + e.getMessage());
    }
    return FAILED;
  }

  /**
   * The program's WASI. A component gets no Java stdin stream (wasmtime's WASI 0.2 cannot read
   * one): in-process it reads end of file; from the command line it inherits the process's stdin.
   */
  private WasiConfig wasi(RunOptions o, boolean component) {
    WasiConfig.Builder b = WasiConfig.builder().args(o.module.getFileName().toString());
    o.args.forEach(b::args);
    o.env.forEach(b::env);
    o.dirs.forEach(d -> b.preopen(d.host(), d.guest(), d.readOnly()));
    if (inherit) {
      b.inheritStdio();
    } else {
      if (!component) {
        b.stdin(in);
      }
      b.stdout(out).stderr(err);
    }
    return b.build();
  }

  /**
   * The named engine, or the best usable one that supports {@code needed} (WASI for a module,
   * WASI_COMPONENTS for a component).
   */
  private static Engine engine(String id, Feature needed) {
    String what =
        needed == Feature.WASI_COMPONENTS ? "running WASI 0.2 components" : "running WASI programs";
    if (id != null) {
      Engine e = Engines.create(id, EngineConfig.defaults());
      if (!e.supports(needed)) {
        e.close();
        throw new UnsupportedFeatureException(needed, id, what);
      }
      return e;
    }
    List<ProviderStatus> usable =
        Engines.providers().stream()
            .filter(ProviderStatus::usable)
            .filter(p -> p.provider().orElseThrow().features().contains(Feature.WASI))
            .filter(p -> p.provider().orElseThrow().features().contains(needed))
            .sorted(Comparator.comparingInt(ProviderStatus::priority).reversed())
            .toList();
    if (usable.isEmpty()) {
      throw new NoEngineException(
          "no engine that supports "
              + (needed == Feature.WASI_COMPONENTS ? "WASI 0.2 components" : "WASI")
              + " is on the class path:\n"
              + Engines.report());
    }
    return Engines.create(usable.get(0).id(), EngineConfig.defaults());
  }

  /** A result as a number when it is one. */
  private static String show(Value v) {
    if (v.type() == NumType.I32) {
      return Integer.toString(v.i32());
    } else if (v.type() == NumType.I64) {
      return Long.toString(v.i64());
    } else if (v.type() == NumType.F32) {
      return Float.toString(v.f32());
    } else if (v.type() == NumType.F64) {
      return Double.toString(v.f64());
    }
    return v.toString();
  }

  /** Arguments for {@code --invoke}, parsed by the function's parameter types. */
  private static Value[] arguments(FuncType type, List<String> args) {
    List<ValType> params = type.params();
    if (params.size() != args.size()) {
      throw new IllegalArgumentException(
          "the function takes " + params.size() + " arguments " + params + ", got " + args.size());
    }
    Value[] out = new Value[args.size()];
    for (int i = 0; i < out.length; i++) {
      ValType t = params.get(i);
      String s = args.get(i);
      try {
        if (t == NumType.I32) {
          out[i] = Value.i32(Integer.parseInt(s));
        } else if (t == NumType.I64) {
          out[i] = Value.i64(Long.parseLong(s));
        } else if (t == NumType.F32) {
          out[i] = Value.f32(Float.parseFloat(s));
        } else if (t == NumType.F64) {
          out[i] = Value.f64(Double.parseDouble(s));
        } else {
          throw new IllegalArgumentException(
              "argument " + i + " is a " + t + ", which run cannot pass");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("argument " + i + " ('" + s + "') is not a " + t);
      }
    }
    return out;
  }
}
