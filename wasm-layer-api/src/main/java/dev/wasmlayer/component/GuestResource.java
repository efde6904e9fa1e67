package dev.wasmlayer.component;

/**
 * A handle to a resource that a component implements, held by the host. Pass it back as an {@code
 * own} (which gives it away: the handle is then spent) or a {@code borrow} argument. Close an owned
 * handle to drop the resource, running the component's destructor; closing a spent or borrowed
 * handle does nothing.
 *
 * <p>Passing a spent or closed handle is refused with {@link IllegalStateException}; passing it to
 * an instance of another store, or to another instance of the component that made it, with {@link
 * IllegalArgumentException}: both before any guest code runs.
 */
public interface GuestResource extends AutoCloseable {
  /** {@return its resource type} */
  ResourceType type();

  /** {@return whether the host owns it and has not given it away or dropped it} */
  boolean isOwned();

  /**
   * Drops the resource if the host still owns it.
   *
   * @throws dev.wasmlayer.TrapException if the component's destructor traps
   */
  @Override
  void close();
}
