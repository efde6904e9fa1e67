package dev.wasmlayer.component;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code result<ok, err>}; either side may have no payload.
 *
 * @param ok the success payload type, empty for none
 * @param err the error payload type, empty for none
 */
public record ResultType(Optional<WitType> ok, Optional<WitType> err) implements WitType {
  /** Checks both are given. */
  public ResultType {
    Objects.requireNonNull(ok, "ok");
    Objects.requireNonNull(err, "err");
  }

  @Override
  public String toString() {
    return "result<"
        + ok.map(String::valueOf).orElse("_")
        + ", "
        + err.map(String::valueOf).orElse("_")
        + ">";
  }
}
