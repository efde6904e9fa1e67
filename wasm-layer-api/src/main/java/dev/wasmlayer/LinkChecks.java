package dev.wasmlayer;

import dev.wasmlayer.spi.ImportChecks;
import dev.wasmlayer.spi.LinkedImports;
import dev.wasmlayer.types.ExternKind;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasi.Wasi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a module's imports against a linker's definitions once, checking kinds and types with
 * the same {@link LinkException} text on every engine. What only an engine can judge (reference
 * subtyping) it checks itself.
 */
final class LinkChecks {
  private LinkChecks() {}

  static LinkedImports link(
      Engine engine,
      Module module,
      Map<String, Map<String, Imports.Binding>> definitions,
      boolean wasi,
      boolean unknownAsTraps) {
    List<Optional<Imports.Binding>> bindings = new ArrayList<>();
    Imports.Builder flat = Imports.builder();
    boolean needsWasi = false;
    Set<String> seen = new HashSet<>();
    for (ImportType it : module.imports()) {
      Map<String, Imports.Binding> fields = definitions.get(it.module());
      Imports.Binding b = fields == null ? null : fields.get(it.name());
      if (b == null && wasi && it.module().equals(Wasi.MODULE)) {
        bindings.add(
            Optional.empty()); // the store's WASI context provides it, checked when instantiating
        needsWasi = true;
        continue;
      }
      if (b == null && unknownAsTraps && it.type().kind() == ExternKind.FUNC) {
        b = trap(it);
      }
      if (b == null) {
        throw new LinkException(
            "missing import " + ImportChecks.name(it) + ": expected " + it.type());
      }
      check(it, b);
      bindings.add(Optional.of(b));
      if (seen.add(it.module() + "\0" + it.name())) { // a module may import one name twice
        add(flat, it, b);
      }
    }
    return new LinkedImports(engine, module, bindings, flat.build(), needsWasi);
  }

  /** A host function of the import's type that traps, its cause naming the import. */
  private static Imports.Binding trap(ImportType it) {
    String name = ImportChecks.name(it);
    return new Imports.RawHostFunc(
        (FuncType) it.type(),
        (caller, slots) -> {
          throw new LinkException(
              "unknown import " + name + " was called (defined as a trap by the linker)");
        });
  }

  private static void check(ImportType it, Imports.Binding b) {
    if (b instanceof Imports.HostFunc || b instanceof Imports.RawHostFunc) {
      if (it.type().kind() != ExternKind.FUNC) {
        throw new LinkException(
            "import "
                + ImportChecks.name(it)
                + ": expected a "
                + ImportChecks.kind(it)
                + ", got a host function");
      }
      FuncType have = b instanceof Imports.HostFunc h ? h.type() : ((Imports.RawHostFunc) b).type();
      ImportChecks.sameFuncType(it, have);
      return;
    }
    Extern x = ((Imports.ExternBinding) b).extern();
    if (x.type().kind() != it.type().kind()) {
      throw new LinkException(
          "import "
              + ImportChecks.name(it)
              + ": expected a "
              + ImportChecks.kind(it)
              + ", got a "
              + x.type().kind().name().toLowerCase(Locale.ROOT));
    }
    if (it.type() instanceof MemoryType) {
      ImportChecks.memoryFits(it, (MemoryType) x.type());
    } else if (it.type() instanceof TableType) {
      ImportChecks.tableFits(it, (TableType) x.type());
    } else if (it.type() instanceof GlobalType want) {
      GlobalType have = (GlobalType) x.type();
      if (want.mutable() != have.mutable()
          || (!refs(want.content()) && !want.content().equals(have.content()))) {
        throw new LinkException(
            "import " + ImportChecks.name(it) + ": expected " + want + ", got " + have);
      }
    } else if (it.type() instanceof FuncType want && !hasRefs(want)) {
      ImportChecks.sameFuncType(it, (FuncType) x.type());
    }
  }

  private static boolean refs(ValType t) {
    return t instanceof RefType;
  }

  /** Reference types may match by subtyping, which the engine judges. */
  private static boolean hasRefs(FuncType t) {
    return t.params().stream().anyMatch(LinkChecks::refs)
        || t.results().stream().anyMatch(LinkChecks::refs);
  }

  private static void add(Imports.Builder flat, ImportType it, Imports.Binding b) {
    if (b instanceof Imports.HostFunc h) {
      flat.func(it.module(), it.name(), h.type(), h.function());
    } else if (b instanceof Imports.RawHostFunc r) {
      flat.funcRaw(it.module(), it.name(), r.type(), r.function());
    } else {
      flat.extern(it.module(), it.name(), ((Imports.ExternBinding) b).extern());
    }
  }
}
