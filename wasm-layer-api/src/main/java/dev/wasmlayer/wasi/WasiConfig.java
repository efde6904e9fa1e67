package dev.wasmlayer.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * WASI preview 1 settings for a store: arguments, environment, standard streams and preopened
 * directories. Immutable; build with {@link #builder()}. Standard streams default to discarded
 * (stdin empty).
 */
public final class WasiConfig {
  private final List<String> args;
  private final Map<String, String> env;
  private final boolean inheritStdio;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final List<Preopen> preopens;
  private final Clock clock;
  private final Random random;

  private WasiConfig(Builder b) {
    this.args = List.copyOf(b.args);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.inheritStdio = b.inheritStdio;
    this.stdin = b.stdin;
    this.stdout = b.stdout;
    this.stderr = b.stderr;
    this.preopens = List.copyOf(b.preopens);
    this.clock = b.clock;
    this.random = b.random;
  }

  /**
   * {@return the clock the guest reads ({@code clock_time_get}), if injected; otherwise the host's}
   */
  public Optional<Clock> clock() {
    return Optional.ofNullable(clock);
  }

  /**
   * {@return where the guest's random bytes ({@code random_get}) come from, if injected; otherwise
   * the host's}
   */
  public Optional<Random> random() {
    return Optional.ofNullable(random);
  }

  /** {@return a builder with no args, no env, discarded stdio and no directories} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the program arguments, {@code argv[0]} first} */
  public List<String> args() {
    return args;
  }

  /** {@return environment variables, in order} */
  public Map<String, String> env() {
    return env;
  }

  /**
   * {@return whether the guest uses the JVM's own stdin, stdout and stderr (where no stream is
   * set)}
   */
  public boolean inheritStdio() {
    return inheritStdio;
  }

  /** {@return the guest's stdin, if set} */
  public Optional<InputStream> stdin() {
    return Optional.ofNullable(stdin);
  }

  /** {@return the guest's stdout, if set} */
  public Optional<OutputStream> stdout() {
    return Optional.ofNullable(stdout);
  }

  /** {@return the guest's stderr, if set} */
  public Optional<OutputStream> stderr() {
    return Optional.ofNullable(stderr);
  }

  /** {@return the preopened directories} */
  public List<Preopen> preopens() {
    return preopens;
  }

  /** Builds a {@link WasiConfig}. */
  public static final class Builder {
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean inheritStdio;
    private InputStream stdin;
    private OutputStream stdout;
    private OutputStream stderr;
    private final List<Preopen> preopens = new ArrayList<>();
    private Clock clock;
    private Random random;

    private Builder() {}

    /**
     * {@return the guest reads this clock (realtime and monotonic) instead of the host's} Needs
     * {@link dev.wasmlayer.Feature#WASI_HOST_SOURCES}.
     *
     * @param clock the clock the program reads
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * {@return the guest's random bytes come from this generator (e.g. a seeded one, for
     * reproducible runs)} Needs {@link dev.wasmlayer.Feature#WASI_HOST_SOURCES}.
     *
     * @param random the source of the program's random bytes
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Appends arguments ({@code argv[0]} first).
     *
     * @param args the arguments, the program's name first
     * @return this builder
     */
    public Builder args(String... args) {
      for (String a : args) {
        this.args.add(Objects.requireNonNull(a, "arg"));
      }
      return this;
    }

    /**
     * Sets an environment variable.
     *
     * @param name the variable's name
     * @param value its value
     * @return this builder
     */
    public Builder env(String name, String value) {
      env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Uses Java's standard streams where none is set: {@code System.in}, {@code System.out} and
     * {@code System.err} as they are when the store is made, on every engine (never the process's
     * native descriptors), so an application that replaced them with {@code System.setOut} and
     * friends before {@code newStore} captures the guest. Like any stdin stream ({@link
     * #stdin(InputStream)}), {@code System.in} is read only when the guest reads stdin, so an
     * application can read it between guest runs without losing bytes to a guest that never asked
     * for them.
     *
     * @return this builder
     */
    public Builder inheritStdio() {
      this.inheritStdio = true;
      return this;
    }

    /**
     * The guest reads stdin from {@code in}, on every engine and platform alike: each guest read of
     * fd 0 is one {@link InputStream#read} on the calling thread, made only when the guest reads
     * (never ahead of it, so a guest that never reads stdin leaves the stream untouched), returning
     * what that read gave; the end of the stream is the guest's end-of-file and an {@code
     * IOException} its {@code EIO}. The store never waits for the stream's end.
     *
     * <p>A read that blocks is host code: {@link dev.wasmlayer.Store#interrupt()}, a deadline or a
     * close stop the guest only once the read returns (the stream gives bytes, ends or fails), so a
     * guest waiting on a stream that never ends waits until it does. The stream is never closed by
     * the layer (closing it is how an application ends such a wait).
     *
     * @param in the program's standard input
     * @return this builder
     */
    public Builder stdin(InputStream in) {
      this.stdin = Objects.requireNonNull(in, "in");
      return this;
    }

    /**
     * {@return the guest writes stdout to {@code out}}
     *
     * @param out where the program's standard output goes
     */
    public Builder stdout(OutputStream out) {
      this.stdout = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * {@return the guest writes stderr to {@code err}}
     *
     * @param err where the program's standard error goes
     */
    public Builder stderr(OutputStream err) {
      this.stderr = Objects.requireNonNull(err, "err");
      return this;
    }

    /**
     * Makes {@code host} visible to the guest as {@code guest}.
     *
     * @param host the host directory
     * @param guest the path the program sees it at
     * @param readOnly whether the program may only read
     * @return this builder
     */
    public Builder preopen(Path host, String guest, boolean readOnly) {
      preopens.add(new Preopen(host, guest, readOnly));
      return this;
    }

    /** {@return the immutable config} */
    public WasiConfig build() {
      return new WasiConfig(this);
    }
  }
}
