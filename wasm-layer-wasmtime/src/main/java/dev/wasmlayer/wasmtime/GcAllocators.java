package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.HashMap;
import java.util.Map;

/**
 * A store's struct and array allocators ({@code wasmtime_struct_ref_pre_t}, {@code
 * wasmtime_array_ref_pre_t}), one per type the host allocates, made on first use and freed with the
 * store: a loop allocating one type registers it once.
 */
final class GcAllocators {
  private final WasmtimeStore<?> store;
  private final Map<StructType, Pointer> structs = new HashMap<>();
  private final Map<ArrayType, Pointer> arrays = new HashMap<>();

  GcAllocators(WasmtimeStore<?> store) {
    this.store = store;
  }

  Pointer struct(StructType type) {
    return structs.computeIfAbsent(
        type,
        t -> {
          Pointer ty = WasmtimeGcTypes.toNative(store.engine().pointer(), t);
          try {
            return Wasmtime.wasmtime_struct_ref_pre_new(store.context(), ty);
          } finally {
            Wasmtime.wasmtime_struct_type_delete(ty);
          }
        });
  }

  Pointer array(ArrayType type) {
    return arrays.computeIfAbsent(
        type,
        t -> {
          Pointer ty = WasmtimeGcTypes.toNative(store.engine().pointer(), t);
          try {
            return Wasmtime.wasmtime_array_ref_pre_new(store.context(), ty);
          } finally {
            Wasmtime.wasmtime_array_type_delete(ty);
          }
        });
  }

  /** With the store: frees every allocator. */
  void free() {
    structs.values().forEach(Wasmtime::wasmtime_struct_ref_pre_delete);
    arrays.values().forEach(Wasmtime::wasmtime_array_ref_pre_delete);
    structs.clear();
    arrays.clear();
  }
}
