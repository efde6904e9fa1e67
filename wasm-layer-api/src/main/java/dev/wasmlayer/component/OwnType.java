package dev.wasmlayer.component;

import java.util.Objects;

/**
 * {@code own<resource>}: a handle whose receiver becomes its owner and must drop it.
 *
 * @param resource the resource type
 */
public record OwnType(ResourceType resource) implements WitType {
  /** Checks the resource is given. */
  public OwnType {
    Objects.requireNonNull(resource, "resource");
  }

  @Override
  public String toString() {
    return "own<" + resource.name() + ">";
  }
}
