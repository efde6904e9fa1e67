package dev.wasmlayer;

import dev.wasmlayer.types.TagType;

/**
 * An exception tag (exception handling): what {@code throw} names and {@code catch} matches on.
 * Exported by instances, imported like any extern, or made by the host with {@link Store#newTag}.
 * Two tags are the same tag only if they are the same definition: {@code equals} says so.
 */
public non-sealed interface Tag extends Extern {
  @Override
  TagType type();
}
