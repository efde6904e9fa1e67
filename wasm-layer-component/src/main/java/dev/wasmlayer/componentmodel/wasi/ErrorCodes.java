package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.wasihost.SandboxFailure;
import java.util.Map;

/**
 * Preview 1's error numbers as {@code wasi:filesystem/types.error-code} cases: the sandbox answers
 * in preview 1's numbers, so both versions refuse the same things the same way.
 */
final class ErrorCodes {
  /** Preview 1's numbers this package raises itself. */
  static final int FBIG = 22;

  static final int ISDIR = 31;
  static final int MFILE = 33;
  static final int NOTDIR = 54;

  /** Preview 1 errno to the WASI 0.2 case with the same meaning. */
  private static final Map<Integer, String> CODES =
      Map.ofEntries(
          Map.entry(2, "access"),
          Map.entry(6, "would-block"),
          Map.entry(7, "already"),
          Map.entry(8, "bad-descriptor"),
          Map.entry(10, "busy"),
          Map.entry(16, "deadlock"),
          Map.entry(19, "quota"),
          Map.entry(20, "exist"),
          Map.entry(22, "file-too-large"),
          Map.entry(25, "illegal-byte-sequence"),
          Map.entry(26, "in-progress"),
          Map.entry(27, "interrupted"),
          Map.entry(28, "invalid"),
          Map.entry(29, "io"),
          Map.entry(31, "is-directory"),
          Map.entry(32, "loop"),
          Map.entry(34, "too-many-links"),
          Map.entry(35, "message-size"),
          Map.entry(37, "name-too-long"),
          Map.entry(43, "no-device"),
          Map.entry(44, "no-entry"),
          Map.entry(46, "no-lock"),
          Map.entry(48, "insufficient-memory"),
          Map.entry(51, "insufficient-space"),
          Map.entry(52, "unsupported"),
          Map.entry(54, "not-directory"),
          Map.entry(55, "not-empty"),
          Map.entry(56, "not-recoverable"),
          Map.entry(58, "unsupported"),
          Map.entry(59, "no-tty"),
          Map.entry(60, "no-such-device"),
          Map.entry(61, "overflow"),
          Map.entry(63, "not-permitted"),
          Map.entry(64, "pipe"),
          Map.entry(69, "read-only"),
          Map.entry(70, "invalid-seek"),
          Map.entry(74, "text-file-busy"),
          Map.entry(75, "cross-device"),
          // preview 1's "not capable" (outside the capability) has no case of its own in 0.2
          Map.entry(76, "not-permitted"));

  private ErrorCodes() {}

  /** {@return the error-code case for preview 1's {@code errno}; {@code io} when none fits} */
  static String of(int errno) {
    return CODES.getOrDefault(errno, "io");
  }

  static String of(SandboxFailure f) {
    return of(f.errno());
  }

  /** The {@code error-code} enum's cases, in WIT order. */
  static final String[] ALL = {
    "access",
    "would-block",
    "already",
    "bad-descriptor",
    "busy",
    "deadlock",
    "quota",
    "exist",
    "file-too-large",
    "illegal-byte-sequence",
    "in-progress",
    "interrupted",
    "invalid",
    "io",
    "is-directory",
    "loop",
    "too-many-links",
    "message-size",
    "name-too-long",
    "no-device",
    "no-entry",
    "no-lock",
    "insufficient-memory",
    "insufficient-space",
    "not-directory",
    "not-empty",
    "not-recoverable",
    "unsupported",
    "no-tty",
    "no-such-device",
    "overflow",
    "not-permitted",
    "pipe",
    "read-only",
    "invalid-seek",
    "text-file-busy",
    "cross-device"
  };
}
