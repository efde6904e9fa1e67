package dev.wasmlayer.componentmodel.wasi;

import java.util.Optional;

/**
 * The Java object behind a {@code wasi:io/error.error} resource: why a stream operation failed.
 *
 * @param message the debug text {@code to-debug-string} returns
 * @param fsCode the {@code wasi:filesystem/types.error-code} case when a file system operation
 *     failed, else null
 */
record IoError(String message, String fsCode) {
  /** {@return the file system error code, for {@code filesystem-error-code}} */
  Optional<String> filesystemCode() {
    return Optional.ofNullable(fsCode);
  }
}
