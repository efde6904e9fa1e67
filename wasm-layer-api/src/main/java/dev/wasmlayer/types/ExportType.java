package dev.wasmlayer.types;

import java.util.Objects;

/**
 * One export a module declares.
 *
 * @param name the export name
 * @param type what is exported
 */
public record ExportType(String name, ExternType type) {
  /** Checks arguments. */
  public ExportType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
