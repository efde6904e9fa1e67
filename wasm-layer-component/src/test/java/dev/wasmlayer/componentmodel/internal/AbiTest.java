package dev.wasmlayer.componentmodel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sizes, alignments and flattenings of the canonical ABI, as its specification computes them. */
class AbiTest {
  private static RecordType record(WitType... types) {
    return new RecordType(
        IntStream.range(0, types.length)
            .mapToObj(i -> new RecordType.Field("f" + i, types[i]))
            .toList());
  }

  private static VariantType variant(WitType... payloads) {
    return new VariantType(
        IntStream.range(0, payloads.length)
            .mapToObj(i -> new VariantType.Case("c" + i, Optional.ofNullable(payloads[i])))
            .toList());
  }

  @Test
  void sizesAndAlignments() {
    assertEquals(1, Abi.size(WitPrimitive.BOOL));
    assertEquals(4, Abi.size(WitPrimitive.CHAR));
    assertEquals(8, Abi.size(WitPrimitive.STRING));
    assertEquals(4, Abi.align(WitPrimitive.STRING));
    assertEquals(8, Abi.size(new ListType(WitPrimitive.U64)));
    RecordType r = record(WitPrimitive.U8, WitPrimitive.U64, WitPrimitive.U16);
    assertEquals(8, Abi.align(r));
    assertEquals(24, Abi.size(r));
    assertEquals(
        6, Abi.size(new TupleType(List.of(WitPrimitive.U8, WitPrimitive.U16, WitPrimitive.U8))));
    VariantType v =
        variant(null, WitPrimitive.U8, WitPrimitive.F32, WitPrimitive.U64, WitPrimitive.STRING);
    assertEquals(8, Abi.payloadOffset(v));
    assertEquals(16, Abi.size(v));
    assertEquals(1, Abi.size(new EnumType(List.of("a", "b"))));
    assertEquals(
        2, Abi.size(new EnumType(IntStream.range(0, 257).mapToObj(i -> "e" + i).toList())));
    assertEquals(12, Abi.size(new OptionType(WitPrimitive.STRING)));
    assertEquals(1, Abi.size(new ResultType(Optional.empty(), Optional.empty())));
    assertEquals(1, Abi.size(flags(3)));
    assertEquals(2, Abi.size(flags(9)));
    assertEquals(4, Abi.size(flags(17)));
    assertEquals(4, Abi.size(flags(32)));
  }

  private static FlagsType flags(int n) {
    return new FlagsType(IntStream.range(0, n).mapToObj(i -> "f" + i).toList());
  }

  private static List<ValType> flat(WitType t) {
    List<ValType> out = Abi.flatten(List.of(t));
    assertEquals(out.size(), Abi.flatCount(t), "flatCount of " + t);
    return out;
  }

  @Test
  void flattening() {
    assertEquals(List.of(ValType.I32, ValType.I32), flat(WitPrimitive.STRING));
    assertEquals(
        List.of(ValType.I32, ValType.I32, ValType.I32), flat(new OptionType(WitPrimitive.STRING)));
    assertEquals(
        List.of(ValType.I32, ValType.I64), flat(variant(WitPrimitive.F32, WitPrimitive.U64)));
    assertEquals(
        List.of(ValType.I32, ValType.I32), flat(variant(WitPrimitive.F32, WitPrimitive.U32)));
    assertEquals(List.of(ValType.I32, ValType.F32), flat(variant(WitPrimitive.F32, null)));
    assertEquals(
        List.of(ValType.I32, ValType.I64), flat(variant(WitPrimitive.F64, WitPrimitive.F32)));
    assertEquals(List.of(ValType.I32), flat(new ResultType(Optional.empty(), Optional.empty())));
    assertEquals(List.of(ValType.I32), flat(flags(32)));
  }

  @Test
  void manyParametersGoThroughMemory() {
    WitFuncType many =
        new WitFuncType(
            Collections.nCopies(17, WitFuncType.param("x", WitPrimitive.U32)), Optional.empty());
    assertEquals(FuncType.of(List.of(ValType.I32), List.of()), Abi.liftedCoreType(many));
    WitFuncType pair = WitFuncType.of(new TupleType(List.of(WitPrimitive.U8, WitPrimitive.U8)));
    assertEquals(FuncType.of(List.of(), List.of(ValType.I32)), Abi.liftedCoreType(pair));
    assertEquals(FuncType.of(List.of(ValType.I32), List.of()), Abi.loweredCoreType(pair));
  }
}
