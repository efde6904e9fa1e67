package dev.wasmlayer.wasi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory visible to the guest.
 *
 * @param hostPath the directory on the host
 * @param guestPath where the guest sees it
 * @param readOnly whether the guest may only read
 */
public record Preopen(Path hostPath, String guestPath, boolean readOnly) {
  /** Checks arguments. */
  public Preopen {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(guestPath, "guestPath");
  }
}
