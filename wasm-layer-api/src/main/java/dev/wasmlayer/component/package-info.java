/**
 * The component model at the host boundary: WIT types, calls to a component's exports and host
 * functions for its imports, the same on every engine.
 *
 * <p><b>Values.</b> A WIT value crosses as a plain Java object, the same on every engine:
 *
 * <table>
 *   <caption>WIT types and their Java values</caption>
 *   <tr><th>WIT</th><th>Java</th></tr>
 *   <tr><td>bool</td><td>{@link java.lang.Boolean}</td></tr>
 *   <tr><td>s8, u8 / s16, u16 / s32, u32 / s64, u64</td><td>{@code Byte} / {@code Short} /
 *       {@code Integer} / {@code Long}; an unsigned value keeps its bits (u32 4294967295 is
 *       {@code -1}; read it with {@code Integer.toUnsignedLong})</td></tr>
 *   <tr><td>f32, f64</td><td>{@code Float}, {@code Double}</td></tr>
 *   <tr><td>char</td><td>{@code Integer}: the Unicode scalar value (a surrogate is refused)</td></tr>
 *   <tr><td>string</td><td>{@link java.lang.String} (an unpaired surrogate is refused)</td></tr>
 *   <tr><td>list&lt;T&gt;</td><td>of s8/u8, s16/u16, s32/u32, s64/u64, f32, f64: a primitive array
 *       ({@code byte[]} … {@code double[]}); of anything else a {@link java.util.List}. Either form
 *       is accepted going in.</td></tr>
 *   <tr><td>record</td><td>{@link java.util.Map} from field name to value, in field order</td></tr>
 *   <tr><td>tuple</td><td>{@link java.util.List}</td></tr>
 *   <tr><td>variant</td><td>{@link WitVariant}</td></tr>
 *   <tr><td>enum</td><td>the case name, a {@link java.lang.String}</td></tr>
 *   <tr><td>option&lt;T&gt;</td><td>{@link java.util.Optional}</td></tr>
 *   <tr><td>result&lt;T, E&gt;</td><td>{@link WitResult}</td></tr>
 *   <tr><td>flags</td><td>{@link java.util.Set} of the names that are set</td></tr>
 *   <tr><td>own&lt;R&gt;, borrow&lt;R&gt;</td><td>of a host resource ({@link
 *       ResourceType#host}): the host's own Java object; of a guest resource: a {@link
 *       GuestResource}</td></tr>
 * </table>
 *
 * <p>A value of the wrong shape is refused with {@link java.lang.IllegalArgumentException} naming
 * the parameter, before any guest code runs. A function without a result returns {@code null}.
 */
package dev.wasmlayer.component;
