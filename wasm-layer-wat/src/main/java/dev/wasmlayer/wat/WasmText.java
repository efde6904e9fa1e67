package dev.wasmlayer.wat;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.spi.WasmBytes;

/**
 * WebAssembly text for engines that take only binaries: wasm-layer's own assembler (no native code,
 * no dependencies; checked against every text module of the spec suite), so text behaves the same
 * on each of them.
 */
public final class WasmText {
  private WasmText() {}

  /**
   * {@return {@code bytes} as a binary module: assembled when it is text, else unchanged}
   *
   * @param bytes text or binary bytes
   * @throws CompileException ({@link CompileException.Reason#MALFORMED}) naming line, column and
   *     problem
   */
  public static byte[] toBinary(byte[] bytes) {
    if (WasmBytes.isBinary(bytes) || !WasmBytes.looksLikeText(bytes)) {
      return bytes;
    }
    try {
      return Wat.toBinary(bytes);
    } catch (WatException e) {
      throw new CompileException(
          CompileException.Reason.MALFORMED, "malformed WebAssembly text: " + e.getMessage(), e);
    }
  }
}
