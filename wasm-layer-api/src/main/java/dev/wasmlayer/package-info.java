/**
 * wasm-layer's user API: write host code once, run it on any WebAssembly engine on the class path.
 *
 * <pre>{@code
 * byte[] wasm = """
 *     (module
 *       (import "env" "hello" (func $hello))
 *       (func (export "run") call $hello))
 *     """.getBytes(StandardCharsets.UTF_8);                 // WebAssembly text or binary, on every engine
 * try (Engine engine = Engine.create();                     // -Ddev.wasmlayer.engine=chicory to choose
 *      Store<Void> store = engine.newStore(null);
 *      Module module = engine.compile(wasm)) {
 *   Imports imports = Imports.builder()
 *       .func("env", "hello", Runnable.class, () -> System.out.println("Hello from Java, WebAssembly!"))
 *       .build();                                           // or bind("env", object) for @WasmImport methods
 *   Instance instance = store.instantiate(module, imports);
 *   instance.func("run").orElseThrow().call();
 * }
 * }</pre>
 *
 * <p>This example runs as written: {@code PackageExample} in {@code wasm-layer-examples}, tested by
 * {@code PackageExampleTest}.
 *
 * <p>Null policy: no method accepts {@code null} (except store user data) or returns it; lookups
 * that may miss return {@link java.util.Optional}. Arguments are checked and a {@code null} throws
 * {@link NullPointerException} naming it.
 *
 * <p>Errors: every WebAssembly failure is a {@link WasmException}: {@link CompileException}, {@link
 * LinkException}, {@link TrapException} (with a {@link TrapKind}), {@link ExitException}, {@link
 * UnsupportedFeatureException} and {@link NoEngineException}. Using a closed object throws {@link
 * IllegalStateException}.
 */
package dev.wasmlayer;
