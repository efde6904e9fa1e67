package dev.wasmlayer.internal;

import dev.wasmlayer.wasi.Preopen;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox rule for WASI preopened directories, for engines whose WASI does not enforce it: a host path may be used
 * only if it lies inside a preopened directory both as written and after resolving symlinks, and a read-only
 * directory refuses every change. Refusals are {@link AccessDeniedException}s, which a guest sees as an error number.
 */
public final class PathJail {
  /** One preopened directory: where it is as given, where it really is, and whether it may change. */
  private record Root(Path lexical, Path real, boolean readOnly) {}

  private final List<Root> roots = new ArrayList<>();

  /** A jail of the given preopened directories. */
  public PathJail(List<Preopen> preopens) throws IOException {
    for (Preopen p : preopens) {
      roots.add(new Root(p.hostPath().toAbsolutePath().normalize(), p.hostPath().toRealPath(), p.readOnly()));
    }
  }

  /**
   * Throws unless {@code p} is inside a preopened directory: as written, and after resolving symlinks on the longest
   * prefix that exists (the last name too when {@code followLast}).
   */
  public void confine(Path p, boolean followLast) throws IOException {
    Root root = rootOf(p);
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    boolean last = true;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
      last = false;
    }
    if (existing == null) {
      throw new AccessDeniedException(p.toString());
    }
    if (last && !followLast && Files.isSymbolicLink(existing)) {
      existing = existing.getParent(); // the link itself is the object: its directory must be inside
    }
    if (!existing.toRealPath().startsWith(root.real())) {
      throw new AccessDeniedException(p.toString(), null, "resolves outside the preopened directory");
    }
  }

  /** {@link #confine}, and throws if the directory is read-only. */
  public void confineWritable(Path p, boolean followLast) throws IOException {
    if (rootOf(p).readOnly()) {
      throw new AccessDeniedException(p.toString(), null, "read-only preopened directory");
    }
    confine(p, followLast);
  }

  /** Whether {@code p} lies in a read-only preopened directory (false outside every one). */
  public boolean isReadOnly(Path p) {
    try {
      return rootOf(p).readOnly();
    } catch (AccessDeniedException outside) {
      return false;
    }
  }

  /** Whether {@code p} is one of the preopened directories itself. */
  public boolean isRoot(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return roots.stream().anyMatch(r -> r.lexical().equals(abs));
  }

  private Root rootOf(Path p) throws AccessDeniedException {
    Path abs = p.toAbsolutePath().normalize();
    Root best = null;
    for (Root r : roots) {
      if (abs.startsWith(r.lexical()) && (best == null || r.lexical().getNameCount() > best.lexical().getNameCount())) {
        best = r;
      }
    }
    if (best == null) {
      throw new AccessDeniedException(p.toString(), null, "outside every preopened directory");
    }
    return best;
  }
}
