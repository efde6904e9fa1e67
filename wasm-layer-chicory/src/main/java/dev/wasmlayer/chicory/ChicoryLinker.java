package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.spi.ImportChecks;
import dev.wasmlayer.spi.support.HostCalls;
import dev.wasmlayer.types.ExternKind;
import dev.wasmlayer.types.ExternType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.VecType;
import dev.wasmlayer.wasi.Wasi;
import java.util.Optional;

/**
 * Resolves a module's imports against {@link Imports} by name and turns them into Chicory's {@link
 * ImportValues}. It names the import in every error; finer matching (subtyping, table limits) is
 * left to Chicory, whose rejection still arrives as a {@link LinkException}.
 */
final class ChicoryLinker {
  private final ChicoryStore<?> store;
  private final ChicoryModule module;

  ChicoryLinker(ChicoryStore<?> store, ChicoryModule module) {
    this.store = store;
    this.module = module;
  }

  ImportValues link(Imports imports) {
    ImportValues.Builder values = ImportValues.builder();
    for (ImportType expected : module.imports()) {
      refuseUnsupported(expected);
      Optional<Imports.Binding> found = imports.resolve(expected.module(), expected.name());
      if (found.isEmpty() && store.wasi() != null && expected.module().equals(Wasi.MODULE)) {
        found = store.wasi().imports().resolve(expected.module(), expected.name());
      }
      Imports.Binding binding =
          found.orElseThrow(
              () ->
                  new LinkException(
                      "missing import " + name(expected) + ": expected " + expected.type()));
      switch (expected.type().kind()) {
        case FUNC -> values.addFunction(function(expected, binding));
        case MEMORY -> values.addMemory(memory(expected, binding));
        case GLOBAL -> values.addGlobal(global(expected, binding));
        case TABLE -> values.addTable(table(expected, binding));
        default ->
            throw new UnsupportedFeatureException(
                Feature.EXCEPTIONS, ChicoryEngineProvider.ID, "tag import " + name(expected));
      }
    }
    return values.build();
  }

  /**
   * Imports this backend cannot serve fail as unsupported before they are looked up, so the reason
   * is honest.
   */
  private static void refuseUnsupported(ImportType expected) {
    if (expected.type().kind() == ExternKind.TAG) {
      throw new UnsupportedFeatureException(
          Feature.EXCEPTIONS, ChicoryEngineProvider.ID, "tag import " + name(expected));
    }
    if (hasV128(expected.type())) {
      throw new UnsupportedFeatureException(
          Feature.SIMD, ChicoryEngineProvider.ID, "v128 in import " + name(expected));
    }
  }

  /** Walks the type instead of formatting it: this runs for every import of every instantiation. */
  private static boolean hasV128(ExternType t) {
    if (t instanceof FuncType f) {
      return f.params().contains(VecType.V128) || f.results().contains(VecType.V128);
    }
    return t instanceof GlobalType g && g.content() == VecType.V128;
  }

  private ImportFunction function(ImportType expected, Imports.Binding binding) {
    FuncType type = (FuncType) expected.type();
    if (binding instanceof Imports.HostFunc h) {
      requireSameType(expected, h.type());
      return new HostFunction(
          expected.module(),
          expected.name(),
          ChicoryTypes.toChicory(type),
          ChicoryHostFunctions.adapt(
              store, name(expected), h.type(), HostCalls.untyped(h.function())));
    }
    if (binding instanceof Imports.RawHostFunc h) {
      requireSameType(expected, h.type());
      ChicoryTypes.requireRawSlots(type, "raw host function " + name(expected));
      return new HostFunction(
          expected.module(),
          expected.name(),
          ChicoryTypes.toChicory(type),
          ChicoryHostFunctions.adaptRaw(
              store, name(expected), h.type(), HostCalls.untyped(h.function())));
    }
    ChicoryFunc f = store.imported(expected, binding, ChicoryFunc.class);
    if (!mentionsConcreteTypes(type) && !mentionsConcreteTypes(f.type())) {
      requireSameType(expected, f.type());
    } // else: type indices of two modules; Chicory compares them canonically

    return ImportFunction.exportAsImport(
        expected.module(), expected.name(), f.chicoryInstance(), f.exportName());
  }

  private ImportMemory memory(ImportType expected, Imports.Binding binding) {
    ChicoryMemory m = store.imported(expected, binding, ChicoryMemory.class);
    ImportChecks.memoryFits(expected, m.type());
    return new ImportMemory(expected.module(), expected.name(), m.chicoryMemory());
  }

  private ImportGlobal global(ImportType expected, Imports.Binding binding) {
    ChicoryGlobal g = store.imported(expected, binding, ChicoryGlobal.class);
    GlobalType want = (GlobalType) expected.type();
    boolean refs = want.content() instanceof RefType; // subtyping: Chicory checks those
    if (want.mutable() != g.type().mutable()
        || (!refs && !want.content().equals(g.type().content()))) {
      throw new LinkException(
          "import " + name(expected) + ": expected " + want + ", got " + g.type());
    }
    return new ImportGlobal(expected.module(), expected.name(), g.chicoryGlobal());
  }

  private ImportTable table(ImportType expected, Imports.Binding binding) {
    ChicoryTable t = store.imported(expected, binding, ChicoryTable.class);
    return new ImportTable(expected.module(), expected.name(), t.chicoryTable());
  }

  private static boolean mentionsConcreteTypes(FuncType type) {
    return type.toString().matches(".*\\(ref (null )?\\d+\\).*");
  }

  private void requireSameType(ImportType expected, FuncType actual) {
    ImportChecks.sameFuncType(expected, actual);
  }

  private static String name(ImportType i) {
    return ImportChecks.name(i);
  }
}
