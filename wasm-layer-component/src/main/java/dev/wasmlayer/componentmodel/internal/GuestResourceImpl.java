package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.GuestResource;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.spi.support.StoreBase;

/** A guest resource held by the host: owned until given away or closed, or a borrowed view. */
final class GuestResourceImpl implements GuestResource {
  final ResourceType type;
  final int rep;
  final InstanceState definer;

  /** Whether this is a borrowed view, valid for the duration of a host call. */
  final boolean borrowed;

  private boolean owned;

  GuestResourceImpl(ResourceType type, int rep, InstanceState definer, boolean owned) {
    this.type = type;
    this.rep = rep;
    this.definer = definer;
    this.owned = owned;
    this.borrowed = !owned;
  }

  @Override
  public ResourceType type() {
    return type;
  }

  @Override
  public boolean isOwned() {
    return owned;
  }

  /** Gives the ownership away, as passing it as an {@code own} argument does. */
  void spend(String what) {
    if (!owned) {
      throw new IllegalStateException(
          what + ": the " + type + " handle is not owned (given away, dropped or borrowed)");
    }
    owned = false;
  }

  /**
   * Runs the destructor once, as a call into the store: from a thread other than the one inside a
   * call it is refused with an {@link IllegalStateException} and the resource stays owned. After
   * the store closed it does nothing: the store's end ended the resource.
   */
  @Override
  public void close() {
    if (!owned) {
      return;
    }
    StoreBase<?, ?> gate = definer != null && definer.store instanceof StoreBase<?, ?> b ? b : null;
    if (gate != null && gate.isClosed()) {
      owned = false;
      return;
    }
    long token = gate == null ? 0 : gate.enterCall();
    try {
      owned = false;
      InstanceState.destroy(new Handle(type, rep, true, definer));
    } catch (RuntimeException e) {
      throw CanonTrap.unwrap(e);
    } finally {
      if (gate != null) {
        gate.exitCall(token);
      }
    }
  }

  @Override
  public String toString() {
    return "GuestResource[" + type.name() + " #" + rep + (owned ? "" : ", not owned") + "]";
  }
}
