package dev.wasmlayer;

/**
 * Capabilities an engine declares. A module that needs a feature the engine lacks fails at {@link
 * dev.wasmlayer.Engine#compile(byte[])} with {@link dev.wasmlayer.UnsupportedFeatureException}
 * where the engine can tell then; an API call the engine cannot serve throws it at the call.
 */
public enum Feature {
  /** Multiple results and block parameters. */
  MULTI_VALUE,
  /** Bulk memory operations (memory.copy, memory.fill, passive segments). */
  BULK_MEMORY,
  /** Sign-extension operators. */
  SIGN_EXTENSION,
  /** Saturating float-to-int conversions. */
  NON_TRAPPING_FLOAT_TO_INT,
  /** Import and export of mutable globals. */
  MUTABLE_GLOBALS,
  /** funcref/externref values, tables of references, several tables, and their host API. */
  REFERENCE_TYPES,
  /** 128-bit SIMD instructions, and v128 values at the host boundary. */
  SIMD,
  /** Relaxed SIMD instructions. */
  RELAXED_SIMD,
  /** return_call and friends. */
  TAIL_CALLS,
  /** Shared memories and atomics. */
  THREADS,
  /** 64-bit memory (and table) addresses. */
  MEMORY64,
  /** More than one memory per module. */
  MULTI_MEMORY,
  /**
   * Exception handling (try_table, throw, exnref), and at the host boundary: {@link Tag}s as
   * externs, {@link ExnRef} values, {@link ThrownException} both ways.
   */
  EXCEPTIONS,
  /** Typed function references (call_ref, non-null references). */
  FUNCTION_REFERENCES,
  /**
   * Garbage-collected structs, arrays and i31, and at the host boundary: anyref, eqref, i31ref,
   * structref and arrayref values ({@link I31Ref}, {@link StructRef}, {@link ArrayRef}, host
   * objects as anyref), and {@link Store#newStruct}/{@link Store#newArray}.
   */
  GC,
  /** Extended constant expressions. */
  EXTENDED_CONST,
  /**
   * The component model: {@link Engine#compileComponent}, {@link Store#instantiate(Component,
   * dev.wasmlayer.component.ComponentImports)} with host functions and resources typed by WIT, and
   * typed calls to a component's exports.
   */
  COMPONENTS,
  /**
   * WASI 0.2 for components, from the store's {@link dev.wasmlayer.wasi.WasiConfig}: {@link
   * dev.wasmlayer.component.ComponentImports.Builder#wasi()} and commands run with {@link
   * dev.wasmlayer.wasi.Wasi#run(Store, Component)}. Needs {@link #COMPONENTS}.
   */
  WASI_COMPONENTS,
  /**
   * Component text format accepted by {@link Engine#compileComponent}. Needs {@link #COMPONENTS}.
   */
  COMPONENT_TEXT,
  /** WASI preview 1. */
  WASI,
  /**
   * A WASI clock and random source given as Java objects ({@link
   * dev.wasmlayer.wasi.WasiConfig.Builder#clock}).
   */
  WASI_HOST_SOURCES,
  /** WebAssembly text format accepted by {@code compile}. */
  WAT,
  /** Fuel metering. */
  FUEL,
  /** Interrupting running code from another thread, and deadlines. */
  INTERRUPTION,
  /**
   * A cap on the size of a store's memories together ({@link
   * dev.wasmlayer.StoreConfig#maxMemoryBytes()}).
   */
  MEMORY_LIMITS,
  /**
   * Keeping compiled code between compiles and processes ({@link
   * dev.wasmlayer.EngineConfig.Builder#cache}).
   */
  SERIALIZATION,
  /** Wasm stack frames on traps. */
  TRAP_FRAMES,
  /**
   * A host function called from a module's start section sees that instance's exports through its
   * {@link dev.wasmlayer.Caller} (engines without it bind the caller once instantiation returns).
   */
  START_CALLER,
  /**
   * A pooling instance allocator ({@link dev.wasmlayer.EngineConfig.Builder#pooling}): instances,
   * memories and tables from slots reserved once and reused.
   */
  POOLING_ALLOCATOR
}
