package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Func;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.types.FuncType;
import java.util.List;

/**
 * {@code canon lower}: the core function a guest calls for a component function. It lifts the
 * arguments out of the guest, calls the function with Java values and lowers the result back.
 */
final class Lowering {
  private Lowering() {}

  static LoweredCore of(
      InstanceState instance,
      CFunc target,
      WitFuncType type,
      GuestMemory memory,
      Func realloc,
      StringEncoding encoding) {
    FuncType coreType = Abi.loweredCoreType(type);
    List<WitType> params = Abi.paramTypes(type);
    boolean flatParams = Abi.flatten(params).size() <= Abi.MAX_FLAT_PARAMS;
    boolean flatResults = Abi.flatten(Abi.resultTypes(type)).size() <= Abi.MAX_FLAT_RESULTS;
    int outPtrSlot = coreType.params().size() - 1;
    RawHostFunction<Object> fn =
        (caller, slots) -> {
          CallContext cx = new CallContext(instance, memory, realloc, encoding);
          Lifter lifter = new Lifter(cx);
          Object[] args = new Object[params.size()];
          if (flatParams) {
            FlatCursor in = new FlatCursor(slots);
            for (int i = 0; i < args.length; i++) {
              args[i] = lifter.flat(params.get(i), in);
            }
          } else {
            List<?> tuple = (List<?>) lifter.load(new TupleType(params), slots[0] & 0xFFFF_FFFFL);
            args = tuple.toArray();
          }
          long outPtr = flatResults ? 0 : slots[outPtrSlot] & 0xFFFF_FFFFL;
          Object result = target.invoke(args);
          if (type.result().isPresent()) {
            WitType rt = type.result().get();
            JavaValues.check(result, rt, instance, "result of " + type);
            Lowerer lowerer = new Lowerer(cx);
            if (flatResults) {
              lowerer.flat(result, rt, new FlatCursor(slots), "result");
            } else {
              GuestMemory.checkAligned(outPtr, Abi.align(rt));
              lowerer.store(result, rt, outPtr, "result");
            }
          }
        };
    return new LoweredCore(coreType, fn);
  }
}
