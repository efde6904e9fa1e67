package dev.wasmlayer.wasihost;

import java.io.IOException;

/** One WASI function's body: raw argument slots in, an error number out. */
@FunctionalInterface
interface WasiCall {
  int run(GuestMemory memory, long[] args) throws WasiError, IOException;
}
