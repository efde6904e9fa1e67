package dev.wasmlayer;

import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.ImportType;
import java.util.List;

/**
 * A compiled module: immutable, thread-safe, instantiable in any store of its engine. Closing it frees compiled code;
 * instances already made stay usable.
 */
public interface Module extends AutoCloseable {
  /** The engine that compiled it. */
  Engine engine();

  /** The imports the module declares, in order. */
  List<ImportType> imports();

  /** The exports the module declares, in order. */
  List<ExportType> exports();

  /** The engine's own module object. */
  <T> T unwrap(Class<T> type);

  /** Frees the module. Idempotent; later use throws {@link IllegalStateException}. */
  @Override
  void close();
}
