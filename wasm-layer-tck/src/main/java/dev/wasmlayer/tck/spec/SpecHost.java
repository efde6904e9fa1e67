package dev.wasmlayer.tck.spec;

import dev.wasmlayer.Extern;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code spectest} host module as the reference interpreter defines it, for one script: its
 * memory and tables are shared by every module that imports them; each extern is made the first
 * time a module imports it, so a script that never touches {@code table64} does not need an engine
 * with table64.
 */
final class SpecHost {
  private static final Map<String, FuncType> FUNCS =
      Map.of(
          "print", FuncType.ofParams(),
          "print_i32", FuncType.ofParams(ValType.I32),
          "print_i64", FuncType.ofParams(ValType.I64),
          "print_f32", FuncType.ofParams(ValType.F32),
          "print_f64", FuncType.ofParams(ValType.F64),
          "print_i32_f32", FuncType.ofParams(ValType.I32, ValType.F32),
          "print_f64_f64", FuncType.ofParams(ValType.F64, ValType.F64));

  private final Store<?> store;
  private final Map<String, Extern> externs = new HashMap<>();

  SpecHost(Store<?> store) {
    this.store = store;
  }

  /**
   * Imports for {@code module}: the spectest entries it asks for, and every registered instance.
   */
  Imports importsFor(Module module, Map<String, Instance> registered) {
    Imports.Builder b = Imports.builder();
    Set<String> done = new HashSet<>();
    for (ImportType i : module.imports()) {
      if (!i.module().equals("spectest") || !done.add(i.name())) {
        continue;
      }
      FuncType f = FUNCS.get(i.name());
      if (f != null) {
        b.func("spectest", i.name(), f, (caller, args) -> Value.NONE);
      } else {
        Extern x = extern(i.name());
        if (x != null) {
          b.extern("spectest", i.name(), x);
        }
      }
    }
    registered.forEach(
        (name, instance) -> {
          if (!name.equals("spectest")) {
            b.instance(name, instance);
          }
        });
    return b.build();
  }

  private Extern extern(String name) {
    Extern x = externs.get(name);
    if (x == null) {
      x = create(name);
      if (x != null) {
        externs.put(name, x);
      }
    }
    return x;
  }

  private Extern create(String name) {
    return switch (name) {
      case "global_i32" -> store.newGlobal(GlobalType.constant(ValType.I32), Value.i32(666));
      case "global_i64" -> store.newGlobal(GlobalType.constant(ValType.I64), Value.i64(666));
      case "global_f32" ->
          store.newGlobal(GlobalType.constant(ValType.F32), Value.f32Bits(0x4426_a666));
      case "global_f64" ->
          store.newGlobal(GlobalType.constant(ValType.F64), Value.f64Bits(0x4084_d4cc_cccc_cccdL));
      case "table" ->
          store.newTable(TableType.of(ValType.FUNCREF, 10, 20), Value.nullRef(ValType.FUNCREF));
      case "table64" ->
          store.newTable(
              new TableType(ValType.FUNCREF, 10, OptionalLong.of(20), AddressType.I64),
              Value.nullRef(ValType.FUNCREF));
      case "memory" -> store.newMemory(MemoryType.of(1, 2));
      default -> null; // not a spectest export: the module is unlinkable, as the script expects
    };
  }

  static List<String> names() {
    return List.copyOf(FUNCS.keySet());
  }
}
