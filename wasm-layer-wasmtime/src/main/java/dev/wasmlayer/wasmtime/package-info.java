/**
 * The wasmtime backend: {@link dev.wasmlayer.wasmtime.WasmtimeEngineProvider} (id {@code wasmtime})
 * and package-private adapters over the official wasmtime 49.0.0 C API. How the library is found:
 * see {@code WasmtimeLibrary} (property {@code dev.wasmlayer.wasmtime.library}, environment
 * variable {@code WASMTIME_LIB_PATH}, the natives jar {@code
 * dev.wasmlayer:wasm-layer-wasmtime-natives} with the platform's classifier, extracted once into a
 * content-addressed directory under {@code ~/.cache/wasm-layer}, the system library path, then
 * {@code ~/.cache/wasm-layer/wasmtime-49.0.0/<platform>/}).
 *
 * <p>Options ({@link dev.wasmlayer.EngineConfig#options()}): {@code wasmtime.maxWasmStack} (bytes,
 * default 524288) and {@code wasmtime.signalsBasedTraps} ({@code true} by default; {@code false}
 * installs no signal handlers and uses explicit bounds checks).
 */
package dev.wasmlayer.wasmtime;
