package dev.wasmlayer.wasmtime.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A SHA-256 that counts the bytes it is given, so a test can tell whether a library was read to be
 * hashed.
 */
final class CountingSha256 extends MessageDigest {
  private final MessageDigest real;
  private final AtomicLong counter;

  CountingSha256(AtomicLong counter) {
    super("SHA-256");
    this.counter = counter;
    try {
      real = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected void engineUpdate(byte input) {
    counter.incrementAndGet();
    real.update(input);
  }

  @Override
  protected void engineUpdate(byte[] input, int offset, int len) {
    counter.addAndGet(len);
    real.update(input, offset, len);
  }

  @Override
  protected byte[] engineDigest() {
    return real.digest();
  }

  @Override
  protected void engineReset() {
    real.reset();
  }
}
