package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.wasmlayer.CompileException;
import dev.wasmlayer.Feature;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.support.ModuleBase;
import dev.wasmlayer.spi.support.internal.GrowCounting;
import dev.wasmlayer.spi.support.internal.Minimums;
import dev.wasmlayer.spi.support.internal.ModuleInfo;
import dev.wasmlayer.spi.support.internal.ModuleReader;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled {@code wasmtime_module_t}: immutable and shareable across stores and threads. What
 * wasmtime compiles is the module as {@link GrowCounting} rewrote it, so wasm's own growth counts
 * against the store's limits; its budget imports are hidden from {@link #imports()} and supplied by
 * the linker.
 */
final class WasmtimeModule extends ModuleBase<WasmtimeEngine> {
  private final Pointer module;
  private final Map<String, ExportType> exportsByName = new HashMap<>();
  private final boolean importsBudgets;
  private final Minimums minimums;
  private final Cleaner.Cleanable cleanable;

  /** {@code all}: every import, the budget globals the grow-counting rewrite added among them. */
  private WasmtimeModule(
      WasmtimeEngine engine,
      Pointer module,
      Minimums minimums,
      List<ImportType> all,
      List<ExportType> exports) {
    super(
        engine,
        all.stream().filter(i -> !i.module().equals(GrowCounting.MODULE)).toList(),
        exports);
    this.module = module;
    this.minimums = minimums;
    this.cleanable =
        WasmtimeEngine.CLEANER.register(this, () -> Wasmtime.wasmtime_module_delete(module));
    this.importsBudgets = imports().size() < all.size();
    exports().forEach(e -> exportsByName.put(e.name(), e));
  }

  /**
   * Wraps {@code module}, taking ownership: it is freed here if its types cannot be read (the
   * cleaner is not registered yet), otherwise when the module is closed or collected.
   */
  private static WasmtimeModule owning(
      WasmtimeEngine engine, Pointer module, Minimums minimums, byte[] original) {
    List<ImportType> all;
    List<ExportType> exports;
    try {
      all = readImports(module);
      exports = readExports(module);
      ModuleInfo declared = concreteDeclarations(original);
      if (declared != null) {
        all = importsWithIndices(all, declared.imports());
        exports = exportsWithIndices(exports, declared.exports());
      }
    } catch (RuntimeException | Error e) {
      Wasmtime.wasmtime_module_delete(module);
      throw e;
    }
    return new WasmtimeModule(engine, module, minimums, all, exports);
  }

  /**
   * The module's own declarations when they name concrete heap types ({@code (ref $t)}), else null.
   * wasmtime describes such a type by the type itself, which reads back as its abstract top; the
   * declarations keep the module's type index, as the other engines report it.
   */
  private static ModuleInfo concreteDeclarations(byte[] wasm) {
    try {
      ModuleInfo info = ModuleReader.read(wasm);
      return info.needs().contains(Feature.FUNCTION_REFERENCES) ? info : null;
    } catch (ModuleReader.Malformed e) {
      return null; // wasmtime compiled it, so this reader is the one that cannot follow it
    }
  }

  /** wasmtime's imports (budget imports included) with the declared types where names match. */
  private static List<ImportType> importsWithIndices(
      List<ImportType> read, List<ImportType> declared) {
    List<ImportType> out = new ArrayList<>(read.size());
    int d = 0;
    for (ImportType i : read) {
      if (d < declared.size()
          && declared.get(d).module().equals(i.module())
          && declared.get(d).name().equals(i.name())
          && declared.get(d).type().kind() == i.type().kind()) {
        out.add(declared.get(d++));
      } else {
        out.add(i);
      }
    }
    return out;
  }

  private static List<ExportType> exportsWithIndices(
      List<ExportType> read, List<ExportType> declared) {
    Map<String, ExportType> byName = new HashMap<>();
    declared.forEach(e -> byName.put(e.name(), e));
    List<ExportType> out = new ArrayList<>(read.size());
    for (ExportType e : read) {
      ExportType d = byName.get(e.name());
      out.add(d != null && d.type().kind() == e.type().kind() ? d : e);
    }
    return out;
  }

  /**
   * A module from bytes {@link #serialize()} made with an engine of the same version and
   * configuration, or null if wasmtime refuses them (another version or configuration). Only for
   * bytes from a trusted cache.
   */
  static WasmtimeModule deserialize(
      WasmtimeEngine engine, byte[] serialized, Minimums minimums, byte[] original) {
    long[] out = new long[1];
    Pointer err =
        Wasmtime.wasmtime_module_deserialize(engine.pointer(), serialized, serialized.length, out);
    if (err != null) {
      Wasmtime.wasmtime_error_delete(err);
      return null;
    }
    return owning(engine, Natives.pointer(out), minimums, original);
  }

  /** The compiled module as bytes for a cache, or null if wasmtime cannot serialize it. */
  byte[] serialize() {
    Memory vec = Natives.alloc(Layout.VEC_SIZE);
    Pointer err = Wasmtime.wasmtime_module_serialize(pointer(), vec);
    if (err != null) {
      Wasmtime.wasmtime_error_delete(err);
      return null;
    }
    try {
      return Natives.bytes(vec);
    } finally {
      Wasmtime.wasm_byte_vec_delete(vec);
    }
  }

  /**
   * Compiles {@code wasm} as counted by {@link GrowCounting}. Errors are always about the bytes
   * given: if the rewrite fails to compile, wasmtime's verdict on the original is the answer.
   */
  @SuppressWarnings(
      "try") // the rewrite's native memory is freed as soon as wasmtime has compiled it
  static WasmtimeModule compile(WasmtimeEngine engine, byte[] wasm) {
    try (NativeSpace space = new NativeSpace()) {
      GrowCounting.Counted counted;
      RuntimeException unreadable = null;
      try {
        counted = GrowCounting.count(wasm, space); // a rewrite is written off the heap, once
      } catch (CompileException e) {
        throw e;
      } catch (
          RuntimeException
              e) { // not a module this layer can follow: wasmtime says why, or it cannot be counted
        counted = GrowCounting.Counted.unchanged(wasm, Minimums.NONE);
        unreadable = e;
      }
      long[] out = new long[1];
      Pointer err =
          counted.importsBudgets()
              ? Wasmtime.wasmtime_module_new(
                  engine.pointer(), space.address(counted.wasm()), counted.length(), out)
              : Wasmtime.wasmtime_module_new(engine.pointer(), wasm, wasm.length, out);
      space.close(); // compiled: the rewrite is not needed any more
      if (err != null) {
        String message = Natives.consumeError(err);
        if (counted.importsBudgets()) {
          engine.validate(wasm); // throws what is wrong with the original
          throw new WasmException(
              "wasm-layer's rewrite of a valid module does not compile: " + message);
        }
        throw WasmtimeErrors.compile(message);
      }
      if (unreadable != null) {
        Wasmtime.wasmtime_module_delete(Natives.pointer(out));
        throw new WasmException(
            "wasm-layer cannot count this module's memory and table growth against store "
                + "limits: "
                + unreadable.getMessage(),
            unreadable);
      }
      return owning(engine, Natives.pointer(out), counted.minimums(), wasm);
    }
  }

  /**
   * A new copy of wasmtime's own type of the function import {@code it} (the caller deletes it):
   * for a host function whose type names concrete heap types, which only the module can describe to
   * wasmtime.
   */
  Pointer importFuncType(ImportType it) {
    int index = imports().indexOf(it);
    if (index < 0 || !(it.type() instanceof dev.wasmlayer.types.FuncType)) {
      throw new IllegalArgumentException("no function import " + it);
    }
    Memory vec = Natives.alloc(Layout.VEC_SIZE);
    Wasmtime.wasmtime_module_imports(pointer(), vec);
    try {
      Pointer data = vec.getPointer(8);
      Pointer type = data.getPointer((long) index * Native.POINTER_SIZE);
      return Wasmtime.wasm_functype_copy(
          Wasmtime.wasm_externtype_as_functype_const(Wasmtime.wasm_importtype_type(type)));
    } finally {
      Wasmtime.wasm_importtype_vec_delete(vec);
    }
  }

  /** Whether the compiled module imports the store's budget globals after its own imports. */
  boolean importsBudgets() {
    return importsBudgets;
  }

  /** What instantiating it creates at once. */
  Minimums minimums() {
    return minimums;
  }

  private static List<ImportType> readImports(Pointer module) {
    Memory vec = Natives.alloc(Layout.VEC_SIZE);
    Wasmtime.wasmtime_module_imports(module, vec);
    try {
      List<ImportType> out = new ArrayList<>();
      long n = vec.getLong(0);
      Pointer data = vec.getPointer(8);
      for (int i = 0; i < n; i++) {
        Pointer it = data.getPointer((long) i * Native.POINTER_SIZE);
        out.add(
            new ImportType(
                Natives.string(Wasmtime.wasm_importtype_module(it)),
                Natives.string(Wasmtime.wasm_importtype_name(it)),
                WasmtimeTypes.externType(Wasmtime.wasm_importtype_type(it))));
      }
      return out;
    } finally {
      Wasmtime.wasm_importtype_vec_delete(vec);
    }
  }

  private static List<ExportType> readExports(Pointer module) {
    Memory vec = Natives.alloc(Layout.VEC_SIZE);
    Wasmtime.wasmtime_module_exports(module, vec);
    try {
      List<ExportType> out = new ArrayList<>();
      long n = vec.getLong(0);
      Pointer data = vec.getPointer(8);
      for (int i = 0; i < n; i++) {
        Pointer et = data.getPointer((long) i * Native.POINTER_SIZE);
        out.add(
            new ExportType(
                Natives.string(Wasmtime.wasm_exporttype_name(et)),
                WasmtimeTypes.externType(Wasmtime.wasm_exporttype_type(et))));
      }
      return out;
    } finally {
      Wasmtime.wasm_exporttype_vec_delete(vec);
    }
  }

  Pointer pointer() {
    checkOpen();
    return module;
  }

  WasmtimeEngine wasmtimeEngine() {
    return engine;
  }

  /** The export {@code name}, or null. */
  ExportType export(String name) {
    return exportsByName.get(name);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return WasmtimeExterns.unwrap(pointer(), type, "module", "wasmtime_module_t*");
  }

  /** Instances already made keep their own reference to the compiled code. */
  @Override
  protected void closed() {
    cleanable.clean();
  }
}
