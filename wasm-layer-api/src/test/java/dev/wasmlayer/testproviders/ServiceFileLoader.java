package dev.wasmlayer.testproviders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * A class loader that registers exactly the given provider class names, and pretends some classes
 * were compiled for a newer JDK (UnsupportedClassVersionError), to test discovery diagnostics.
 */
public final class ServiceFileLoader extends ClassLoader {
  private static final String SERVICE = "META-INF/services/dev.wasmlayer.spi.EngineProvider";

  private final URL services;
  private final Set<String> tooNew;

  /**
   * Registers {@code names}; loading a class in {@code tooNew} fails as a newer class file would.
   */
  public ServiceFileLoader(List<String> names, Set<String> tooNew) {
    super(ServiceFileLoader.class.getClassLoader());
    this.tooNew = tooNew;
    try {
      Path file = Files.createTempFile("providers", ".txt");
      file.toFile().deleteOnExit();
      Files.write(file, names);
      this.services = file.toUri().toURL();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers {@code names}. */
  public ServiceFileLoader(String... names) {
    this(List.of(names), Set.of());
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return SERVICE.equals(name)
        ? Collections.enumeration(List.of(services))
        : super.getResources(name);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (tooNew.contains(name)) {
      throw new UnsupportedClassVersionError(
          name
              + " has been compiled by a more recent version of the Java "
              + "Runtime (class file version 69.0), this version of the Java Runtime only recognizes class file versions "
              + "up to 61.0");
    }
    return super.loadClass(name, resolve);
  }
}
