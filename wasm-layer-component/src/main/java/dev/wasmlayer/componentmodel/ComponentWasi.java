package dev.wasmlayer.componentmodel;

import dev.wasmlayer.LinkException;
import dev.wasmlayer.componentmodel.wasi.WasiPreview2;
import dev.wasmlayer.wasi.WasiConfig;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A store's WASI 0.2 host for its components, made from the store's {@link WasiConfig} the first
 * time a component links WASI, and closed with the store. A backend's store keeps one and passes it
 * to {@link JavaComponents#instantiate(dev.wasmlayer.Store, dev.wasmlayer.Component,
 * dev.wasmlayer.component.ComponentImports, Supplier)}.
 */
public final class ComponentWasi implements Supplier<WasiPreview2>, AutoCloseable {
  private final Optional<WasiConfig> config;
  private final BooleanSupplier stopRequested;
  private WasiPreview2 host;
  private boolean closed;

  /**
   * A host not made yet.
   *
   * @param config the store's WASI config, if it has one
   * @param stopRequested whether the store wants its running call to stop
   */
  public ComponentWasi(Optional<WasiConfig> config, BooleanSupplier stopRequested) {
    this.config = config;
    this.stopRequested = stopRequested;
  }

  /**
   * {@return the store's WASI 0.2 host}
   *
   * @throws LinkException if the store was made without a WASI config
   */
  @Override
  public synchronized WasiPreview2 get() {
    if (closed) {
      throw new IllegalStateException("Store is closed");
    }
    if (host == null) {
      WasiConfig c =
          config.orElseThrow(
              () ->
                  new LinkException(
                      "the component links WASI 0.2, but the store has no WASI config (give one"
                          + " with StoreConfig.builder().wasi(...))"));
      host = WasiPreview2.create(c, stopRequested);
    }
    return host;
  }

  /** Closes the host's files and directories, if it was made. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (host != null) {
      host.close();
      host = null;
    }
  }
}
