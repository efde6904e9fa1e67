package dev.wasmlayer;

/** How an engine runs code. */
public enum ExecutionStrategy {
  /** The engine's fastest available mode (its compiler where it has one). */
  AUTO,
  /** Compile to machine code or JVM bytecode ahead of running. */
  COMPILER,
  /** Interpret. */
  INTERPRETER
}
