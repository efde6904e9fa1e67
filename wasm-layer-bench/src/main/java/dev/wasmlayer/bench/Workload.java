package dev.wasmlayer.bench;

/**
 * The same work done through the layer or through an engine's own API. Each fork runs one
 * implementation, so calls through this interface are monomorphic and inlined.
 */
interface Workload extends AutoCloseable {
  /** {@code add_one}: one trivial call from Java. */
  int addOne(int x);

  /** Java → wasm → host → wasm: one call that calls the host once. */
  int viaHost(int x);

  /** A wasm loop calling the host {@code n} times. */
  int hostLoop(int n);

  /** Recursive fib. */
  int fib(int n);

  /** A tight arithmetic loop. */
  long xorshift(int n, long x);

  /** FNV-1a over the first {@code len} bytes of memory. */
  int fnv1a(int len);

  /** Copies {@code data} into memory and back out into {@code out}. */
  void copyInOut(byte[] data, byte[] out);

  /** Compiles and instantiates the module in a new store, calls add_one once, frees it all. */
  int compileAndInstantiate(byte[] wasm);

  @Override
  void close();
}
