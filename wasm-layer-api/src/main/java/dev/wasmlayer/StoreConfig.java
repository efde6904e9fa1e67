package dev.wasmlayer;

import dev.wasmlayer.wasi.WasiConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-store settings: WASI, memory and table caps, fuel budget and deadline. Immutable; build with
 * {@link #builder()}. An engine that cannot honour a setting throws {@link
 * UnsupportedFeatureException} when the store is created.
 *
 * <p>The caps are per store: every memory (or table) of every instance in the store counts, and so
 * do those the host creates with {@link Store#newMemory} and {@link Store#newTable}, from creation
 * until the store closes (an instantiation that fails before guest code runs takes nothing; one
 * whose start function traps stays counted). Growth past what is left returns -1, from {@code
 * memory.grow} and {@code table.grow} as from {@link Memory#grow} and {@link Table#grow};
 * instantiating a module whose memories' or tables' minimums do not fit, or creating such a memory
 * or table, throws {@link LimitException}. Engines refuse what the machine cannot give the same
 * way, cap or not: the Java heap on Chicory and GraalWasm, address space on wasmtime.
 */
public final class StoreConfig {
  /**
   * The default {@link #maxTableElements()}: ten million, the limit browsers give one table (the JS
   * API's implementation limits) and Chicory's own per-table limit, so any module that runs on the
   * web fits; at 8 to 16 bytes per element it bounds a store's tables to 80-160 MB.
   */
  public static final long DEFAULT_MAX_TABLE_ELEMENTS = 10_000_000;

  private static final StoreConfig DEFAULTS = builder().build();

  private final WasiConfig wasi;
  private final long maxMemoryBytes;
  private final long maxTableElements;
  private final long fuel;
  private final Duration deadline;

  private StoreConfig(Builder b) {
    this.wasi = b.wasi;
    this.maxMemoryBytes = b.maxMemoryBytes;
    this.maxTableElements = b.maxTableElements;
    this.fuel = b.fuel;
    this.deadline = b.deadline;
  }

  /** {@return no WASI, no memory cap, the default table cap, no fuel, no deadline} */
  public static StoreConfig defaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return WASI preview 1 for this store, if enabled} */
  public Optional<WasiConfig> wasi() {
    return Optional.ofNullable(wasi);
  }

  /** {@return the cap on the bytes of all the store's linear memories together, if set} */
  public OptionalLong maxMemoryBytes() {
    return maxMemoryBytes < 0 ? OptionalLong.empty() : OptionalLong.of(maxMemoryBytes);
  }

  /**
   * {@return the cap on the elements of all the store's tables together ({@link
   * #DEFAULT_MAX_TABLE_ELEMENTS} unless set)}
   */
  public long maxTableElements() {
    return maxTableElements;
  }

  /**
   * {@return the fuel budget, if set} It needs an engine with fuel enabled, or one created with
   * {@link FuelMode#IF_SUPPORTED} (then it is enforced only where the engine meters fuel).
   */
  public OptionalLong fuel() {
    return fuel < 0 ? OptionalLong.empty() : OptionalLong.of(fuel);
  }

  /**
   * {@return the time after which each call into wasm from the host is interrupted, if set} It
   * needs interruption, which every engine has unless its config turned it off.
   */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Builds a {@link StoreConfig}. */
  public static final class Builder {
    private WasiConfig wasi;
    private long maxMemoryBytes = -1;
    private long maxTableElements = DEFAULT_MAX_TABLE_ELEMENTS;
    private long fuel = -1;
    private Duration deadline;

    private Builder() {}

    /**
     * Enables WASI preview 1 with this configuration.
     *
     * @param wasi the WASI setup
     * @return this builder
     */
    public Builder wasi(WasiConfig wasi) {
      this.wasi = Objects.requireNonNull(wasi, "wasi");
      return this;
    }

    /**
     * Caps the store's linear memories at {@code bytes} in total: every memory of every instance
     * and those the host creates count, at their current size. Without it only what the engine can
     * give bounds them.
     *
     * @param bytes the most bytes of linear memory the store's memories may hold together
     * @return this builder
     */
    public Builder maxMemoryBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxMemoryBytes must be >= 0");
      }
      this.maxMemoryBytes = bytes;
      return this;
    }

    /**
     * Caps the store's tables at {@code elements} in total, counted like {@link
     * #maxMemoryBytes(long)}; the default is {@link StoreConfig#DEFAULT_MAX_TABLE_ELEMENTS}. {@link
     * Long#MAX_VALUE} leaves only what the engine can give.
     *
     * @param elements the most elements the store's tables may hold together
     * @return this builder
     */
    public Builder maxTableElements(long elements) {
      if (elements < 0) {
        throw new IllegalArgumentException("maxTableElements must be >= 0");
      }
      this.maxTableElements = elements;
      return this;
    }

    /**
     * Sets the fuel budget.
     *
     * @param fuel the fuel a store starts with
     * @return this builder
     */
    public Builder fuel(long fuel) {
      if (fuel < 0) {
        throw new IllegalArgumentException("fuel must be >= 0");
      }
      this.fuel = fuel;
      return this;
    }

    /**
     * Interrupts each call into wasm after {@code deadline}.
     *
     * @param deadline how long one top-level call may run
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** {@return the immutable config} */
    public StoreConfig build() {
      return new StoreConfig(this);
    }
  }
}
