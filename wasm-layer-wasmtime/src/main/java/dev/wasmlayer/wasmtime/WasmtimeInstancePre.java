package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.Engine;
import dev.wasmlayer.HostFunction;
import dev.wasmlayer.Imports;
import dev.wasmlayer.InstancePre;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.spi.ImportChecks;
import dev.wasmlayer.spi.LinkedImports;
import dev.wasmlayer.spi.support.HostCalls;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Optional;

/**
 * Imports resolved once, with each host function's native type made once: an instantiation writes
 * every import straight into the {@code wasmtime_extern_t} array (host functions made in place, no
 * wrapper objects) and calls {@code wasmtime_instance_new}. The native types are freed with this
 * object (they belong to no engine or store).
 */
final class WasmtimeInstancePre implements InstancePre {
  private final LinkedImports linked;
  private final WasmtimeModule module;
  private final String[] names;

  /**
   * Per import: the native function type of a host function, else null. Read-only once built, so
   * shared.
   */
  private final Pointer[] funcTypes;

  WasmtimeInstancePre(LinkedImports linked) {
    this.linked = linked;
    this.module = (WasmtimeModule) linked.module();
    List<ImportType> types = linked.types();
    this.names = new String[types.size()];
    this.funcTypes = new Pointer[types.size()];
    for (int i = 0; i < types.size(); i++) {
      ImportType it = types.get(i);
      names[i] = ImportChecks.name(it);
      Optional<Imports.Binding> b = linked.bindings().get(i);
      if (b.isPresent() && !(b.get() instanceof Imports.ExternBinding)) {
        FuncType type = hostType(b.get());
        if (b.get() instanceof Imports.RawHostFunc && !UncheckedHostFunctions.fits(type)) {
          throw new IllegalArgumentException(
              "raw host function " + names[i] + ": references cannot be slots: " + type);
        }
        funcTypes[i] =
            WasmtimeTypes.hasConcrete(type)
                ? module.importFuncType(it)
                : WasmtimeTypes.toNative(type);
      }
    }
    Pointer[] owned = funcTypes.clone(); // the cleaner captures only the native types
    WasmtimeEngine.CLEANER.register(
        this,
        () -> {
          for (Pointer ft : owned) {
            if (ft != null) {
              Wasmtime.wasm_functype_delete(ft);
            }
          }
        });
  }

  private static FuncType hostType(Imports.Binding b) {
    return b instanceof Imports.HostFunc h ? h.type() : ((Imports.RawHostFunc) b).type();
  }

  @Override
  public Engine engine() {
    return linked.engine();
  }

  @Override
  public Module module() {
    return module;
  }

  @Override
  public WasmtimeInstance instantiate(Store<?> store) {
    linked.checkStore(store);
    WasmtimeStore<?> s = (WasmtimeStore<?>) store;
    s.checkOpen();
    long gate = s.enterAccess();
    try {
      WasmtimeInstance instance = instantiate(s);
      Reference.reachabilityFence(this); // the native types are in use until here
      return instance;
    } finally {
      s.exitAccess(gate);
    }
  }

  private WasmtimeInstance instantiate(WasmtimeStore<?> store) {
    WasmtimeLinker linker = new WasmtimeLinker(store, module);
    Pointer externs = linker.externs();
    List<ImportType> types = linked.types();
    for (int i = 0; i < funcTypes.length; i++) {
      Pointer slot = externs.share((long) i * Layout.EXTERN_SIZE);
      Optional<Imports.Binding> found = linked.bindings().get(i);
      if (found.isEmpty()) {
        linker.wasi(types.get(i), slot); // the store has WASI: checked above
      } else if (funcTypes[i] != null) {
        slot.setByte(0, Layout.EXTERN_FUNC);
        host(store, i, found.get(), slot.share(Layout.EXTERN_OF));
      } else {
        WasmtimeExterns.write(linker.resolve(types.get(i), found.get()), slot);
      }
    }
    return linker.complete(externs);
  }

  private void host(WasmtimeStore<?> store, int i, Imports.Binding b, Pointer out) {
    FuncType type = hostType(b);
    if (b instanceof Imports.RawHostFunc r) {
      UncheckedHostFunctions.make(
          store,
          funcTypes[i],
          UncheckedHostFunctions.rawTarget(store, names[i], type, HostCalls.untyped(r.function())),
          out);
      return;
    }
    HostFunction<Object> fn = HostCalls.untyped(((Imports.HostFunc) b).function());
    if (UncheckedHostFunctions.fits(type)) {
      UncheckedHostFunctions.make(
          store, funcTypes[i], UncheckedHostFunctions.target(store, names[i], type, fn), out);
    } else {
      WasmtimeHostFunctions.make(
          store, funcTypes[i], WasmtimeHostFunctions.target(store, names[i], type, fn), out);
    }
  }
}
