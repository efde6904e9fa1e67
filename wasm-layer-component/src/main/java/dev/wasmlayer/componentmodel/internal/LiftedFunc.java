package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Func;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitType;
import java.util.Arrays;
import java.util.List;

/**
 * A core function lifted to a component function ({@code canon lift}): lowers the arguments into
 * the guest, calls the core function through the store (so its call gate, limits and deadline
 * apply), lifts the result and runs the post-return function.
 */
final class LiftedFunc implements CFunc {
  private final InstanceState instance;
  private final WitFuncType type;
  private final Func core;
  private final GuestMemory memory;
  private final Func realloc;
  private final Func postReturn;
  private final StringEncoding encoding;
  private final List<WitType> params;
  private final boolean flatParams;
  private final boolean flatResults;

  LiftedFunc(
      InstanceState instance,
      WitFuncType type,
      Func core,
      GuestMemory memory,
      Func realloc,
      Func postReturn,
      StringEncoding encoding) {
    this.instance = instance;
    this.type = type;
    this.core = core;
    this.memory = memory;
    this.realloc = realloc;
    this.postReturn = postReturn;
    this.encoding = encoding;
    this.params = Abi.paramTypes(type);
    this.flatParams = Abi.flatten(params).size() <= Abi.MAX_FLAT_PARAMS;
    this.flatResults = Abi.flatten(Abi.resultTypes(type)).size() <= Abi.MAX_FLAT_RESULTS;
  }

  @Override
  public WitFuncType type() {
    return type;
  }

  InstanceState instance() {
    return instance;
  }

  @Override
  public Object invoke(Object[] args) {
    instance.enter();
    CallContext cx = new CallContext(instance, memory, realloc, encoding);
    try {
      Lowerer lowerer = new Lowerer(cx);
      long[] slots = new long[Math.max(1, core.type().slotArraySize())];
      if (flatParams) {
        FlatCursor out = new FlatCursor(slots);
        for (int i = 0; i < args.length; i++) {
          lowerer.flat(args[i], params.get(i), out, type.params().get(i).name());
        }
      } else {
        TupleType tuple = new TupleType(params);
        long ptr = cx.alloc(Abi.align(tuple), Abi.size(tuple));
        lowerer.store(Arrays.asList(args), tuple, ptr, "parameters");
        slots[0] = ptr;
      }
      core.callRaw(slots);
      Object result = null;
      if (type.result().isPresent()) {
        Lifter lifter = new Lifter(cx);
        WitType rt = type.result().get();
        result =
            flatResults
                ? lifter.flat(rt, new FlatCursor(slots))
                : lifter.load(rt, slots[0] & 0xFFFF_FFFFL);
      }
      if (postReturn != null) {
        long[] pr = new long[Math.max(1, postReturn.type().slotArraySize())];
        System.arraycopy(slots, 0, pr, 0, core.type().results().size());
        postReturn.callRaw(pr);
      }
      if (!cx.endCall()) {
        throw CanonTrap.other(
            "a borrowed handle was not dropped before the call returned (" + type + ")");
      }
      return result;
    } finally {
      cx.endCall();
      instance.leave();
    }
  }
}
