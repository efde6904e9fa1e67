package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.spi.ImportChecks;
import dev.wasmlayer.spi.support.HostCalls;
import dev.wasmlayer.spi.support.internal.GrowCounting;
import dev.wasmlayer.types.ExternKind;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasi.Wasi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Resolves a module's imports against {@link Imports} and builds GraalWasm's import object (module
 * name → field name → value). Every type is checked here, with the import named, so a mismatch is a
 * {@link LinkException} before GraalWasm sees it.
 */
final class GraalWasmLinker {
  private final GraalWasmStore<?> store;
  private final GraalWasmModule module;
  private final GraalWasmCaller caller;

  GraalWasmLinker(GraalWasmStore<?> store, GraalWasmModule module, GraalWasmInstance.Slot slot) {
    this.store = store;
    this.module = module;
    this.caller = new GraalWasmCaller(store, slot);
  }

  Object link(Imports imports) {
    Map<String, Map<String, Object>> object = new LinkedHashMap<>();
    for (ImportType expected : module.imports()) {
      if (expected.type().kind() == ExternKind.TAG) {
        throw new UnsupportedFeatureException(
            Feature.EXCEPTIONS, GraalWasmEngineProvider.ID, "tag import " + name(expected));
      }
      Optional<Imports.Binding> found = imports.resolve(expected.module(), expected.name());
      if (found.isEmpty() && store.wasi() != null && expected.module().equals(Wasi.MODULE)) {
        found = store.wasi().imports().resolve(expected.module(), expected.name());
      }
      Imports.Binding binding =
          found.orElseThrow(
              () ->
                  new LinkException(
                      "missing import " + name(expected) + ": expected " + expected.type()));
      Object value =
          switch (expected.type().kind()) {
            case FUNC -> function(expected, binding);
            case MEMORY -> memory(expected, binding);
            case GLOBAL -> global(expected, binding);
            default -> table(expected, binding);
          };
      object
          .computeIfAbsent(expected.module(), m -> new LinkedHashMap<>())
          .put(expected.name(), value);
    }
    if (module.importsBudgets()) {
      List<Global> budgets = store.limits().globals(store);
      Map<String, Object> fields =
          object.computeIfAbsent(GrowCounting.MODULE, m -> new LinkedHashMap<>());
      fields.put(GrowCounting.MEMORY, ((GraalWasmGlobal) budgets.get(0)).guest());
      fields.put(GrowCounting.TABLES, ((GraalWasmGlobal) budgets.get(1)).guest());
    }
    Map<String, Object> modules = new LinkedHashMap<>();
    object.forEach((m, fields) -> modules.put(m, ProxyObject.fromMap(fields)));
    return ProxyObject.fromMap(modules);
  }

  private Object function(ImportType expected, Imports.Binding binding) {
    FuncType want = (FuncType) expected.type();
    if (binding instanceof Imports.HostFunc h) {
      ImportChecks.sameFuncType(expected, h.type());
      return GraalWasmHostFunctions.adapt(
          store, name(expected), h.type(), HostCalls.untyped(h.function()), caller);
    }
    if (binding instanceof Imports.RawHostFunc h) {
      ImportChecks.sameFuncType(expected, h.type());
      if (h.type().params().stream().anyMatch(GraalWasmLinker::isRef)
          || h.type().results().stream().anyMatch(GraalWasmLinker::isRef)) {
        throw new IllegalArgumentException(
            "raw host function "
                + name(expected)
                + " cannot carry references ("
                + h.type()
                + "); use a HostFunction");
      }
      return GraalWasmHostFunctions.adaptRaw(
          store, name(expected), h.type(), HostCalls.untyped(h.function()), caller);
    }
    GraalWasmFunc f = store.imported(expected, binding, GraalWasmFunc.class);
    if (!want.equals(f.type())) {
      throw new LinkException(
          "import " + name(expected) + ": expected " + want + ", got " + f.type());
    }
    return f.guest();
  }

  private static boolean isRef(ValType t) {
    return t instanceof RefType;
  }

  private Object memory(ImportType expected, Imports.Binding binding) {
    GraalWasmMemory m = store.imported(expected, binding, GraalWasmMemory.class);
    ImportChecks.memoryFits(expected, m.type());
    return m.guest();
  }

  private Object global(ImportType expected, Imports.Binding binding) {
    GraalWasmGlobal g = store.imported(expected, binding, GraalWasmGlobal.class);
    GlobalType want = (GlobalType) expected.type();
    if (!want.equals(g.type())) {
      throw new LinkException(
          "import " + name(expected) + ": expected " + want + ", got " + g.type());
    }
    return g.guest();
  }

  private Object table(ImportType expected, Imports.Binding binding) {
    GraalWasmTable t = store.imported(expected, binding, GraalWasmTable.class);
    ImportChecks.tableFits(expected, t.type());
    return t.guest();
  }

  private static String name(ImportType i) {
    return ImportChecks.name(i);
  }
}
