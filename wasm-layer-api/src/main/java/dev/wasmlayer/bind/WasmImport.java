package dev.wasmlayer.bind;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a host function that WebAssembly can import, for {@link
 * dev.wasmlayer.Imports.Builder#bind(String, Object)}. The wasm type comes from the Java signature:
 * {@code int, long, float, double} are i32, i64, f32, f64; {@link dev.wasmlayer.Func} is funcref;
 * any other object type is externref (null for a null reference); {@code void} is no result; a
 * record returns one result per component; an {@code int[]}, {@code long[]}, {@code float[]} or
 * {@code double[]} returns {@link #results()} results. A first parameter of type {@link
 * dev.wasmlayer.Caller} receives the calling instance; declare it {@code Caller<MyData>} to read
 * the store's data as {@code MyData}.
 *
 * <pre>{@code
 * public final class Console {
 *   @WasmImport(name = "print")
 *   public void print(Caller caller, int ptr, int len) {
 *     System.out.println(caller.memory("memory").orElseThrow().readString(ptr, len));
 *   }
 * }
 * Imports imports = Imports.builder().bind("host", new Console()).build();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WasmImport {
  /** {@return the import's field name; the method's name when empty} */
  String name() default "";

  /** {@return how many results an array-returning method returns; unused (-1) for other methods} */
  int results() default -1;
}
