/**
 * The wasmtime backend: {@link dev.wasmlayer.wasmtime.WasmtimeEngineProvider} (id {@code wasmtime}) and package-private
 * adapters over the official wasmtime 49.0.0 C API. How the library is found: see {@code WasmtimeLibrary} (property
 * {@code dev.wasmlayer.wasmtime.library}, environment variable {@code WASMTIME_LIB_PATH}, a natives jar, the system
 * library path, then {@code ~/.cache/wasm-layer}, which {@code scripts/provision-wasmtime.sh} fills).
 *
 * <p>Options ({@link dev.wasmlayer.EngineConfig#options()}): {@code wasmtime.maxWasmStack} (bytes, default 524288) and
 * {@code wasmtime.signalsBasedTraps} ({@code true} by default; {@code false} installs no signal handlers and uses
 * explicit bounds checks).
 */
package dev.wasmlayer.wasmtime;
