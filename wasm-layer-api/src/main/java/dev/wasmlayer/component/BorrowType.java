package dev.wasmlayer.component;

import java.util.Objects;

/**
 * {@code borrow<resource>}: a handle lent for the length of one call.
 *
 * @param resource the resource type
 */
public record BorrowType(ResourceType resource) implements WitType {
  /** Checks the resource is given. */
  public BorrowType {
    Objects.requireNonNull(resource, "resource");
  }

  @Override
  public String toString() {
    return "borrow<" + resource.name() + ">";
  }
}
