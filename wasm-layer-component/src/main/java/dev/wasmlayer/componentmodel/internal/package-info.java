/**
 * The component model in Java, not exported, on the layer's core API only.
 *
 * <ul>
 *   <li>Parsing: {@code ComponentParser} reads the sections in order into {@code Def}s (one per
 *       index-space entry) with static types ({@code Item}, {@code TypeDef}, {@code TypeReader},
 *       {@code TypeScope}), validates indices, types and canonical options, bounds value types
 *       ({@code TypeLimits}) and compiles each core module with the engine once.
 *   <li>Instantiation: {@code Instantiator} replays the definitions into run-time index spaces;
 *       core modules are instantiated with {@code Store.instantiate}, {@code canon lower} and the
 *       resource built-ins become raw host functions ({@code Lowering}, {@code ResourceBuiltins}),
 *       {@code canon lift} a {@code LiftedFunc}. Imports come from {@code ComponentImports} and the
 *       store's WASI 0.2 host ({@code HostImports}) or a parent's arguments.
 *   <li>Canonical ABI: {@code Abi} (layout, flattening), {@code Lowerer} and {@code Lifter} (flat
 *       and in memory), {@code Strings} (UTF-8, UTF-16, latin1+UTF-16), {@code GuestMemory} (every
 *       access bounds-checked first), {@code JavaValues} (the Java mapping, checked before guest
 *       code runs).
 *   <li>Resources: {@code HandleTable} per instance, {@code Handle}, {@code GuestResourceImpl}.
 * </ul>
 *
 * <p>Not supported (refused as INVALID when compiling): component values and start functions, async
 * (futures, streams, error-context, async options and built-ins), fixed-length lists, core modules
 * and components imported or exported through instances. Resource types are per component rather
 * than per instance.
 */
package dev.wasmlayer.componentmodel.internal;
