/**
 * The component model in Java, not exported: the binary parser and its model ({@code
 * ComponentParser}, {@code TypeReader}, {@code Def}, {@code Item}, {@code TypeDef}), the canonical
 * ABI ({@code Abi}, {@code Lifter}, {@code Lowerer}, {@code Strings}), resources ({@code
 * HandleTable}, {@code GuestResourceImpl}) and instantiation ({@code Instantiator}, {@code
 * LiftedFunc}, {@code Lowering}), all on the layer's core API.
 */
package dev.wasmlayer.componentmodel.internal;
