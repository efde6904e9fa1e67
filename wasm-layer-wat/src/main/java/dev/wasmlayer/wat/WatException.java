package dev.wasmlayer.wat;

/** WebAssembly text that does not parse, with where. */
final class WatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WatException(Sexp at, String message) {
    super(at == null ? message : at.line + ":" + at.column + ": " + message);
  }
}
