package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.GuestResource;
import dev.wasmlayer.component.ResourceType;

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
      throw new IllegalArgumentException(
          what + ": the " + type + " handle is not owned (given away, dropped or borrowed)");
    }
    owned = false;
  }

  @Override
  public void close() {
    if (owned) {
      owned = false;
      InstanceState.destroy(new Handle(type, rep, true, definer));
    }
  }

  @Override
  public String toString() {
    return "GuestResource[" + type.name() + " #" + rep + (owned ? "" : ", not owned") + "]";
  }
}
