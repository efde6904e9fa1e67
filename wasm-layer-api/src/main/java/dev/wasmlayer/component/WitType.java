package dev.wasmlayer.component;

/**
 * A WIT value type: what crosses a component's boundary. The Java value of each is listed in {@link
 * dev.wasmlayer.component the package documentation}.
 */
public sealed interface WitType
    permits WitPrimitive,
        ListType,
        RecordType,
        TupleType,
        VariantType,
        EnumType,
        OptionType,
        ResultType,
        FlagsType,
        OwnType,
        BorrowType {}
