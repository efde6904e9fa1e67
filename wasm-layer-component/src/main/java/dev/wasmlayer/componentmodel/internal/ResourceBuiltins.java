package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.List;

/** {@code canon resource.new}, {@code resource.drop} and {@code resource.rep} as core functions. */
final class ResourceBuiltins {
  private ResourceBuiltins() {}

  static LoweredCore of(InstanceState state, Def.ResourceOpKind op, ResourceType declared) {
    RawHostFunction<Object> fn =
        switch (op) {
          case NEW ->
              (caller, slots) -> {
                ResourceType rt = state.resolve(declared);
                int rep = (int) slots[0];
                slots[0] = state.handles.add(new Handle(rt, rep, true, state)) & 0xFFFF_FFFFL;
              };
          case REP ->
              (caller, slots) -> {
                ResourceType rt = state.resolve(declared);
                Handle h = state.handles.get(slots[0] & 0xFFFF_FFFFL, rt);
                slots[0] = ((Integer) h.rep) & 0xFFFF_FFFFL;
              };
          case DROP ->
              (caller, slots) -> {
                ResourceType rt = state.resolve(declared);
                long index = slots[0] & 0xFFFF_FFFFL;
                Handle h = state.handles.get(index, rt);
                if (h.own && h.lends > 0) {
                  throw CanonTrap.other("handle " + index + " is dropped while lent out");
                }
                state.handles.remove(index, rt);
                if (h.own) {
                  InstanceState.destroy(h);
                }
              };
        };
    FuncType type =
        op == Def.ResourceOpKind.DROP
            ? FuncType.of(List.of(ValType.I32), List.of())
            : FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
    return new LoweredCore(type, fn);
  }
}
