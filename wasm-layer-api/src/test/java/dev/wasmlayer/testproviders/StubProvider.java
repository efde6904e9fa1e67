package dev.wasmlayer.testproviders;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import dev.wasmlayer.spi.Availability;
import dev.wasmlayer.spi.EngineProvider;
import java.util.Locale;
import java.util.Set;

/**
 * A provider for discovery tests: fixed id, priority and availability; it never creates an engine.
 */
abstract class StubProvider implements EngineProvider {
  private final String id;
  private final int priority;
  private final Availability availability;

  StubProvider(String id, int priority, Availability availability) {
    this.id = id;
    this.priority = priority;
    this.availability = availability;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return id.toUpperCase(Locale.ROOT);
  }

  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public String artifact() {
    return "test:" + id;
  }

  @Override
  public Availability availability() {
    return availability;
  }

  @Override
  public Set<Feature> features() {
    return Set.of();
  }

  @Override
  public Engine create(EngineConfig config) {
    throw new UnsupportedOperationException("stub provider " + id);
  }
}
