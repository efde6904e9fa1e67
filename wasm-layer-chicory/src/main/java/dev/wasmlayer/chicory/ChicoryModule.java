package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.TagImport;
import dev.wasmlayer.CompileException;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.spi.support.ModuleBase;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.ExternType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.TagType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A parsed, validated Chicory module, with its compiled machine factory when the engine uses the
 * compiler.
 */
final class ChicoryModule extends ModuleBase<ChicoryEngine> {
  private final WasmModule module;
  private final Function<Instance, Machine> machineFactory;
  private final FreshTables tables;

  private ChicoryModule(
      ChicoryEngine engine, WasmModule module, Function<Instance, Machine> machineFactory) {
    this(engine, module, machineFactory, new IndexSpaces(module));
  }

  private ChicoryModule(
      ChicoryEngine engine,
      WasmModule module,
      Function<Instance, Machine> machineFactory,
      IndexSpaces spaces) {
    super(engine, spaces.imports(), exportTypes(module, spaces));
    this.module = module;
    this.machineFactory = machineFactory;
    this.tables = new FreshTables(module);
  }

  static WasmModule parse(byte[] wasm) {
    BinaryScan.rejectUnsupported(wasm);
    BinaryBounds.check(wasm); // absurd counts are malformed here, before Chicory allocates for them
    WasmModule module;
    try {
      module = Parser.parse(wasm);
    } catch (RuntimeException e) {
      throw ChicoryErrors.compile(e);
    } catch (StackOverflowError e) {
      throw new CompileException(
          CompileException.Reason.INVALID, "module nests too deeply to parse", e);
    } catch (AssertionError e) {
      // With -ea, Chicory 1.7.5's parser asserts on some malformed code instead of rejecting it
      // (found by FuzzTest)
      throw new CompileException(
          CompileException.Reason.MALFORMED,
          "malformed module: Chicory's parser failed a check",
          e);
    }
    FeatureScan.rejectUnsupported(module);
    return module;
  }

  /**
   * Checks what Chicory's parser leaves unchecked (index spaces, exports) by describing the module
   * once.
   */
  static void validate(byte[] wasm) {
    WasmModule module = parse(wasm);
    describe(() -> exportTypes(module, new IndexSpaces(module)));
  }

  /**
   * Runs a step that reads the module's index spaces; a bad index there means an invalid module.
   */
  private static <T> T describe(Supplier<T> step) {
    try {
      return step.get();
    } catch (IndexOutOfBoundsException | NullPointerException | InvalidException e) {
      throw new CompileException(
          CompileException.Reason.INVALID, "invalid module: " + e.getMessage(), e);
    }
  }

  static ChicoryModule compile(ChicoryEngine engine, byte[] wasm) {
    WasmModule module = parse(wasm);
    describe(() -> exportTypes(module, new IndexSpaces(module)));
    Function<Instance, Machine> factory =
        engine.strategy() == ExecutionStrategy.COMPILER
            ? ChicoryCompiler.compile(engine, module)
            : null;
    return new ChicoryModule(engine, module, factory);
  }

  /**
   * Export types; Chicory 1.7.5 leaves export indices and duplicate names to instantiation, so
   * check them here.
   */
  private static List<ExportType> exportTypes(WasmModule module, IndexSpaces spaces) {
    List<ExportType> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    var section = module.exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      Export e = section.getExport(i);
      if (!names.add(e.name())) {
        throw new CompileException(
            CompileException.Reason.INVALID,
            "invalid module: duplicate export name '" + e.name() + "'",
            null);
      }
      ExternType type = spaces.typeOf(e.exportType(), e.index());
      if (type == null) {
        throw new CompileException(
            CompileException.Reason.INVALID,
            "invalid module: export '"
                + e.name()
                + "' names unknown "
                + e.exportType().name().toLowerCase(Locale.ROOT)
                + " "
                + e.index(),
            null);
      }
      out.add(new ExportType(e.name(), type));
    }
    return out;
  }

  WasmModule wasmModule() {
    checkOpen();
    return module;
  }

  /** The compiled factory, or null for the interpreter. */
  Function<Instance, Machine> machineFactory() {
    return machineFactory;
  }

  FreshTables tableFactory() {
    return tables;
  }

  ChicoryEngine chicoryEngine() {
    return engine;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(module)) {
      return type.cast(wasmModule());
    }
    throw new IllegalArgumentException(
        "a Chicory module unwraps to " + WasmModule.class.getName() + ", not " + type.getName());
  }

  /**
   * The module's function, table, memory, global and tag index spaces (imports first), as
   * wasm-layer types.
   */
  static final class IndexSpaces {
    private final WasmModule module;
    private final List<ImportType> imports = new ArrayList<>();
    private final List<ExternType> funcs = new ArrayList<>();
    private final List<ExternType> tables = new ArrayList<>();
    private final List<ExternType> memories = new ArrayList<>();
    private final List<ExternType> globals = new ArrayList<>();
    private final List<ExternType> tags = new ArrayList<>();

    IndexSpaces(WasmModule module) {
      this.module = module;
      var section = module.importSection();
      for (int i = 0; i < section.importCount(); i++) {
        Import imp = section.getImport(i);
        ExternType type = importType(imp);
        imports.add(new ImportType(imp.module(), imp.name(), type));
        spaceOf(type).add(type);
      }
      var fs = module.functionSection();
      for (int i = 0; i < fs.functionCount(); i++) {
        funcs.add(funcType(fs.getFunctionType(i)));
      }
      var ts = module.tableSection();
      for (int i = 0; i < ts.tableCount(); i++) {
        var t = ts.getTable(i);
        tables.add(ChicoryTypes.fromChicory(t.elementType(), t.limits()));
      }
      module
          .memorySection()
          .ifPresent(
              ms -> {
                for (int i = 0; i < ms.memoryCount(); i++) {
                  memories.add(ChicoryTypes.fromChicory(ms.getMemory(i).limits()));
                }
              });
      var gs = module.globalSection();
      for (int i = 0; i < gs.globalCount(); i++) {
        var g = gs.getGlobal(i);
        globals.add(ChicoryTypes.fromChicory(g.valueType(), g.mutabilityType()));
      }
      module
          .tagSection()
          .ifPresent(
              tsec -> {
                for (int i = 0; i < tsec.tagCount(); i++) {
                  tags.add(new TagType(funcType(tsec.getTag(i).typeIdx())));
                }
              });
    }

    List<ImportType> imports() {
      return List.copyOf(imports);
    }

    FuncType funcType(int typeIndex) {
      return ChicoryTypes.fromChicory(module.typeSection().getType(typeIndex));
    }

    private ExternType importType(Import imp) {
      if (imp instanceof FunctionImport f) {
        return funcType(f.typeIndex());
      } else if (imp instanceof TableImport t) {
        return ChicoryTypes.fromChicory(t.entryType(), t.limits());
      } else if (imp instanceof MemoryImport m) {
        return ChicoryTypes.fromChicory(m.limits());
      } else if (imp instanceof GlobalImport g) {
        return ChicoryTypes.fromChicory(g.type(), g.mutabilityType());
      } else if (imp instanceof TagImport t) {
        return new TagType(funcType(t.tagType().typeIdx()));
      }
      throw new IllegalStateException("unknown import kind " + imp.importType());
    }

    private List<ExternType> spaceOf(ExternType type) {
      return switch (type.kind()) {
        case FUNC -> funcs;
        case TABLE -> tables;
        case MEMORY -> memories;
        case GLOBAL -> globals;
        default -> tags;
      };
    }

    /** The type at {@code index} of that index space, or null if there is none. */
    ExternType typeOf(ExternalType kind, int index) {
      List<ExternType> space =
          switch (kind) {
            case FUNCTION -> funcs;
            case TABLE -> tables;
            case MEMORY -> memories;
            case GLOBAL -> globals;
            default -> tags;
          };
      return index >= 0 && index < space.size() ? space.get(index) : null;
    }
  }
}
