package dev.wasmlayer.spi.support;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Module;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.ImportType;
import java.util.List;

/**
 * A compiled module as every backend answers for its engine, imports and exports, and closes once;
 * a backend keeps the engine's compiled form.
 *
 * @param <E> the backend's engine
 */
public abstract class ModuleBase<E extends Engine> implements Module {
  /** The engine that compiled the module. */
  protected final E engine;

  private final List<ImportType> imports;
  private final List<ExportType> exports;
  private final CloseOnce closed = new CloseOnce("Module");

  /**
   * A module.
   *
   * @param engine the engine that compiled it
   * @param imports its imports, in order
   * @param exports its exports, in order
   */
  protected ModuleBase(E engine, List<ImportType> imports, List<ExportType> exports) {
    this.engine = engine;
    this.imports = List.copyOf(imports);
    this.exports = List.copyOf(exports);
  }

  /** Throws {@link IllegalStateException} once the module is closed. */
  public final void checkOpen() {
    closed.check();
  }

  @Override
  public final E engine() {
    return engine;
  }

  @Override
  public final List<ImportType> imports() {
    return imports;
  }

  @Override
  public final List<ExportType> exports() {
    return exports;
  }

  /** Closes the module once, then {@link #closed()}; instances already made keep working. */
  @Override
  public final void close() {
    if (closed.close()) {
      closed();
    }
  }

  /** What the backend frees when the module closes. */
  protected void closed() {}
}
