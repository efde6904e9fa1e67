package dev.wasmlayer.componentmodel.internal;

/** The string encodings of the canonical ABI, in their binary order. */
enum StringEncoding {
  UTF8,
  UTF16,
  LATIN1_UTF16
}
