package dev.wasmlayer.wasmtime.internal;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C functions the backend calls, bound by JNA direct mapping ({@link Native#register}), named
 * exactly as in the headers. Ownership follows the C API: a returned {@code wasmtime_error_t*} or
 * {@code wasm_trap_t*} is the caller's to delete; type objects from {@code *_type} are the
 * caller's; vectors from out-parameters are the caller's. C {@code bool} is a Java {@code byte},
 * {@code size_t} and {@code uint64_t} a {@code long}. Out-parameters of pointer type are
 * one-element {@code long[]} (64-bit targets only), which direct mapping passes without allocating.
 */
public final class Wasmtime {
  private Wasmtime() {}

  private static volatile boolean bound;
  private static volatile NativeLibrary library;

  /** Binds the natives to the library at {@code path}, once. */
  public static synchronized void bind(String path) {
    if (!bound) {
      library = NativeLibrary.getInstance(path);
      Native.register(Wasmtime.class, library);
      bound = true;
    }
  }

  /** The bound library (for the FFM path's symbol addresses). */
  static NativeLibrary library() {
    if (library == null) {
      throw new IllegalStateException("libwasmtime is not bound yet");
    }
    return library;
  }

  /** Whether {@link #bind} has run. */
  public static boolean isBound() {
    return bound;
  }

  /**
   * {@code wasm_trap_t* (*)(void* env, wasmtime_caller_t*, const wasmtime_val_t* args, size_t,
   * wasmtime_val_t* results, size_t)}.
   */
  public interface FuncCallback extends Callback {
    /** Runs a host function; returns a trap or null. */
    Pointer invoke(
        Pointer env, Pointer caller, Pointer args, long nargs, Pointer results, long nresults);
  }

  /**
   * {@code wasm_trap_t* (*)(void* env, wasmtime_caller_t*, wasmtime_val_raw_t* args_and_results,
   * size_t)} with every parameter as a 64-bit integer, so JNA makes no Pointer objects per call.
   */
  public interface RawFuncCallback extends Callback {
    /** Runs a host function on raw slots; returns a trap or 0. */
    long invoke(long env, long caller, long argsAndResults, long n);
  }

  /**
   * {@code wasmtime_error_t* (*)(wasmtime_context_t*, void* env, uint64_t* delta,
   * wasmtime_update_deadline_kind_t*)}: called when a store reaches its epoch deadline; an error
   * stops the running code, null continues.
   */
  public interface EpochCallback extends Callback {
    /** Decides whether the store's code continues. */
    Pointer invoke(Pointer context, Pointer env, Pointer delta, Pointer kind);
  }

  /**
   * {@code ptrdiff_t (*)(void* data, const unsigned char* buf, size_t len)}: a WASI stdout/stderr
   * sink.
   */
  public interface WriteCallback extends Callback {
    /** Takes {@code len} bytes; returns how many were taken, or -1 for an error. */
    long invoke(Pointer data, Pointer buf, long len);
  }

  /** {@code void (*)(void*)}. */
  public interface Finalizer extends Callback {
    /** Frees what {@code data} names. */
    void invoke(Pointer data);
  }

  // config and engine
  /** Caller owns; consumed by {@link #wasm_engine_new_with_config}. */
  public static native Pointer wasm_config_new();

  public static native void wasmtime_config_consume_fuel_set(Pointer config, byte enable);

  public static native void wasmtime_config_epoch_interruption_set(Pointer config, byte enable);

  public static native void wasmtime_config_max_wasm_stack_set(Pointer config, long size);

  public static native void wasmtime_config_signals_based_traps_set(Pointer config, byte enable);

  public static native void wasmtime_config_memory_reservation_set(Pointer config, long bytes);

  public static native void wasmtime_config_memory_guard_size_set(Pointer config, long bytes);

  /** Caller owns; free with {@link #wasmtime_pooling_allocation_config_delete}. */
  public static native Pointer wasmtime_pooling_allocation_config_new();

  public static native void wasmtime_pooling_allocation_config_delete(Pointer pooling);

  public static native void wasmtime_pooling_allocation_config_total_core_instances_set(
      Pointer pooling, int n);

  public static native void wasmtime_pooling_allocation_config_total_memories_set(
      Pointer pooling, int n);

  public static native void wasmtime_pooling_allocation_config_total_tables_set(
      Pointer pooling, int n);

  public static native void wasmtime_pooling_allocation_config_max_memory_size_set(
      Pointer pooling, long bytes);

  /** Copies {@code pooling} into {@code config}: the caller still owns and frees it. */
  public static native void wasmtime_pooling_allocation_strategy_set(
      Pointer config, Pointer pooling);

  /** Takes ownership of {@code config}; caller owns the engine: {@link #wasm_engine_delete}. */
  public static native Pointer wasm_engine_new_with_config(Pointer config);

  public static native void wasm_engine_delete(Pointer engine);

  public static native void wasmtime_engine_increment_epoch(Pointer engine);

  // store
  /** Caller owns: {@link #wasmtime_store_delete}. */
  public static native Pointer wasmtime_store_new(
      Pointer engine, Pointer data, Finalizer finalizer);

  /** Borrowed from the store, stable for its life. */
  public static native Pointer wasmtime_store_context(Pointer store);

  public static native void wasmtime_store_delete(Pointer store);

  public static native void wasmtime_store_limiter(
      Pointer store,
      long memorySize,
      long tableElements,
      long instances,
      long tables,
      long memories);

  /** Returns an error or null. */
  public static native Pointer wasmtime_context_set_fuel(Pointer context, long fuel);

  /** Returns an error or null. */
  public static native Pointer wasmtime_context_get_fuel(Pointer context, long[] fuel);

  public static native void wasmtime_context_set_epoch_deadline(Pointer context, long ticks);

  /** The callback must stay reachable until the store is deleted. */
  public static native void wasmtime_store_epoch_deadline_callback(
      Pointer store, EpochCallback callback, Pointer env, Finalizer finalizer);

  /** Caller owns (or returns it from a callback). */
  public static native Pointer wasmtime_error_new(String message);

  // modules
  /** Returns an error or null; {@code out} receives a module the caller owns. */
  public static native Pointer wasmtime_module_new(
      Pointer engine, byte[] wasm, long len, long[] out);

  /** {@link #wasmtime_module_new(Pointer, byte[], long, long[])} on bytes in native memory. */
  public static native Pointer wasmtime_module_new(
      Pointer engine, Pointer wasm, long len, long[] out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_module_validate(Pointer engine, byte[] wasm, long len);

  public static native void wasmtime_module_delete(Pointer module);

  /**
   * Fills a byte vec the caller frees with {@link #wasm_byte_vec_delete}; returns an error or null.
   */
  public static native Pointer wasmtime_module_serialize(Pointer module, Pointer bytes);

  /** Unsafe on untrusted bytes (they become native code); returns an error or null. */
  public static native Pointer wasmtime_module_deserialize(
      Pointer engine, byte[] bytes, long len, long[] out);

  /** Fills a vec the caller owns: {@link #wasm_importtype_vec_delete}. */
  public static native void wasmtime_module_imports(Pointer module, Pointer vec);

  /** Fills a vec the caller owns: {@link #wasm_exporttype_vec_delete}. */
  public static native void wasmtime_module_exports(Pointer module, Pointer vec);

  public static native void wasm_importtype_vec_delete(Pointer vec);

  public static native void wasm_exporttype_vec_delete(Pointer vec);

  /** Borrowed name vec. */
  public static native Pointer wasm_importtype_module(Pointer importType);

  /** Borrowed name vec. */
  public static native Pointer wasm_importtype_name(Pointer importType);

  /** Borrowed. */
  public static native Pointer wasm_importtype_type(Pointer importType);

  /** Borrowed name vec. */
  public static native Pointer wasm_exporttype_name(Pointer exportType);

  /** Borrowed. */
  public static native Pointer wasm_exporttype_type(Pointer exportType);

  public static native byte wasm_externtype_kind(Pointer externType);

  /** Borrowed. */
  public static native Pointer wasm_externtype_as_functype_const(Pointer externType);

  /** Borrowed. */
  public static native Pointer wasm_externtype_as_globaltype_const(Pointer externType);

  /** Borrowed. */
  public static native Pointer wasm_externtype_as_tabletype_const(Pointer externType);

  /** Borrowed. */
  public static native Pointer wasm_externtype_as_memorytype_const(Pointer externType);

  // types
  /** Borrowed valtype vec. */
  public static native Pointer wasm_functype_params(Pointer funcType);

  /** Borrowed valtype vec. */
  public static native Pointer wasm_functype_results(Pointer funcType);

  /** Takes ownership of both vecs; caller owns the result: {@link #wasm_functype_delete}. */
  public static native Pointer wasm_functype_new(Pointer params, Pointer results);

  public static native void wasm_functype_delete(Pointer funcType);

  /**
   * Fills {@code out} (a {@code wasmtime_valtype_t}), which the caller frees with {@link
   * #wasmtime_valtype_delete}.
   */
  public static native void wasmtime_valtype_new(Pointer valType, Pointer out);

  public static native void wasmtime_valtype_delete(Pointer wasmtimeValType);

  /**
   * Caller owns. Only for i32..f64, externref (128) and funcref (129); an int so the u8 arrives
   * zero-extended.
   */
  public static native Pointer wasm_valtype_new(int kind);

  /** Caller owns. */
  public static native Pointer wasmtime_wasm_valtype_v128();

  /** Takes ownership of the valtypes in {@code data}. */
  public static native void wasm_valtype_vec_new(Pointer out, long size, Pointer data);

  /** Borrowed. */
  public static native Pointer wasm_globaltype_content(Pointer globalType);

  public static native byte wasm_globaltype_mutability(Pointer globalType);

  /** Takes ownership of {@code content}; caller owns: {@link #wasm_globaltype_delete}. */
  public static native Pointer wasm_globaltype_new(Pointer content, byte mutability);

  public static native void wasm_globaltype_delete(Pointer globalType);

  /** Borrowed. */
  public static native Pointer wasm_tabletype_element(Pointer tableType);

  /** Borrowed {@code wasm_limits_t}. */
  public static native Pointer wasm_tabletype_limits(Pointer tableType);

  /** Takes ownership of {@code element}; caller owns: {@link #wasm_tabletype_delete}. */
  public static native Pointer wasm_tabletype_new(Pointer element, Pointer limits);

  public static native void wasm_tabletype_delete(Pointer tableType);

  /** Returns an error or null; {@code out} receives a type the caller owns. */
  public static native Pointer wasmtime_memorytype_new(
      long min, byte hasMax, long max, byte is64, byte shared, byte pageSizeLog2, long[] out);

  public static native long wasmtime_memorytype_minimum(Pointer memoryType);

  public static native byte wasmtime_memorytype_maximum(Pointer memoryType, long[] max);

  public static native byte wasmtime_memorytype_is64(Pointer memoryType);

  public static native byte wasmtime_memorytype_isshared(Pointer memoryType);

  public static native void wasm_memorytype_delete(Pointer memoryType);

  // errors and traps
  /** Fills a byte vec the caller frees with {@link #wasm_byte_vec_delete}. */
  public static native void wasmtime_error_message(Pointer error, Pointer message);

  public static native byte wasmtime_error_exit_status(Pointer error, int[] status);

  public static native void wasmtime_error_delete(Pointer error);

  /** Caller owns, or hands it to wasmtime by returning it from a callback. */
  public static native Pointer wasmtime_trap_new(byte[] message, long len);

  public static native byte wasmtime_trap_code(Pointer trap, byte[] code);

  /** Fills a byte vec (NUL-terminated text) the caller frees with {@link #wasm_byte_vec_delete}. */
  public static native void wasm_trap_message(Pointer trap, Pointer message);

  /** Fills a frame vec the caller frees with {@link #wasm_frame_vec_delete}. */
  public static native void wasm_trap_trace(Pointer trap, Pointer frames);

  public static native void wasm_trap_delete(Pointer trap);

  public static native int wasm_frame_func_index(Pointer frame);

  public static native long wasm_frame_module_offset(Pointer frame);

  /** Borrowed name or null. */
  public static native Pointer wasmtime_frame_func_name(Pointer frame);

  public static native void wasm_frame_vec_delete(Pointer frames);

  public static native void wasm_byte_vec_delete(Pointer vec);

  /** Fills {@code out} with a copy of {@code data}. */
  public static native void wasm_byte_vec_new(Pointer out, long size, byte[] data);

  // WASI preview 1 (strings are NUL-terminated UTF-8 byte arrays)
  /** Caller owns; consumed by {@link #wasmtime_context_set_wasi}, even when that fails. */
  public static native Pointer wasi_config_new();

  public static native byte wasi_config_set_argv(Pointer config, long argc, Pointer argv);

  public static native byte wasi_config_set_env(
      Pointer config, long envc, Pointer names, Pointer values);

  /** Takes the vector's contents. */
  public static native void wasi_config_set_stdin_bytes(Pointer config, Pointer bytes);

  public static native void wasi_config_set_stdout_custom(
      Pointer config, WriteCallback callback, Pointer data, Finalizer finalizer);

  public static native void wasi_config_set_stderr_custom(
      Pointer config, WriteCallback callback, Pointer data, Finalizer finalizer);

  public static native byte wasi_config_preopen_dir(
      Pointer config, byte[] hostPath, byte[] guestPath, byte fsMutable);

  /** Consumes {@code wasi}; returns an error or null. */
  public static native Pointer wasmtime_context_set_wasi(Pointer context, Pointer wasi);

  // linker (the WASI functions; instance-pre for the benchmarks' baseline)
  public static native Pointer wasmtime_linker_new(Pointer engine);

  public static native void wasmtime_linker_delete(Pointer linker);

  /** Returns an error or null. */
  public static native Pointer wasmtime_linker_define_wasi(Pointer linker);

  /**
   * Returns an error or null; the linker keeps {@code env} until it is deleted, then calls {@code
   * finalizer}.
   */
  public static native Pointer wasmtime_linker_define_func_unchecked(
      Pointer linker,
      byte[] module,
      long moduleLen,
      byte[] name,
      long nameLen,
      Pointer funcType,
      RawFuncCallback callback,
      Pointer env,
      Finalizer finalizer);

  /**
   * Returns an error or null; writes a {@code wasmtime_instance_pre_t*} the caller frees with the
   * delete below.
   */
  public static native Pointer wasmtime_linker_instantiate_pre(
      Pointer linker, Pointer module, long[] pre);

  public static native void wasmtime_instance_pre_delete(Pointer pre);

  /** Returns an error or null; a trap goes to {@code trap}. */
  public static native Pointer wasmtime_instance_pre_instantiate(
      Pointer pre, Pointer context, Pointer instance, long[] trap);

  /**
   * Writes the item into {@code item} (a {@code wasmtime_extern_t}); false if the linker has none.
   */
  public static native byte wasmtime_linker_get(
      Pointer linker,
      Pointer context,
      byte[] module,
      long moduleLen,
      byte[] name,
      long nameLen,
      Pointer item);

  /** Returns an error or null; fills a byte vec the caller frees. Does not validate. */
  public static native Pointer wasmtime_wat2wasm(byte[] wat, long len, Pointer out);

  // instances
  /** Returns an error or null; a start trap goes to {@code trap}. Imports are positional. */
  public static native Pointer wasmtime_instance_new(
      Pointer context,
      Pointer module,
      Pointer imports,
      long nimports,
      Pointer instance,
      long[] trap);

  public static native byte wasmtime_instance_export_get(
      Pointer context, Pointer instance, byte[] name, long len, Pointer out);

  // functions
  /** The callback and its env must stay reachable until the store is deleted. */
  public static native void wasmtime_func_new(
      Pointer context,
      Pointer funcType,
      FuncCallback callback,
      Pointer env,
      Finalizer finalizer,
      Pointer out);

  /**
   * As {@link #wasmtime_func_new}, the callback reading and writing raw slots with no type checks.
   */
  public static native void wasmtime_func_new_unchecked(
      Pointer context,
      Pointer funcType,
      RawFuncCallback callback,
      Pointer env,
      Finalizer finalizer,
      Pointer out);

  /** Caller owns. */
  public static native Pointer wasmtime_func_type(Pointer context, Pointer func);

  /**
   * Returns an error or null; a trap goes to {@code trap}. Result references are the caller's to
   * unroot.
   */
  public static native Pointer wasmtime_func_call(
      Pointer context,
      Pointer func,
      Pointer args,
      long nargs,
      Pointer results,
      long nresults,
      long[] trap);

  /** Returns an error or null. Arguments in, results out, in the same array of 16-byte slots. */
  public static native Pointer wasmtime_func_call_unchecked(
      Pointer context, Pointer func, Pointer argsAndResults, long len, long[] trap);

  /** Borrowed; valid during the callback. */
  public static native Pointer wasmtime_caller_context(Pointer caller);

  public static native byte wasmtime_caller_export_get(
      Pointer caller, byte[] name, long len, Pointer out);

  // memories
  public static native Pointer wasmtime_memory_data(Pointer context, Pointer memory);

  public static native long wasmtime_memory_data_size(Pointer context, Pointer memory);

  public static native long wasmtime_memory_size(Pointer context, Pointer memory);

  /** Returns an error or null. */
  public static native Pointer wasmtime_memory_grow(
      Pointer context, Pointer memory, long delta, long[] previous);

  /** Returns an error or null. */
  public static native Pointer wasmtime_memory_new(
      Pointer context, Pointer memoryType, Pointer out);

  /** Caller owns. */
  public static native Pointer wasmtime_memory_type(Pointer context, Pointer memory);

  // globals
  /** Returns an error or null. */
  public static native Pointer wasmtime_global_new(
      Pointer context, Pointer globalType, Pointer value, Pointer out);

  /** The value's references are the caller's to unroot. */
  public static native void wasmtime_global_get(Pointer context, Pointer global, Pointer out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_global_set(Pointer context, Pointer global, Pointer value);

  /** Caller owns. */
  public static native Pointer wasmtime_global_type(Pointer context, Pointer global);

  // tables
  /** Returns an error or null. */
  public static native Pointer wasmtime_table_new(
      Pointer context, Pointer tableType, Pointer init, Pointer out);

  public static native byte wasmtime_table_get(
      Pointer context, Pointer table, long index, Pointer out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_table_set(
      Pointer context, Pointer table, long index, Pointer value);

  public static native long wasmtime_table_size(Pointer context, Pointer table);

  /** Returns an error or null. */
  public static native Pointer wasmtime_table_grow(
      Pointer context, Pointer table, long delta, Pointer init, long[] previous);

  /** Caller owns. */
  public static native Pointer wasmtime_table_type(Pointer context, Pointer table);

  // references
  /** Returns whether it succeeded; {@code out} is rooted and must be unrooted. */
  public static native byte wasmtime_externref_new(
      Pointer context, Pointer data, Finalizer finalizer, Pointer out);

  public static native Pointer wasmtime_externref_data(Pointer context, Pointer ref);

  /** Unroots every reference inside a {@code wasmtime_val_t}. */
  public static native void wasmtime_val_unroot(Pointer val);

  // GC references (anyref, structref, arrayref): each out-parameter is a new root the caller
  // unroots; the *_unroot functions need no store and are safe from any thread.
  public static native void wasmtime_anyref_clone(Pointer ref, Pointer out);

  public static native void wasmtime_anyref_unroot(Pointer ref);

  public static native void wasmtime_anyref_from_i31(Pointer context, int i31, Pointer out);

  public static native byte wasmtime_anyref_is_i31(Pointer context, Pointer ref);

  public static native byte wasmtime_anyref_i31_get_u(Pointer context, Pointer ref, int[] out);

  public static native byte wasmtime_anyref_is_struct(Pointer context, Pointer ref);

  public static native byte wasmtime_anyref_as_struct(Pointer context, Pointer ref, Pointer out);

  public static native byte wasmtime_anyref_is_array(Pointer context, Pointer ref);

  public static native byte wasmtime_anyref_as_array(Pointer context, Pointer ref, Pointer out);

  public static native void wasmtime_structref_unroot(Pointer ref);

  public static native void wasmtime_structref_to_anyref(Pointer ref, Pointer out);

  public static native void wasmtime_arrayref_unroot(Pointer ref);

  public static native void wasmtime_arrayref_to_anyref(Pointer ref, Pointer out);

  /** Caller owns; {@code fields} is an array of {@code wasmtime_field_type_t}, borrowed. */
  public static native Pointer wasmtime_struct_type_new(Pointer engine, Pointer fields, long n);

  public static native void wasmtime_struct_type_delete(Pointer type);

  public static native long wasmtime_struct_type_num_fields(Pointer type);

  /** Fills {@code out} (a {@code wasmtime_field_type_t} the caller deletes). */
  public static native byte wasmtime_struct_type_field(Pointer type, long index, Pointer out);

  /** Caller owns. */
  public static native Pointer wasmtime_array_type_new(Pointer engine, Pointer field);

  public static native void wasmtime_array_type_delete(Pointer type);

  public static native void wasmtime_array_type_element(Pointer type, Pointer out);

  /** Frees what a {@code wasmtime_field_type_t} holds (not the struct itself). */
  public static native void wasmtime_field_type_delete(Pointer field);

  /** Caller owns. */
  public static native Pointer wasmtime_struct_ref_pre_new(Pointer context, Pointer type);

  public static native void wasmtime_struct_ref_pre_delete(Pointer pre);

  /** Returns an error or null. */
  public static native Pointer wasmtime_structref_new(
      Pointer context, Pointer pre, Pointer fields, long n, Pointer out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_structref_field(
      Pointer context, Pointer ref, long index, Pointer out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_structref_set_field(
      Pointer context, Pointer ref, long index, Pointer value);

  /** Caller owns. */
  public static native Pointer wasmtime_structref_type(Pointer context, Pointer ref);

  /** Caller owns. */
  public static native Pointer wasmtime_array_ref_pre_new(Pointer context, Pointer type);

  public static native void wasmtime_array_ref_pre_delete(Pointer pre);

  /** Returns an error or null. */
  public static native Pointer wasmtime_arrayref_new(
      Pointer context, Pointer pre, Pointer elem, int len, Pointer out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_arrayref_len(Pointer context, Pointer ref, int[] out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_arrayref_get(
      Pointer context, Pointer ref, int index, Pointer out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_arrayref_set(
      Pointer context, Pointer ref, int index, Pointer value);

  /** Caller owns. */
  public static native Pointer wasmtime_arrayref_type(Pointer context, Pointer ref);

  // exceptions and tags
  public static native void wasmtime_exnref_clone(Pointer ref, Pointer out);

  public static native void wasmtime_exnref_unroot(Pointer ref);

  /** Returns an error or null. */
  public static native Pointer wasmtime_exnref_new(
      Pointer context, Pointer tag, Pointer fields, long n, Pointer out);

  /** Returns an error or null. */
  public static native Pointer wasmtime_exnref_tag(Pointer context, Pointer ref, Pointer tagOut);

  public static native long wasmtime_exnref_field_count(Pointer context, Pointer ref);

  /** Returns an error or null. */
  public static native Pointer wasmtime_exnref_field(
      Pointer context, Pointer ref, long index, Pointer out);

  /** Returns the trap a host callback must return to throw {@code exn}; caller owns it. */
  public static native Pointer wasmtime_context_set_exception(Pointer context, Pointer exn);

  /** Moves the pending exception into {@code out} (a new root); false when there is none. */
  public static native byte wasmtime_context_take_exception(Pointer context, Pointer out);

  public static native byte wasmtime_context_has_exception(Pointer context);

  /** Caller owns; takes ownership of {@code functype}. */
  public static native Pointer wasm_tagtype_new(Pointer functype);

  public static native void wasm_tagtype_delete(Pointer type);

  /** Borrowed from the tag type. */
  public static native Pointer wasm_tagtype_functype(Pointer type);

  public static native Pointer wasm_externtype_as_tagtype_const(Pointer type);

  /** Returns an error or null. */
  public static native Pointer wasmtime_tag_new(Pointer context, Pointer type, Pointer out);

  /** Caller owns. */
  public static native Pointer wasmtime_tag_type(Pointer context, Pointer tag);

  public static native byte wasmtime_tag_eq(Pointer context, Pointer a, Pointer b);

  /** Caller owns; {@code engine} may be null for abstract heap types. */
  public static native Pointer wasmtime_valtype_to_wasm(Pointer engine, Pointer valtype);

  public static native void wasm_valtype_delete(Pointer valtype);

  /** Caller owns. */
  public static native Pointer wasm_functype_copy(Pointer type);

  // components (the component model) and WASI 0.2
  /** Returns an error or null; {@code out} receives a component the caller owns. */
  public static native Pointer wasmtime_component_new(
      Pointer engine, byte[] bytes, long len, long[] out);

  public static native void wasmtime_component_delete(Pointer component);

  /** Caller owns. */
  public static native Pointer wasmtime_component_type(Pointer component);

  public static native void wasmtime_component_type_delete(Pointer type);

  public static native long wasmtime_component_type_import_count(Pointer type, Pointer engine);

  /** The name is borrowed from the type; {@code ext} receives an extern the caller deletes. */
  public static native byte wasmtime_component_type_import_nth(
      Pointer type, Pointer engine, long nth, long[] name, long[] len, long[] ext);

  public static native long wasmtime_component_type_export_count(Pointer type, Pointer engine);

  /** As {@link #wasmtime_component_type_import_nth}. */
  public static native byte wasmtime_component_type_export_nth(
      Pointer type, Pointer engine, long nth, long[] name, long[] len, long[] ext);

  public static native void wasmtime_component_extern_delete(Pointer ext);

  /** Caller owns. */
  public static native Pointer wasmtime_component_linker_new(Pointer engine);

  public static native void wasmtime_component_linker_delete(Pointer linker);

  /** Returns an error or null. */
  public static native Pointer wasmtime_component_linker_add_wasip2(Pointer linker);

  /** Returns an error or null; fills a {@code wasmtime_component_instance_t} at {@code out}. */
  public static native Pointer wasmtime_component_linker_instantiate(
      Pointer linker, Pointer context, Pointer component, Pointer out);

  /** Caller owns, or null when there is no such export; {@code parent} may be null. */
  public static native Pointer wasmtime_component_instance_get_export_index(
      Pointer instance, Pointer context, Pointer parent, byte[] name, long len);

  public static native void wasmtime_component_export_index_delete(Pointer index);

  public static native byte wasmtime_component_instance_get_func(
      Pointer instance, Pointer context, Pointer index, Pointer out);

  /** Returns an error or null; results are the caller's: {@code wasmtime_component_val_delete}. */
  public static native Pointer wasmtime_component_func_call(
      Pointer func, Pointer context, Pointer args, long nargs, Pointer results, long nresults);

  public static native void wasmtime_component_val_delete(Pointer val);

  // component types (out-parameters of valtype/item type are caller-owned: *_delete them)
  /** Fills the {@code wasmtime_component_item_t} at {@code out}; free with item_delete. */
  public static native void wasmtime_component_extern_type(Pointer ext, Pointer out);

  public static native void wasmtime_component_item_delete(Pointer item);

  public static native long wasmtime_component_instance_type_export_count(
      Pointer type, Pointer engine);

  /** The name is borrowed from the type; {@code ext} receives an extern the caller deletes. */
  public static native byte wasmtime_component_instance_type_export_nth(
      Pointer type, Pointer engine, long nth, long[] name, long[] len, long[] ext);

  public static native long wasmtime_component_func_type_param_count(Pointer type);

  /** Fills a valtype at {@code out} the caller deletes; the name is borrowed. */
  public static native byte wasmtime_component_func_type_param_nth(
      Pointer type, long nth, long[] name, long[] len, Pointer out);

  /** Fills a valtype at {@code out} when the function has a result. */
  public static native byte wasmtime_component_func_type_result(Pointer type, Pointer out);

  public static native void wasmtime_component_valtype_delete(Pointer valtype);

  public static native void wasmtime_component_list_type_element(Pointer type, Pointer out);

  public static native long wasmtime_component_record_type_field_count(Pointer type);

  public static native byte wasmtime_component_record_type_field_nth(
      Pointer type, long nth, long[] name, long[] len, Pointer out);

  public static native long wasmtime_component_tuple_type_types_count(Pointer type);

  public static native byte wasmtime_component_tuple_type_types_nth(
      Pointer type, long nth, Pointer out);

  public static native long wasmtime_component_variant_type_case_count(Pointer type);

  public static native byte wasmtime_component_variant_type_case_nth(
      Pointer type, long nth, long[] name, long[] len, byte[] hasPayload, Pointer out);

  public static native long wasmtime_component_enum_type_names_count(Pointer type);

  public static native byte wasmtime_component_enum_type_names_nth(
      Pointer type, long nth, long[] name, long[] len);

  public static native void wasmtime_component_option_type_ty(Pointer type, Pointer out);

  public static native byte wasmtime_component_result_type_ok(Pointer type, Pointer out);

  public static native byte wasmtime_component_result_type_err(Pointer type, Pointer out);

  public static native long wasmtime_component_flags_type_names_count(Pointer type);

  public static native byte wasmtime_component_flags_type_names_nth(
      Pointer type, long nth, long[] name, long[] len);

  /** Caller owns. */
  public static native Pointer wasmtime_component_resource_type_clone(Pointer type);

  public static native byte wasmtime_component_resource_type_equal(Pointer a, Pointer b);

  public static native void wasmtime_component_resource_type_delete(Pointer type);

  /** Caller owns: a host resource type numbered {@code ty}. */
  public static native Pointer wasmtime_component_resource_type_new_host(int ty);

  // component values
  /** Moves the value at {@code src} into a new box (leaving {@code false} behind). */
  public static native Pointer wasmtime_component_val_new(Pointer src);

  /** Moves {@code size} values from {@code data} into a new list at {@code out}. */
  public static native void wasmtime_component_vallist_new(Pointer out, long size, Pointer data);

  /** Moves {@code size} record entries (name, value) from {@code data} into {@code out}. */
  public static native void wasmtime_component_valrecord_new(Pointer out, long size, Pointer data);

  /** As {@link #wasmtime_component_vallist_new}. */
  public static native void wasmtime_component_valtuple_new(Pointer out, long size, Pointer data);

  /** Moves {@code size} names from {@code data} into {@code out}. */
  public static native void wasmtime_component_valflags_new(Pointer out, long size, Pointer data);

  /** Returns an error or null. */
  public static native Pointer wasmtime_component_func_post_return(Pointer func, Pointer context);

  // component linking
  /**
   * Borrowed from the linker, which is locked until {@link
   * #wasmtime_component_linker_instance_delete}.
   */
  public static native Pointer wasmtime_component_linker_root(Pointer linker);

  /** Returns an error or null; {@code out} receives a linker instance the caller deletes. */
  public static native Pointer wasmtime_component_linker_instance_add_instance(
      Pointer instance, byte[] name, long len, long[] out);

  /**
   * {@code wasmtime_error_t* (*)(void* env, wasmtime_context_t*, const
   * wasmtime_component_func_type_t*, wasmtime_component_val_t* args, size_t,
   * wasmtime_component_val_t* results, size_t)}: a component host function.
   */
  public interface ComponentFuncCallback extends Callback {
    /** Runs it; returns an error or null. */
    Pointer invoke(
        Pointer env,
        Pointer context,
        Pointer type,
        Pointer args,
        long nargs,
        Pointer results,
        long nresults);
  }

  /** {@code wasmtime_error_t* (*)(void* env, wasmtime_context_t*, uint32_t rep)}. */
  public interface ResourceDestructor extends Callback {
    /** Drops the host resource {@code rep}; returns an error or null. */
    Pointer invoke(Pointer env, Pointer context, int rep);
  }

  /** Returns an error or null. */
  public static native Pointer wasmtime_component_linker_instance_add_func(
      Pointer instance,
      byte[] name,
      long len,
      ComponentFuncCallback callback,
      Pointer env,
      Finalizer finalizer);

  /** Returns an error or null. */
  public static native Pointer wasmtime_component_linker_instance_add_resource(
      Pointer instance,
      byte[] name,
      long len,
      Pointer type,
      ResourceDestructor destructor,
      Pointer env,
      Finalizer finalizer);

  public static native void wasmtime_component_linker_instance_delete(Pointer instance);

  // resources
  /** Caller owns. */
  public static native Pointer wasmtime_component_resource_any_type(Pointer resource);

  /** Caller owns. */
  public static native Pointer wasmtime_component_resource_any_clone(Pointer resource);

  public static native byte wasmtime_component_resource_any_owned(Pointer resource);

  /** Returns an error or null. */
  public static native Pointer wasmtime_component_resource_any_drop(
      Pointer context, Pointer resource);

  public static native void wasmtime_component_resource_any_delete(Pointer resource);

  /** Caller owns. */
  public static native Pointer wasmtime_component_resource_host_new(byte owned, int rep, int type);

  public static native int wasmtime_component_resource_host_rep(Pointer resource);

  public static native int wasmtime_component_resource_host_type(Pointer resource);

  public static native byte wasmtime_component_resource_host_owned(Pointer resource);

  public static native void wasmtime_component_resource_host_delete(Pointer resource);

  /** Returns an error or null; {@code out} receives a host resource the caller deletes. */
  public static native Pointer wasmtime_component_resource_any_to_host(
      Pointer context, Pointer resource, long[] out);

  /** Returns an error or null; {@code out} receives a resource the caller deletes. */
  public static native Pointer wasmtime_component_resource_host_to_any(
      Pointer context, Pointer resource, long[] out);
}
