package dev.wasmlayer;

import dev.wasmlayer.spi.EngineProvider;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds engines. The rules, in order:
 *
 * <ol>
 *   <li>An explicit choice wins: {@code -Ddev.wasmlayer.engine=ID} (or a provider class name), or
 *       an id passed here. If that engine is missing, broken or unavailable, this fails naming the
 *       reason; it never falls back.
 *   <li>Otherwise the usable engine with the highest {@link EngineProvider#priority()} (wasmtime
 *       300, Chicory 100, GraalWasm 50; ties by id), so adding a faster engine to the class path
 *       gets it. The choice is logged through {@link System.Logger} {@code dev.wasmlayer.discovery}
 *       at INFO when there were several: one line, saying why each other engine was passed over.
 *   <li>No usable engine: {@link NoEngineException} listing every provider found, with its reason,
 *       and what to add.
 * </ol>
 *
 * Broken providers (a class that fails to load, e.g. compiled for a newer JDK) are caught one by
 * one and reported, never swallowed. {@link java.util.ServiceLoader} order is undefined, which is
 * why priority decides.
 */
public final class Engines {
  /** The system property that names the engine to use: an id or a provider class name. */
  public static final String ENGINE_PROPERTY = "dev.wasmlayer.engine";

  static final String PREFIX = "wasm-layer: ";
  private static final String ARTIFACTS =
      "dev.wasmlayer:wasm-layer-chicory (pure Java, runs anywhere), dev.wasmlayer:wasm-layer-wasmtime with "
          + "dev.wasmlayer:wasm-layer-wasmtime-natives for your platform (native, fastest; classifier e.g. linux-x86_64) "
          + "or dev.wasmlayer:wasm-layer-graalwasm (GraalVM polyglot)";
  private static final System.Logger LOG = System.getLogger("dev.wasmlayer.discovery");

  private Engines() {}

  /** {@return every registered engine with its status, usable ones first by priority} */
  public static List<ProviderStatus> providers() {
    return providers(defaultLoader());
  }

  /**
   * {@return the same, looking in {@code loader}}
   *
   * @param loader the class loader whose providers are searched
   */
  public static List<ProviderStatus> providers(ClassLoader loader) {
    return Discovery.load(Objects.requireNonNull(loader, "loader"));
  }

  /** {@return the provider the rules above choose, honouring {@code -Ddev.wasmlayer.engine}} */
  public static EngineProvider provider() {
    return provider(defaultLoader());
  }

  /**
   * {@return the same, looking in {@code loader}}
   *
   * @param loader the class loader whose providers are searched
   */
  public static EngineProvider provider(ClassLoader loader) {
    String chosen = System.getProperty(ENGINE_PROPERTY, "").trim();
    return chosen.isEmpty()
        ? best(providers(loader))
        : chosen(chosen, "-D" + ENGINE_PROPERTY, loader);
  }

  /**
   * {@return the provider with this id or class name, whatever the property says}
   *
   * @param idOrClassName an engine id (e.g. {@code "chicory"}) or a provider's class name
   * @param loader the class loader whose providers are searched
   */
  public static EngineProvider provider(String idOrClassName, ClassLoader loader) {
    return chosen(Objects.requireNonNull(idOrClassName, "idOrClassName"), "name", loader);
  }

  /**
   * {@return an engine chosen by the rules above}
   *
   * @param config the engine configuration
   */
  public static Engine create(EngineConfig config) {
    return provider().create(Objects.requireNonNull(config, "config"));
  }

  /**
   * {@return the engine with this id (or provider class name), whatever the property says}
   *
   * @param idOrClassName an engine id (e.g. {@code "chicory"}) or a provider's class name
   * @param config the engine configuration
   */
  public static Engine create(String idOrClassName, EngineConfig config) {
    return provider(idOrClassName, defaultLoader())
        .create(Objects.requireNonNull(config, "config"));
  }

  /**
   * {@return an engine chosen by the rules above among the providers visible to {@code loader}}
   *
   * @param loader the class loader whose providers are searched
   * @param config the engine configuration
   */
  public static Engine create(ClassLoader loader, EngineConfig config) {
    return provider(loader).create(Objects.requireNonNull(config, "config"));
  }

  /**
   * {@return a multi-line report of every provider found, for diagnostics and {@code
   * --list-engines} style commands}
   */
  public static String report() {
    List<ProviderStatus> all = providers();
    if (all.isEmpty()) {
      return PREFIX + "no engine registered";
    }
    return all.stream()
        .map(s -> PREFIX + s.describe())
        .collect(Collectors.joining(System.lineSeparator()));
  }

  private static EngineProvider best(List<ProviderStatus> all) {
    List<ProviderStatus> usable =
        all.stream().filter(ProviderStatus::usable).collect(Collectors.toList());
    if (usable.isEmpty()) {
      throw new NoEngineException(noEngineMessage(all));
    }
    ProviderStatus pick = usable.get(0);
    if (all.size() > 1) {
      LOG.log(System.Logger.Level.INFO, () -> choiceMessage(pick, all));
    }
    return pick.provider().orElseThrow();
  }

  /**
   * The one line that says which engine was chosen among several, and why each other one was passed
   * over.
   */
  static String choiceMessage(ProviderStatus pick, List<ProviderStatus> all) {
    StringBuilder m =
        new StringBuilder(PREFIX)
            .append("chose engine '")
            .append(pick.id())
            .append("' (priority ")
            .append(pick.priority())
            .append(") among ")
            .append(ids(all));
    for (ProviderStatus s : all) {
      if (s != pick) {
        m.append("; ")
            .append(s.id())
            .append(" passed over: ")
            .append(
                switch (s.state()) {
                  case USABLE -> "lower priority (" + s.priority() + ")";
                  case UNAVAILABLE -> "unavailable: " + s.reason();
                  case BROKEN -> "broken: " + s.reason();
                });
      }
    }
    return m.append("; set -D").append(ENGINE_PROPERTY).append("=ID to choose another").toString();
  }

  private static EngineProvider chosen(String name, String how, ClassLoader loader) {
    List<ProviderStatus> all = providers(loader);
    Optional<ProviderStatus> match =
        all.stream()
            .filter(
                s ->
                    s.id().equals(name)
                        || s.provider().map(p -> p.getClass().getName().equals(name)).orElse(false))
            .findFirst();
    if (match.isEmpty() && name.indexOf('.') > 0) {
      match = Optional.of(byClassName(name, loader));
    }
    if (match.isEmpty()) {
      throw new NoEngineException(
          PREFIX
              + "engine '"
              + name
              + "' was chosen by "
              + how
              + " but is not on the class path; found: "
              + (all.isEmpty() ? "none" : ids(all))
              + ".");
    }
    ProviderStatus s = match.get();
    if (!s.usable()) {
      throw new NoEngineException(
          PREFIX
              + "engine '"
              + name
              + "' was chosen by "
              + how
              + " but is "
              + (s.state() == ProviderStatus.State.BROKEN ? "broken: " : "unavailable: ")
              + s.reason());
    }
    LOG.log(
        System.Logger.Level.DEBUG, () -> PREFIX + "using engine '" + s.id() + "' chosen by " + how);
    return s.provider().orElseThrow();
  }

  /** Loads a provider named by class, for providers not registered with ServiceLoader. */
  private static ProviderStatus byClassName(String className, ClassLoader loader) {
    try {
      Class<?> c = Class.forName(className, true, loader);
      if (!EngineProvider.class.isAssignableFrom(c)) {
        return new ProviderStatus(
            className,
            ProviderStatus.State.BROKEN,
            0,
            "class does not implement " + EngineProvider.class.getName(),
            Optional.empty());
      }
      return Discovery.inspect((EngineProvider) c.getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      return new ProviderStatus(
          className, ProviderStatus.State.BROKEN, 0, "class not found", Optional.empty());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return new ProviderStatus(
          className, ProviderStatus.State.BROKEN, 0, Discovery.reason(e), Optional.empty());
    }
  }

  static String noEngineMessage(List<ProviderStatus> all) {
    StringBuilder m = new StringBuilder();
    String nl = System.lineSeparator();
    if (all.isEmpty()) {
      m.append(PREFIX).append("no WebAssembly engine found on the class path.").append(nl);
    } else {
      m.append(PREFIX)
          .append("no usable WebAssembly engine; found ")
          .append(all.size())
          .append(':')
          .append(nl);
      for (ProviderStatus s : all) {
        m.append(PREFIX).append("  ").append(s.describe()).append(nl);
      }
    }
    m.append(PREFIX).append("add an engine artifact: ").append(ARTIFACTS).append('.').append(nl);
    m.append(PREFIX).append("choose one with -D").append(ENGINE_PROPERTY).append("=ID.");
    return m.toString();
  }

  private static String ids(List<ProviderStatus> all) {
    return all.stream().map(ProviderStatus::id).collect(Collectors.joining(", ", "[", "]"));
  }

  private static ClassLoader defaultLoader() {
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    return tccl != null ? tccl : Engines.class.getClassLoader();
  }
}
