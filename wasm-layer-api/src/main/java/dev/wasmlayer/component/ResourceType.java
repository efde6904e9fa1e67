package dev.wasmlayer.component;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A WIT {@code resource} type. Resource types are nominal: two types are equal only when they are
 * the same object, whatever their names.
 *
 * <p>A <b>host</b> resource is defined by Java code with {@link #host}: a guest holds handles to
 * Java objects of it, and when the guest drops its last owning handle the type's drop action runs
 * with the object. A <b>guest</b> resource is defined by a component; the host holds it as a {@link
 * GuestResource}.
 */
public final class ResourceType {
  private final String name;
  private final boolean host;
  private final Consumer<Object> onDrop;

  private ResourceType(String name, boolean host, Consumer<Object> onDrop) {
    this.name = Objects.requireNonNull(name, "name");
    this.host = host;
    this.onDrop = onDrop;
  }

  /**
   * A resource implemented by the host, whose drop does nothing beyond forgetting the object.
   *
   * @param name its WIT name, such as {@code descriptor}
   * @return a new resource type, equal only to itself
   */
  public static ResourceType host(String name) {
    return new ResourceType(name, true, rep -> {});
  }

  /**
   * A resource implemented by the host.
   *
   * @param name its WIT name, such as {@code descriptor}
   * @param onDrop runs with the Java object when the guest drops its owning handle (an exception
   *     from it traps the guest's drop as a host failure)
   * @return a new resource type, equal only to itself
   */
  public static ResourceType host(String name, Consumer<Object> onDrop) {
    return new ResourceType(name, true, Objects.requireNonNull(onDrop, "onDrop"));
  }

  /**
   * A resource a component defines; for backends, which make one per type they find.
   *
   * @param name its WIT name
   * @return a new resource type, equal only to itself
   */
  public static ResourceType guest(String name) {
    return new ResourceType(name, false, null);
  }

  /** {@return its WIT name} */
  public String name() {
    return name;
  }

  /** {@return whether Java implements it} */
  public boolean isHost() {
    return host;
  }

  /**
   * Runs the drop action of a host resource.
   *
   * @param rep the Java object whose last owning handle was dropped
   */
  public void drop(Object rep) {
    if (!host) {
      throw new IllegalStateException("a guest resource is dropped by its component");
    }
    onDrop.accept(rep);
  }

  @Override
  public String toString() {
    return (host ? "host resource " : "resource ") + name;
  }
}
