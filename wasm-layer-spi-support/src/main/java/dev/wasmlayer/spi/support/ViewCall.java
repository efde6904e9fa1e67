package dev.wasmlayer.spi.support;

/**
 * The one engine call a typed view makes, written by a backend's function class: up to two numeric
 * arguments of one kind, at most one numeric result. Each view passes every argument as a literal,
 * so once the JIT inlines this call (one implementation per backend, so the call site stays
 * monomorphic) nothing here is looked at per call.
 */
public interface ViewCall {
  /** No result. */
  int VOID = 0;

  /** An i32, sign-extended into the long. */
  int I32 = 1;

  /** An i64. */
  int I64 = 2;

  /** An f64, as its raw bits. */
  int F64 = 3;

  /**
   * Calls the function.
   *
   * @param n how many arguments (0, 1 or 2)
   * @param a the first argument (an i32 sign-extended, an f64 as raw bits), or 0
   * @param b the second argument, or 0
   * @param argKind the arguments' kind: {@link #I32}, {@link #I64} or {@link #F64} (any when {@code
   *     n} is 0)
   * @param resultKind the result's kind, or {@link #VOID}
   * @return the result as {@code a} is passed, or anything for {@link #VOID}
   */
  long viewCall(int n, long a, long b, int argKind, int resultKind);
}
