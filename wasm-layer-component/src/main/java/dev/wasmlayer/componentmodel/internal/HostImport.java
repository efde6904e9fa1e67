package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentHostFunction;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.WitErrorException;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitResult;

/**
 * A host function given for an import. A {@link WitErrorException} becomes the error of a result
 * type; any other exception traps the caller with {@link TrapKind#HOST} and it as cause.
 */
final class HostImport implements CFunc {
  private final String name;
  private final WitFuncType type;
  private final ComponentHostFunction function;

  HostImport(String name, WitFuncType type, ComponentHostFunction function) {
    this.name = name;
    this.type = type;
    this.function = function;
  }

  @Override
  public WitFuncType type() {
    return type;
  }

  @Override
  public Object invoke(Object[] args) {
    try {
      return function.call(args);
    } catch (WitErrorException e) {
      if (type.result().isPresent() && type.result().get() instanceof ResultType) {
        return WitResult.err(e.error());
      }
      throw new TrapException(TrapKind.HOST, "host function " + name + " threw " + e, e);
    } catch (dev.wasmlayer.WasmException e) {
      throw e; // a trap, or the program's exit, as it is
    } catch (Exception e) {
      throw new TrapException(TrapKind.HOST, "host function " + name + " threw " + e, e);
    }
  }
}
