package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Extern;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Tag;
import dev.wasmlayer.spi.ImportChecks;
import dev.wasmlayer.spi.support.HostCalls;
import dev.wasmlayer.spi.support.internal.StoreLimits;
import dev.wasmlayer.types.ExternKind;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a module's imports by name and instantiates with {@code wasmtime_instance_new}, whose
 * imports are positional. Missing imports and wrong kinds are reported here, naming the import;
 * wasmtime checks the types.
 */
final class WasmtimeLinker {
  private final WasmtimeStore<?> store;
  private final WasmtimeModule module;

  WasmtimeLinker(WasmtimeStore<?> store, WasmtimeModule module) {
    this.store = store;
    this.module = module;
  }

  WasmtimeInstance instantiate(Imports imports) {
    List<ImportType> wanted = module.imports();
    Pointer externs = externs();
    for (int i = 0; i < wanted.size(); i++) {
      ImportType it = wanted.get(i);
      Optional<Imports.Binding> found = imports.resolve(it.module(), it.name());
      Pointer slot = externs.share((long) i * Layout.EXTERN_SIZE);
      if (found.isEmpty() && store.wasi() != null && it.module().equals(Wasi.MODULE)) {
        wasi(it, slot);
        continue; // wasmtime checks the type at instantiation
      }
      Imports.Binding b =
          found.orElseThrow(
              () -> new LinkException("missing import " + name(it) + ": expected " + it.type()));
      WasmtimeExterns.write(resolve(it, b), slot);
    }
    return complete(externs);
  }

  /**
   * A zeroed {@code wasmtime_extern_t} array for the module's imports and the budget globals after
   * them. It lives in the block that becomes the instance's ({@link WasmtimeInstance#BLOCK_HEAD}):
   * one JNA allocation per instantiation.
   */
  Pointer externs() {
    int n = module.imports().size() + (module.importsBudgets() ? 2 : 0);
    block = Natives.alloc(WasmtimeInstance.BLOCK_HEAD + (long) n * Layout.EXTERN_SIZE);
    return block.share(WasmtimeInstance.BLOCK_HEAD);
  }

  private Memory block;

  /** Writes the store's WASI function for {@code it} at {@code slot}. */
  void wasi(ImportType it, Pointer slot) {
    if (!store.wasi().get(store, it, slot)) {
      throw new LinkException(
          "import " + name(it) + ": WASI preview 1 has no function " + it.name());
    }
  }

  /**
   * Instantiates once the module's own imports are in {@code externs}: adds the budget globals,
   * reserves, runs.
   */
  WasmtimeInstance complete(Pointer externs) {
    List<ImportType> wanted = module.imports();
    int n = wanted.size() + (module.importsBudgets() ? 2 : 0);
    if (module.importsBudgets()) { // after the module's own imports, as GrowCounting added them
      List<Global> budgets = store.limits().globals(store);
      for (int k = 0; k < 2; k++) {
        WasmtimeExterns.write(
            budgets.get(k), externs.share((long) (wanted.size() + k) * Layout.EXTERN_SIZE));
      }
    }
    StoreLimits.Reservation reserved = store.limits().reservation();
    reserved.take(module.minimums());
    try {
      return instantiate(externs, n);
    } catch (RuntimeException e) {
      throw reserved.failed(e);
    }
  }

  private WasmtimeInstance instantiate(Pointer externs, int n) {
    Memory instance = block; // the instance struct is the block's head
    long[] trap = new long[1];
    Pointer err = instantiate(externs, n, instance, trap);
    // Like direct ByteBuffers, stores nobody closed hold their address-space reservations until
    // their Cleaner runs; this
    // does not force a collection and wait for it (that stalled every caller for seconds): the
    // caller hears at once.
    if (err != null
        && trap[0] == 0
        && outOfAddressSpace(err)) { // live memories hold it all: a limit, not a trap
      throw new LimitException(
          "wasmtime cannot reserve address space for the module's memories (too many live "
              + "memories in the process; close stores that are no longer used, since a store nobody closed holds its "
              + "memories until the garbage collector finds it): "
              + Natives.consumeError(err));
    }
    if (err != null && trap[0] == 0 && poolFull(err)) {
      throw new LimitException(
          "the engine's pooling allocator has no free slot (EngineConfig.pooling limits): "
              + Natives.consumeError(err));
    }
    if (err != null || trap[0] != 0) {
      throw WasmtimeErrors.of(store, err, Natives.pointer(trap), true);
    }
    return new WasmtimeInstance(store, module, instance);
  }

  private Pointer instantiate(Pointer externs, int n, Memory instance, long[] trap) {
    long gate = store.enterCall();
    try {
      return Wasmtime.wasmtime_instance_new(
          store.context(), module.pointer(), externs, n, instance, trap);
    } finally {
      store.exitCall(gate);
    }
  }

  private static boolean poolFull(Pointer err) {
    String m = Natives.errorMessage(err).toLowerCase(Locale.ROOT);
    return m.contains("concurrent") && m.contains("limit");
  }

  private static boolean outOfAddressSpace(Pointer err) {
    return WasmtimeErrors.outOfAddressSpace(Natives.errorMessage(err));
  }

  Extern resolve(ImportType it, Imports.Binding b) {
    if (b instanceof Imports.HostFunc h) {
      requireFunc(it, h.type());
      return WasmtimeHostFunctions.create(
          store,
          name(it),
          h.type(),
          HostCalls.untyped(h.function()),
          WasmtimeTypes.hasConcrete(h.type()) ? module.importFuncType(it) : null);
    }
    if (b instanceof Imports.RawHostFunc h) {
      requireFunc(it, h.type());
      return WasmtimeHostFunctions.createRaw(
          store, name(it), h.type(), HostCalls.untyped(h.function()));
    }
    Extern x = ((Imports.ExternBinding) b).extern();
    String kind = it.type().kind().name().toLowerCase(Locale.ROOT);
    if (x.type().kind() != it.type().kind()) {
      throw new LinkException(
          "import "
              + name(it)
              + ": expected a "
              + kind
              + ", got a "
              + x.type().kind().name().toLowerCase(Locale.ROOT));
    }
    WasmtimeStore<?> owner = WasmtimeExterns.owner(x);
    if (owner == store) {
      requireCompatible(it, x);
    }
    if (owner == null) {
      throw new LinkException(
          "import " + name(it) + ": the " + kind + " comes from another engine");
    }
    if (owner != store) {
      throw new LinkException("import " + name(it) + ": the " + kind + " belongs to another store");
    }
    return x;
  }

  /**
   * The checks whose failure users hit most, named here; wasmtime checks the rest (subtyping, table
   * limits).
   */
  private static void requireCompatible(ImportType it, Extern x) {
    if (it.type() instanceof MemoryType) {
      ImportChecks.memoryFits(it, ((dev.wasmlayer.Memory) x).type());
    } else if (it.type() instanceof TagType want) {
      // tag types match exactly; with references wasmtime checks (a concrete heap type's index is
      // the module's own, and a tag's type may name it by its abstract top)
      TagType have = ((Tag) x).type();
      boolean refs = want.signature().params().stream().anyMatch(RefType.class::isInstance);
      if (!refs && !want.signature().equals(have.signature())) {
        throw new LinkException("import " + name(it) + ": expected " + want + ", got " + have);
      }
    } else if (it.type() instanceof GlobalType want) {
      GlobalType have = ((Global) x).type();
      boolean refs = want.content() instanceof RefType;
      if (want.mutable() != have.mutable() || (!refs && !want.content().equals(have.content()))) {
        throw new LinkException("import " + name(it) + ": expected " + want + ", got " + have);
      }
    }
  }

  private static void requireFunc(ImportType it, FuncType actual) {
    if (it.type().kind() != ExternKind.FUNC) {
      throw new LinkException(
          "import "
              + name(it)
              + ": expected a "
              + it.type().kind().name().toLowerCase(Locale.ROOT)
              + ", got a host function");
    }
    ImportChecks.sameFuncType(it, actual);
  }

  private static String name(ImportType i) {
    return ImportChecks.name(i);
  }
}
