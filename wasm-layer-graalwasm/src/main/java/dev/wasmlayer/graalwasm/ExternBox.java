package dev.wasmlayer.graalwasm;

/**
 * An externref's Java object on its way through GraalWasm. Boxed because polyglot interop would
 * treat a String or a boxed number as a guest primitive and hand back an equal copy; a box is
 * always a host object, so the very object comes back.
 */
final class ExternBox {
  final Object object;

  ExternBox(Object object) {
    this.object = object;
  }
}
