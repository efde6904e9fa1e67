/**
 * wasm-layer's user API: write host code once, run it on any WebAssembly engine on the class path.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create();                 // -Ddev.wasmlayer.engine=chicory to choose
 *      Store<Void> store = engine.newStore(null)) {
 *   Module module = engine.compile(wasmBytes);
 *   Imports imports = Imports.builder()
 *       .func("env", "hello", FuncType.of(List.of(), List.of()), (caller, args) -> {
 *         System.out.println("Hello from Java, WebAssembly!");
 *         return Value.NONE;
 *       })
 *       .build();
 *   Instance instance = store.instantiate(module, imports);
 *   instance.func("run").orElseThrow().call();
 * }
 * }</pre>
 *
 * <p>Null policy: no method accepts {@code null} (except store user data) or returns it; lookups that may miss return
 * {@link java.util.Optional}. Arguments are checked and a {@code null} throws {@link NullPointerException} naming it.
 *
 * <p>Errors: every WebAssembly failure is a {@link WasmException}: {@link CompileException}, {@link LinkException},
 * {@link TrapException} (with a {@link TrapKind}), {@link ExitException}, {@link UnsupportedFeatureException} and
 * {@link NoEngineException}. Using a closed object throws {@link IllegalStateException}.
 */
package dev.wasmlayer;
