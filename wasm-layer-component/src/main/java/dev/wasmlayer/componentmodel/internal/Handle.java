package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.ResourceType;

/** One entry of a handle table: an owning or borrowed handle to a resource. */
final class Handle {
  final ResourceType type;
  final Object rep;
  final boolean own;

  /** The instance defining the (guest) resource, null for a host resource. */
  final InstanceState definer;

  /** Borrows lent out of this owning handle and not yet returned. */
  int lends;

  Handle(ResourceType type, Object rep, boolean own, InstanceState definer) {
    this.type = type;
    this.rep = rep;
    this.own = own;
    this.definer = definer;
  }
}
