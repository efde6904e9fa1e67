package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.PackedType;
import dev.wasmlayer.types.StorageType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.ArrayList;
import java.util.List;

/**
 * Struct and array types between wasm-layer and wasmtime ({@code wasmtime_struct_type_t}, {@code
 * wasmtime_array_type_t}, {@code wasmtime_field_type_t}).
 */
final class WasmtimeGcTypes {
  private WasmtimeGcTypes() {}

  /** What a field of this storage type reads and writes as: a packed field is an i32. */
  static ValType unpacked(StorageType s) {
    return s instanceof ValType v ? v : NumType.I32;
  }

  static StructType structType(Pointer type) {
    long n = Wasmtime.wasmtime_struct_type_num_fields(type);
    List<FieldType> fields = new ArrayList<>((int) n);
    Memory field = Natives.alloc(Layout.FIELD_TYPE_SIZE);
    for (long i = 0; i < n; i++) {
      if (Wasmtime.wasmtime_struct_type_field(type, i, field) == 0) {
        throw new IllegalStateException("wasmtime has no field " + i + " of a struct type");
      }
      fields.add(fieldType(field));
    }
    return new StructType(fields);
  }

  static ArrayType arrayType(Pointer type) {
    Memory field = Natives.alloc(Layout.FIELD_TYPE_SIZE);
    Wasmtime.wasmtime_array_type_element(type, field);
    return new ArrayType(fieldType(field));
  }

  /** Reads, then frees the contents of, a {@code wasmtime_field_type_t}. */
  private static FieldType fieldType(Pointer field) {
    try {
      boolean mutable = field.getByte(0) != 0;
      StorageType storage =
          switch (field.getByte(Layout.FIELD_STORAGE_KIND)) {
            case Layout.STORAGE_I8 -> PackedType.I8;
            case Layout.STORAGE_I16 -> PackedType.I16;
            default -> WasmtimeTypes.valType(field.getPointer(Layout.FIELD_STORAGE_VALTYPE));
          };
      return new FieldType(storage, mutable);
    } finally {
      Wasmtime.wasmtime_field_type_delete(field);
    }
  }

  /** A new {@code wasmtime_struct_type_t*}: {@code wasmtime_struct_type_delete}. */
  static Pointer toNative(Pointer engine, StructType t) {
    int n = t.fields().size();
    Memory fields = Natives.alloc((long) Math.max(1, n) * Layout.FIELD_TYPE_SIZE);
    List<Pointer> valTypes = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        write(t.fields().get(i), fields.share((long) i * Layout.FIELD_TYPE_SIZE), valTypes);
      }
      return Wasmtime.wasmtime_struct_type_new(engine, fields, n);
    } finally {
      valTypes.forEach(Wasmtime::wasm_valtype_delete);
    }
  }

  /** A new {@code wasmtime_array_type_t*}: {@code wasmtime_array_type_delete}. */
  static Pointer toNative(Pointer engine, ArrayType t) {
    Memory field = Natives.alloc(Layout.FIELD_TYPE_SIZE);
    List<Pointer> valTypes = new ArrayList<>();
    try {
      write(t.element(), field, valTypes);
      return Wasmtime.wasmtime_array_type_new(engine, field);
    } finally {
      valTypes.forEach(Wasmtime::wasm_valtype_delete);
    }
  }

  /** Writes a field type; the valtypes it made are the caller's to delete once used. */
  private static void write(FieldType f, Pointer at, List<Pointer> made) {
    at.setByte(0, (byte) (f.mutable() ? 1 : 0));
    if (f.storage() instanceof PackedType p) {
      at.setByte(
          Layout.FIELD_STORAGE_KIND, p == PackedType.I8 ? Layout.STORAGE_I8 : Layout.STORAGE_I16);
      return;
    }
    Pointer vt = WasmtimeTypes.toNative((ValType) f.storage());
    made.add(vt);
    at.setByte(Layout.FIELD_STORAGE_KIND, Layout.STORAGE_VALTYPE);
    at.setPointer(Layout.FIELD_STORAGE_VALTYPE, vt);
  }
}
