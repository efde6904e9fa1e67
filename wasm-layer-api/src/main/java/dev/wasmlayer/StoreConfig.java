package dev.wasmlayer;

import dev.wasmlayer.wasi.WasiConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-store settings: WASI, memory cap, fuel budget and deadline. Immutable; build with {@link #builder()}. An engine
 * that cannot honour a setting throws {@link UnsupportedFeatureException} when the store is created.
 */
public final class StoreConfig {
  private static final StoreConfig DEFAULTS = builder().build();

  private final WasiConfig wasi;
  private final long maxMemoryBytes;
  private final long fuel;
  private final Duration deadline;

  private StoreConfig(Builder b) {
    this.wasi = b.wasi;
    this.maxMemoryBytes = b.maxMemoryBytes;
    this.fuel = b.fuel;
    this.deadline = b.deadline;
  }

  /** No WASI, no caps, no fuel, no deadline. */
  public static StoreConfig defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** WASI preview 1 for this store, if enabled. */
  public Optional<WasiConfig> wasi() {
    return Optional.ofNullable(wasi);
  }

  /** The cap on each linear memory's size in bytes, if set. */
  public OptionalLong maxMemoryBytes() {
    return maxMemoryBytes < 0 ? OptionalLong.empty() : OptionalLong.of(maxMemoryBytes);
  }

  /** The fuel budget, if set (needs an engine with fuel enabled). */
  public OptionalLong fuel() {
    return fuel < 0 ? OptionalLong.empty() : OptionalLong.of(fuel);
  }

  /** The time after which each call into wasm from the host is interrupted, if set (needs interruption). */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Builds a {@link StoreConfig}. */
  public static final class Builder {
    private WasiConfig wasi;
    private long maxMemoryBytes = -1;
    private long fuel = -1;
    private Duration deadline;

    private Builder() {}

    /** Enables WASI preview 1 with this configuration. */
    public Builder wasi(WasiConfig wasi) {
      this.wasi = Objects.requireNonNull(wasi, "wasi");
      return this;
    }

    /** Caps each linear memory at {@code bytes}. */
    public Builder maxMemoryBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxMemoryBytes must be >= 0");
      }
      this.maxMemoryBytes = bytes;
      return this;
    }

    /** Sets the fuel budget. */
    public Builder fuel(long fuel) {
      if (fuel < 0) {
        throw new IllegalArgumentException("fuel must be >= 0");
      }
      this.fuel = fuel;
      return this;
    }

    /** Interrupts each call into wasm after {@code deadline}. */
    public Builder deadline(Duration deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** The immutable config. */
    public StoreConfig build() {
      return new StoreConfig(this);
    }
  }
}
