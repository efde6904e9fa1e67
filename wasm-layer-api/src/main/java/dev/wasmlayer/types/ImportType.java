package dev.wasmlayer.types;

import java.util.Objects;

/**
 * One import a module declares.
 *
 * @param module the import's module name
 * @param name the import's field name
 * @param type what must be supplied
 */
public record ImportType(String module, String name, ExternType type) {
  /** Checks arguments. */
  public ImportType {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return module + "." + name + " " + type;
  }
}
