package dev.wasmlayer;

import dev.wasmlayer.spi.Availability;
import dev.wasmlayer.spi.EngineProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads every registered provider, one at a time, so that one broken provider never hides the
 * others.
 */
final class Discovery {
  /** Bounds the loop in case a broken iterator never advances. */
  private static final int MAX_PROVIDERS = 256;

  private static final System.Logger LOG = System.getLogger("dev.wasmlayer.discovery");

  private Discovery() {}

  static List<ProviderStatus> load(ClassLoader loader) {
    List<ProviderStatus> found = new ArrayList<>();
    Iterator<EngineProvider> it = ServiceLoader.load(EngineProvider.class, loader).iterator();
    for (int i = 0; i < MAX_PROVIDERS; i++) {
      EngineProvider provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        ProviderStatus broken = broken(className(e), e);
        LOG.log(System.Logger.Level.DEBUG, () -> "wasm-layer: provider " + broken.describe());
        found.add(broken);
        continue;
      }
      ProviderStatus status = inspect(provider);
      LOG.log(System.Logger.Level.DEBUG, () -> "wasm-layer: provider " + status.describe());
      found.add(status);
    }
    found.sort(
        Comparator.comparing((ProviderStatus s) -> s.state())
            .thenComparing(Comparator.comparingInt(ProviderStatus::priority).reversed())
            .thenComparing(ProviderStatus::id));
    return List.copyOf(found);
  }

  /**
   * Asks a loaded provider who it is and whether it is available, treating any failure as broken.
   */
  static ProviderStatus inspect(EngineProvider provider) {
    String id;
    try {
      id = provider.id();
      int priority = provider.priority();
      provider.name();
      provider.version();
      Availability a = provider.availability();
      return a.available()
          ? new ProviderStatus(id, ProviderStatus.State.USABLE, priority, "", Optional.of(provider))
          : new ProviderStatus(
              id, ProviderStatus.State.UNAVAILABLE, priority, a.reason(), Optional.of(provider));
    } catch (RuntimeException | LinkageError e) {
      return broken(provider.getClass().getName(), e);
    }
  }

  private static ProviderStatus broken(String name, Throwable e) {
    return new ProviderStatus(name, ProviderStatus.State.BROKEN, 0, reason(e), Optional.empty());
  }

  /** The error and its root cause, on one line. */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
    return root == e
        ? msg
        : msg + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  private static final Pattern SCE_CLASS = Pattern.compile("Provider ([\\w.$]+)");
  private static final Pattern LEADING_CLASS = Pattern.compile("^([\\w$]+(?:\\.[\\w$]+)+)");

  /**
   * The provider class named in a loading error: "Provider X ..." from ServiceLoader, or "X ..."
   * from the VM.
   */
  private static String className(Throwable e) {
    String m = String.valueOf(e.getMessage());
    Matcher sce = SCE_CLASS.matcher(m);
    if (e instanceof ServiceConfigurationError && sce.find()) {
      return sce.group(1);
    }
    Matcher vm = LEADING_CLASS.matcher(m.replace('/', '.'));
    return vm.find() ? vm.group(1) : "(unknown provider)";
  }
}
