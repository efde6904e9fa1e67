package dev.wasmlayer;

import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.ImportType;
import java.util.List;

/**
 * A compiled module: immutable, thread-safe, instantiable in any store of its engine. Closing it
 * frees compiled code; instances already made stay usable.
 */
public interface Module extends AutoCloseable {
  /** {@return the engine that compiled it} */
  Engine engine();

  /** {@return the imports the module declares, in order} */
  List<ImportType> imports();

  /** {@return the exports the module declares, in order} */
  List<ExportType> exports();

  /**
   * {@return the engine's own module object}
   *
   * @param <T> the type to unwrap to
   * @param type the class to unwrap to
   */
  <T> T unwrap(Class<T> type);

  /** Frees the module. Idempotent; later use throws {@link IllegalStateException}. */
  @Override
  void close();
}
