package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a guest path into a {@link Resolved} without ever handing a checked path string back to the
 * host: the walk starts at an open directory and goes one component at a time through open handles,
 * reads each symlink itself (one hop at a time, at most {@link #MAX_HOPS}), never goes above the
 * directory descriptor it starts from (each one is a capability, as in wasmtime's cap-std: an
 * escape is {@link Errno#PERM}), and leaves the last component unopened for the operation to use
 * relative to the handle. What it checked is what the operation uses.
 */
final class Resolver {
  /** Symlinks followed in one resolution before {@link Errno#LOOP}, as Linux's limit. */
  static final int MAX_HOPS = 40;

  /** The longest path accepted, in bytes (PATH_MAX). */
  static final int MAX_PATH = 4096;

  /** The longest single name, in bytes (NAME_MAX). */
  static final int MAX_NAME = 255;

  /**
   * Directories opened again for {@code ..} in one resolution before {@link Errno#LOOP}: each
   * {@code ..} walks down from the descriptor again, so a deep tree and many {@code ..} (or links
   * full of them) would otherwise cost depth x count opens, seconds of host time that no deadline
   * stops. Ordinary paths stay far below.
   */
  static final int MAX_UP_OPENS = 4096;

  /** Names the implementation keeps for itself; guests cannot see or reach them. */
  static final String RESERVED = ".wasm-layer-";

  private Resolver() {}

  /**
   * A guest path's bytes as a string: at most {@link #MAX_PATH} bytes of valid UTF-8 with no NUL.
   */
  static String decode(byte[] bytes) throws WasiError {
    if (bytes.length > MAX_PATH) {
      throw new WasiError(Errno.NAMETOOLONG, "path of " + bytes.length + " bytes");
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new WasiError(Errno.INVAL, "NUL byte in a path");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WasiError(Errno.ILSEQ, "path is not UTF-8");
    }
  }

  /**
   * Resolves {@code path} from the directory {@code base}; {@code followLast}: follow a symlink in
   * the last place.
   */
  static Resolved resolve(OpenDir base, String path, boolean followLast)
      throws WasiError, IOException {
    if (path.isEmpty()) {
      throw new WasiError(Errno.NOENT, "empty path");
    }
    if (path.startsWith("/")) {
      throw new WasiError(Errno.PERM, "absolute path " + path);
    }
    Deque<String> todo = new ArrayDeque<>();
    boolean mustBeDir = push(todo, path);
    Root root = base.root;
    DirHandle cur = base.dir;
    boolean owned = false;
    List<String> names =
        new ArrayList<>(); // below the base descriptor, which bounds '..' (a capability, as
    // cap-std)
    int hops = 0;
    int upOpens = 0;
    try {
      while (!todo.isEmpty()) {
        String c = todo.pollFirst();
        boolean last = todo.isEmpty();
        if (c.equals("..")) {
          if (names.isEmpty()) {
            throw new WasiError(Errno.PERM, "'..' above the directory descriptor");
          }
          names.remove(names.size() - 1);
          upOpens += names.size() + 1;
          if (upOpens > MAX_UP_OPENS) {
            throw new WasiError(
                Errno.LOOP, "more than " + MAX_UP_OPENS + " directories opened again for '..'");
          }
          DirHandle up = walk(base.dir, names);
          if (owned) {
            cur.close();
          }
          cur = up;
          owned = true;
          continue;
        }
        checkName(c);
        BasicFileAttributes a = stat(cur, c);
        if (a == null) {
          if (last) {
            return new Resolved(root, cur, owned, c); // may be created: the operation decides
          }
          throw new WasiError(Errno.NOENT, c);
        }
        if (a.isSymbolicLink() && (!last || followLast || mustBeDir)) {
          if (!cur.secure()) {
            throw new WasiError(
                Errno.PERM, "symlinks inside preopens are refused on this platform");
          }
          if (++hops > MAX_HOPS) {
            throw new WasiError(Errno.LOOP, "more than " + MAX_HOPS + " symlinks");
          }
          // the link's text is only a string: it is walked from here like any guest path, inside
          // the jail
          String target;
          try {
            // by path (all the JDK offers), checked before and after: a directory the guest moved
            // since the walk
            // opened it leaves a path that may lead out of the preopen
            target = Files.readSymbolicLink(ByPath.of(cur, c)).toString();
            ByPath.of(cur, c);
          } catch (NotLinkException | NoSuchFileException changed) {
            todo.addFirst(
                c); // replaced since the stat (a race): look at it again, counted as a hop
            continue;
          }
          if (target.isEmpty()) {
            throw new WasiError(Errno.NOENT, "empty symlink " + c);
          }
          if (target.startsWith("/")) {
            throw new WasiError(Errno.PERM, "symlink " + c + " to an absolute path");
          }
          mustBeDir |= push(todo, target) && last;
          continue;
        }
        if (last) {
          if (mustBeDir && !a.isDirectory()) {
            throw new WasiError(Errno.NOTDIR, c);
          }
          return new Resolved(root, cur, owned, c);
        }
        if (!a.isDirectory()) {
          throw new WasiError(Errno.NOTDIR, c);
        }
        DirHandle next;
        try {
          next = cur.openDir(c);
        } catch (FileSystemException changed) {
          // replaced since the stat (a race): look at it again, counted as a hop so a flapping name
          // ends
          if (++hops > MAX_HOPS) {
            throw changed;
          }
          todo.addFirst(c);
          continue;
        }
        if (owned) {
          cur.close();
        }
        cur = next;
        owned = true;
        names.add(c);
      }
      return new Resolved(root, cur, owned, ".");
    } catch (WasiError | IOException | RuntimeException e) {
      if (owned) {
        cur.close();
      }
      throw e;
    }
  }

  /**
   * Pushes the components of {@code path} in front of {@code todo}; true if it ends like a
   * directory.
   */
  private static boolean push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].equals(".")) {
        todo.addFirst(parts[i]);
      }
    }
    return path.endsWith("/") || path.endsWith("/.") || path.equals(".");
  }

  private static void checkName(String c) throws WasiError {
    if (c.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
      throw new WasiError(Errno.NAMETOOLONG, "a name longer than " + MAX_NAME + " bytes");
    }
    if (c.startsWith(RESERVED)) {
      throw new WasiError(Errno.NOENT, c);
    }
  }

  private static BasicFileAttributes stat(DirHandle dir, String name) throws IOException {
    try {
      return dir.stat(name);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * A new handle on the directory {@code names} below {@code base}, walked again without following
   * anything.
   */
  static DirHandle walk(DirHandle base, List<String> names) throws IOException, WasiError {
    DirHandle cur = base.openDir(".");
    try {
      for (String n : names) {
        DirHandle next = cur.openDir(n);
        cur.close();
        cur = next;
      }
      return cur;
    } catch (IOException e) {
      cur.close();
      throw new WasiError(Errno.NOENT, "a directory on the way was moved: " + e.getMessage());
    }
  }
}
