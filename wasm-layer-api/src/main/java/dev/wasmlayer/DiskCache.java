package dev.wasmlayer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link CompilationCache#onDisk(Path)}: one file per entry, authenticated with a secret of the
 * directory's own, in a directory that only its owner may write.
 *
 * <p>Layout. The directory holds {@code secret} (32 random bytes, mode 0600, made on first open)
 * and one file per entry, {@code <key>.bin}: the ASCII magic {@code WLCACHE}, the format byte
 * ({@value #FORMAT}), the key's length (2 bytes, big endian) and the key in ASCII, the HMAC-SHA256
 * under the secret of everything else in the file (header and content), then the content. Entries
 * are written to a temporary file and renamed into place, so a reader sees a whole entry or none.
 *
 * <p>Trust. {@code get} returns content only if its file is a regular file, owned by this process's
 * user and not writable by group or others, is well formed, carries a MAC that verifies, and names
 * the key asked for (so an entry copied over another key's name is refused). Anything else is a
 * miss and the file is deleted: a wasmtime entry is native code. {@link #open} refuses a directory
 * that is a symbolic link, that another user owns, or that group or others may write, and a secret
 * that is not a regular file, that another user owns, or that group or others may read or write. On
 * file systems without POSIX permissions the owner and mode checks are skipped; the MAC is not.
 */
final class DiskCache implements CompilationCache {
  /** The entry format this class reads and writes; the MAC covers it. */
  static final int FORMAT = 1;

  /** The name of the secret in the cache directory. */
  public static final String SECRET = "secret";

  static final int SECRET_BYTES = 32;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final byte[] MAGIC = "WLCACHE".getBytes(StandardCharsets.US_ASCII);
  private static final int MAC_BYTES = 32;
  private static final String HMAC = "HmacSHA256";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** What a directory or an entry must not allow: anyone but the owner changing it. */
  static final Set<PosixFilePermission> WRITE_BY_OTHERS =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  /** What the secret must not allow: anyone but the owner doing anything with it. */
  static final Set<PosixFilePermission> ANY_ACCESS_BY_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Path dir;

  /**
   * This process's user; null where the file system has no POSIX owners and modes (nothing is
   * checked).
   */
  private final UserPrincipal me;

  private final SecretKeySpec secret;

  private DiskCache(Path dir, UserPrincipal me, byte[] secret) {
    this.dir = dir;
    this.me = me;
    this.secret = new SecretKeySpec(secret, HMAC);
  }

  /**
   * Opens the cache directory, creating it (mode 0700) and its secret if needed.
   *
   * @throws IllegalArgumentException if the directory or its secret may not be trusted (the message
   *     names the path and the fix)
   * @throws UncheckedIOException if the directory cannot be created or read
   */
  public static DiskCache open(Path dir) {
    try {
      boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (Files.isSymbolicLink(dir)) {
        throw new IllegalArgumentException(
            "compilation cache "
                + dir
                + " is a symbolic link (to "
                + Files.readSymbolicLink(dir)
                + "); it is refused because whoever can re-point the link chooses the code "
                + "the engine loads: pass the directory itself");
      }
      if (!Files.exists(dir, NOFOLLOW)) {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try {
          if (posix) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
          } else {
            Files.createDirectory(dir);
          }
        } catch (FileAlreadyExistsException raced) {
          // another thread or process made it first (or a link appeared): checked below like any
          // existing one
        }
        if (Files.isSymbolicLink(dir)) {
          throw new IllegalArgumentException(
              "compilation cache " + dir + " is a symbolic link; pass the directory " + "itself");
        }
      }
      UserPrincipal me = null;
      if (posix) {
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, NOFOLLOW);
        if (!attrs.isDirectory()) {
          throw new IllegalArgumentException("compilation cache " + dir + " is not a directory");
        }
        if (!Collections.disjoint(attrs.permissions(), WRITE_BY_OTHERS)) {
          throw new IllegalArgumentException(
              "compilation cache "
                  + dir
                  + " is writable by others ("
                  + PosixFilePermissions.toString(attrs.permissions())
                  + "); anyone who can write it can make the engine "
                  + "load code of their choosing: use a directory only you can write (chmod 700 "
                  + dir
                  + ")");
        }
        me = currentUser(dir);
        String problem = untrusted(attrs.owner(), attrs.permissions(), me, WRITE_BY_OTHERS);
        if (problem != null) {
          throw new IllegalArgumentException(
              "compilation cache "
                  + dir
                  + " "
                  + problem
                  + "; its owner can make the "
                  + "engine load code of their choosing: use a directory of your own (e.g. under your home), mode 700");
        }
      } else if (!Files.isDirectory(dir, NOFOLLOW)) {
        throw new IllegalArgumentException("compilation cache " + dir + " is not a directory");
      }
      return new DiskCache(dir, me, secret(dir, me));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open compilation cache " + dir + ": " + e, e);
    }
  }

  /**
   * Why a file or directory with this owner and these permissions may not be trusted by {@code me},
   * or null if it may: it must belong to {@code me} and allow none of {@code forbidden}.
   */
  static String untrusted(
      UserPrincipal owner,
      Set<PosixFilePermission> permissions,
      UserPrincipal me,
      Set<PosixFilePermission> forbidden) {
    if (!owner.equals(me)) {
      return "is owned by "
          + owner.getName()
          + ", not by "
          + me.getName()
          + " (the user this process runs as)";
    }
    if (!Collections.disjoint(permissions, forbidden)) {
      boolean write =
          permissions.contains(PosixFilePermission.GROUP_WRITE)
              || permissions.contains(PosixFilePermission.OTHERS_WRITE);
      return "is "
          + (write ? "writable" : "readable")
          + " by others ("
          + PosixFilePermissions.toString(permissions)
          + ")";
    }
    return null;
  }

  /**
   * The user this process runs as: the owner of a file it creates in {@code dir} (its effective
   * user, whatever {@code user.name} says), or, where it cannot write there, the user {@code
   * user.name} names.
   */
  private static UserPrincipal currentUser(Path dir) throws IOException {
    Path probe;
    try {
      probe = Files.createTempFile(dir, ".owner", ".tmp");
    } catch (IOException cannotWrite) {
      try {
        return dir.getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
      } catch (IOException | RuntimeException unknown) {
        throw new IllegalArgumentException(
            "compilation cache "
                + dir
                + " is not writable by this process ("
                + cannotWrite
                + "), so it cannot tell whether it owns it: use a directory of your own, mode 700",
            unknown);
      }
    }
    try {
      return Files.getOwner(probe, NOFOLLOW);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /**
   * The directory's secret, made if it has none; checked like the directory ({@code me} null: not
   * checked).
   */
  private static byte[] secret(Path dir, UserPrincipal me) throws IOException {
    Path file = dir.resolve(SECRET);
    if (!Files.exists(file, NOFOLLOW)) {
      create(dir, file);
    }
    BasicFileAttributes attrs =
        me == null
            ? Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW)
            : Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW);
    if (!attrs.isRegularFile()) {
      throw new IllegalArgumentException(
          "compilation cache secret "
              + file
              + " is not a regular file"
              + (attrs.isSymbolicLink() ? " but a symbolic link" : "")
              + ": delete it (a new secret is made; entries made "
              + "with the old one are compiled again)");
    }
    if (me != null) {
      PosixFileAttributes posix = (PosixFileAttributes) attrs;
      String problem = untrusted(posix.owner(), posix.permissions(), me, ANY_ACCESS_BY_OTHERS);
      if (problem != null) {
        throw new IllegalArgumentException(
            "compilation cache secret "
                + file
                + " "
                + problem
                + "; whoever can read "
                + "or replace it can forge entries: delete it (a new secret is made, mode 600; entries made with the old "
                + "one are compiled again)");
      }
    }
    byte[] bytes = read(file, SECRET_BYTES + 1);
    if (bytes == null || bytes.length != SECRET_BYTES) {
      throw new IllegalArgumentException(
          "compilation cache secret "
              + file
              + " is not "
              + SECRET_BYTES
              + " bytes: delete it (a new secret is made; entries made with the old one are compiled again)");
    }
    return bytes;
  }

  /**
   * Makes the secret: written in full to a temporary file (mode 0600), then linked to its name,
   * which fails if another thread or process made it first (theirs is then used). Without hard
   * links, a rename that does not replace.
   */
  private static void create(Path dir, Path file) throws IOException {
    byte[] bytes = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(bytes);
    Path tmp = tempFile(dir, ".secret");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          out.write(b);
        }
        out.force(true);
      }
      try {
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException lostTheRace) {
        // the other one's secret is whole (it was linked from a complete file): use it
      } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
        if (noHardLinks instanceof FileSystemException && Files.exists(file, NOFOLLOW)) {
          return; // the other one's secret, made in the meantime
        }
        try {
          Files.move(tmp, file);
        } catch (FileAlreadyExistsException lostTheRace) {
          // as above
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path tempFile(Path dir, String prefix) throws IOException {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? Files.createTempFile(
            dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, prefix, ".tmp", new FileAttribute<?>[0]);
  }

  /**
   * The bytes of {@code file}, read without following a link, or null if it has {@code limit} bytes
   * or more.
   */
  private static byte[] read(Path file, long limit) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW)) {
      long size = in.size();
      if (size >= limit) {
        return null;
      }
      ByteBuffer b = ByteBuffer.allocate((int) size);
      while (b.hasRemaining() && in.read(b) >= 0) {
        // until full or at the end
      }
      return b.hasRemaining()
          ? Arrays.copyOf(b.array(), b.position())
          : b.array(); // shrunk meanwhile: the MAC fails
    }
  }

  private static String checkKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("bad cache key '" + key + "'");
    }
    return key;
  }

  @Override
  public Optional<byte[]> get(String key) {
    Path entry = dir.resolve(checkKey(key) + ".bin");
    try {
      BasicFileAttributes attrs;
      try {
        attrs =
            me == null
                ? Files.readAttributes(entry, BasicFileAttributes.class, NOFOLLOW)
                : Files.readAttributes(entry, PosixFileAttributes.class, NOFOLLOW);
      } catch (NoSuchFileException absent) {
        return Optional.empty();
      }
      if (!attrs.isRegularFile()) {
        return refuse(key);
      }
      if (me != null) {
        PosixFileAttributes posix = (PosixFileAttributes) attrs;
        if (untrusted(posix.owner(), posix.permissions(), me, WRITE_BY_OTHERS) != null) {
          return refuse(key);
        }
      }
      byte[] file = read(entry, Integer.MAX_VALUE - 16);
      byte[] content = file == null ? null : verify(key, file);
      return content == null ? refuse(key) : Optional.of(content);
    } catch (IOException | RuntimeException unreadable) {
      return Optional
          .empty(); // e.g. removed meanwhile, or an I/O error: a miss, and the file is left alone
    }
  }

  /**
   * The content of {@code file} if it is a well-formed entry for {@code key} with a MAC that
   * verifies, else null.
   */
  private byte[] verify(String key, byte[] file) {
    int header = MAGIC.length + 3;
    if (file.length < header
        || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || file[MAGIC.length] != FORMAT) {
      return null;
    }
    int keyLength = ((file[MAGIC.length + 1] & 0xFF) << 8) | (file[MAGIC.length + 2] & 0xFF);
    int macAt = header + keyLength;
    int contentAt = macAt + MAC_BYTES;
    if (file.length < contentAt) {
      return null;
    }
    Mac mac = mac();
    mac.update(file, 0, macAt);
    mac.update(file, contentAt, file.length - contentAt);
    if (!MessageDigest.isEqual(mac.doFinal(), Arrays.copyOfRange(file, macAt, contentAt))) {
      return null; // tampered or torn
    }
    byte[] wanted = key.getBytes(StandardCharsets.US_ASCII);
    if (!Arrays.equals(file, header, macAt, wanted, 0, wanted.length)) {
      return null; // a genuine entry, for another key
    }
    return Arrays.copyOfRange(file, contentAt, file.length);
  }

  /** A miss, after deleting what was found under {@code key}: it must never reach an engine. */
  private Optional<byte[]> refuse(String key) {
    for (String suffix :
        new String[] {".bin", ".sha256"}) { // .sha256: the digest the previous layout kept beside
      try {
        Files.deleteIfExists(dir.resolve(key + suffix));
      } catch (IOException e) {
        // e.g. a directory in its place: still a miss
      }
    }
    return Optional.empty();
  }

  @Override
  public void put(String key, byte[] value) {
    byte[] name = checkKey(key).getBytes(StandardCharsets.US_ASCII);
    ByteBuffer header =
        ByteBuffer.allocate(MAGIC.length + 3 + name.length)
            .put(MAGIC)
            .put((byte) FORMAT)
            .putShort((short) name.length)
            .put(name);
    Mac mac = mac();
    mac.update(header.array());
    mac.update(value);
    byte[] tag = mac.doFinal();
    Path target = dir.resolve(key + ".bin");
    try {
      Path tmp = tempFile(dir, ".entry");
      try {
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
          out.write(header.array());
          out.write(tag);
          out.write(value);
        }
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(
            dir.resolve(key + ".sha256")); // the previous layout's digest, now stale
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // a cache that cannot be written only costs a recompile
    }
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(secret);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC + " is missing from this JVM", e);
    }
  }
}
