package dev.wasmlayer.wasmtime.internal;

/**
 * Sizes, offsets and enum values of the wasmtime 49.0.0 C API on 64-bit targets, read from its
 * headers and checked against the library (see LayoutTest). Structs are read and written through
 * raw memory at these offsets, so no JNA Structure reflection runs per call.
 */
public final class Layout {
  private Layout() {}

  /** {@code wasmtime_val_t}: kind u8 at 0, union at 8. */
  public static final int VAL_SIZE = 32;

  /** Offset of the union in {@code wasmtime_val_t}. */
  public static final int VAL_OF = 8;

  /** {@code wasmtime_val_raw_t}: 16 bytes, little-endian. */
  public static final int VAL_RAW_SIZE = 16;

  /** {@code wasmtime_func_t}: store_id u64, private pointer. */
  public static final int FUNC_SIZE = 16;

  /**
   * {@code wasmtime_memory_t} and {@code wasmtime_table_t}: {store_id u64, private1 u32} then
   * private2 u32 at 16.
   */
  public static final int MEMORY_SIZE = 24;

  /** {@code wasmtime_global_t}. */
  public static final int GLOBAL_SIZE = 24;

  /** {@code wasmtime_externref_t} and the other GC refs: store_id, two u32, a pointer. */
  public static final int REF_SIZE = 24;

  /** {@code wasmtime_tag_t}: {store_id u64, private1 u32} then private2 u32 at 16. */
  public static final int TAG_SIZE = 24;

  /**
   * {@code wasmtime_field_type_t}: mutable bool at 0, storage type {kind u8 at 8, valtype pointer
   * at 16}.
   */
  public static final int FIELD_TYPE_SIZE = 24;

  /** Offset of the storage kind in {@code wasmtime_field_type_t}. */
  public static final int FIELD_STORAGE_KIND = 8;

  /** Offset of the storage valtype pointer in {@code wasmtime_field_type_t}. */
  public static final int FIELD_STORAGE_VALTYPE = 16;

  /** {@code WASMTIME_STORAGE_TYPE_KIND_I8}. */
  public static final byte STORAGE_I8 = 0;

  /** i16. */
  public static final byte STORAGE_I16 = 1;

  /** A value type. */
  public static final byte STORAGE_VALTYPE = 2;

  /** {@code wasmtime_component_instance_t}: store_id u64, index u32. */
  public static final int COMPONENT_INSTANCE_SIZE = 16;

  /**
   * {@code wasmtime_component_func_t}: {store_id u64, private1 u32}, private2 u32 at 16, a private
   * pointer at 24.
   */
  public static final int COMPONENT_FUNC_SIZE = 32;

  /** {@code wasmtime_component_val_t}: kind u8 at 0, union (at most 24 bytes) at 8. */
  public static final int COMPONENT_VAL_SIZE = 32;

  /** {@code WASMTIME_COMPONENT_RESULT}: {is_ok bool at 8, value pointer at 16}. */
  public static final byte COMPONENT_RESULT = 19;

  /** {@code wasmtime_extern_t}: kind u8 at 0, union at 8. */
  public static final int EXTERN_SIZE = 32;

  /** Offset of the union in {@code wasmtime_extern_t}. */
  public static final int EXTERN_OF = 8;

  /** {@code wasmtime_instance_t}: store_id u64, index size_t. */
  public static final int INSTANCE_SIZE = 16;

  /** {@code wasm_*_vec_t}: size_t size, pointer data. */
  public static final int VEC_SIZE = 16;

  /**
   * {@code wasmtime_valtype_t}: kind u8 at 0, reftype at 8 {nullable bool at 8, heaptype {kind u8
   * at 16, ptr at 24}}.
   */
  public static final int VALTYPE_SIZE = 32;

  /** Offset of the reftype's nullable flag in {@code wasmtime_valtype_t}. */
  public static final int VALTYPE_NULLABLE = 8;

  /** Offset of the heap type kind in {@code wasmtime_valtype_t}. */
  public static final int VALTYPE_HEAP_KIND = 16;

  /** {@code wasm_limits_t}: min u32, max u32. */
  public static final int LIMITS_SIZE = 8;

  /** {@code wasmtime_valkind_t}. */
  public static final byte I32 = 0;

  /** i64. */
  public static final byte I64 = 1;

  /** f32. */
  public static final byte F32 = 2;

  /** f64. */
  public static final byte F64 = 3;

  /** v128. */
  public static final byte V128 = 4;

  /** funcref. */
  public static final byte FUNCREF = 5;

  /** externref. */
  public static final byte EXTERNREF = 6;

  /** anyref. */
  public static final byte ANYREF = 7;

  /** exnref. */
  public static final byte EXNREF = 8;

  /** {@code wasmtime_valtype_kind}: numbers and v128 as above, references are 5. */
  public static final byte VALTYPE_REF = 5;

  /** {@code wasmtime_extern_kind_t}. */
  public static final byte EXTERN_FUNC = 0;

  /** global. */
  public static final byte EXTERN_GLOBAL = 1;

  /** table. */
  public static final byte EXTERN_TABLE = 2;

  /** memory. */
  public static final byte EXTERN_MEMORY = 3;

  /** shared memory. */
  public static final byte EXTERN_SHAREDMEMORY = 4;

  /** tag. */
  public static final byte EXTERN_TAG = 5;

  /**
   * wasm.h {@code wasm_valkind_t} for {@code wasm_valtype_new}; ints, because a u8 must reach C
   * zero-extended.
   */
  public static final int WASM_I32 = 0;

  /** i64. */
  public static final int WASM_I64 = 1;

  /** f32. */
  public static final int WASM_F32 = 2;

  /** f64. */
  public static final int WASM_F64 = 3;

  /** externref. */
  public static final int WASM_EXTERNREF = 128;

  /** funcref. */
  public static final int WASM_FUNCREF = 129;

  /** wasm.h {@code wasm_externkind_t}. */
  public static final byte WASM_EXTERN_FUNC = 0;

  /** global. */
  public static final byte WASM_EXTERN_GLOBAL = 1;

  /** table. */
  public static final byte WASM_EXTERN_TABLE = 2;

  /** memory. */
  public static final byte WASM_EXTERN_MEMORY = 3;

  /** tag. */
  public static final byte WASM_EXTERN_TAG = 4;
}
