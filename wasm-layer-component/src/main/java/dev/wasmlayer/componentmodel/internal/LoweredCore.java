package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.types.FuncType;

/**
 * A core function the component model makes (a lowered import, a resource built-in): a host
 * function given to the core instances that import it.
 *
 * @param type its core type
 * @param function the code
 */
record LoweredCore(FuncType type, RawHostFunction<Object> function) {}
