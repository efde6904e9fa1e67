package dev.wasmlayer.componentmodel.wasi;

import static dev.wasmlayer.componentmodel.wasi.Wit.STRING;
import static dev.wasmlayer.componentmodel.wasi.Wit.U32;
import static dev.wasmlayer.componentmodel.wasi.Wit.U64;

import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.wasihost.SandboxDir;
import dev.wasmlayer.wasihost.SandboxStat;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The value types of {@code wasi:filesystem/types} and the Java values they take. */
final class FsTypes {
  static final WitType DATETIME = Wit.record("seconds", U64, "nanoseconds", U32);
  static final WitType DESCRIPTOR_TYPE =
      Wit.enumOf(
          "unknown",
          "block-device",
          "character-device",
          "directory",
          "fifo",
          "symbolic-link",
          "regular-file",
          "socket");
  static final WitType DESCRIPTOR_FLAGS =
      Wit.flags(
          "read",
          "write",
          "file-integrity-sync",
          "data-integrity-sync",
          "requested-write-sync",
          "mutate-directory");
  static final WitType PATH_FLAGS = Wit.flags("symlink-follow");
  static final WitType OPEN_FLAGS = Wit.flags("create", "directory", "exclusive", "truncate");
  static final WitType DESCRIPTOR_STAT =
      Wit.record(
          "type",
          DESCRIPTOR_TYPE,
          "link-count",
          U64,
          "size",
          U64,
          "data-access-timestamp",
          Wit.option(DATETIME),
          "data-modification-timestamp",
          Wit.option(DATETIME),
          "status-change-timestamp",
          Wit.option(DATETIME));
  static final WitType NEW_TIMESTAMP =
      Wit.variant(
          Wit.variantCase("no-change", null),
          Wit.variantCase("now", null),
          Wit.variantCase("timestamp", DATETIME));
  static final WitType DIRECTORY_ENTRY = Wit.record("type", DESCRIPTOR_TYPE, "name", STRING);
  static final WitType ERROR_CODE = Wit.enumOf(ErrorCodes.ALL);
  static final WitType ADVICE =
      Wit.enumOf("normal", "sequential", "random", "will-need", "dont-need", "no-reuse");
  static final WitType METADATA_HASH_VALUE = Wit.record("lower", U64, "upper", U64);

  private FsTypes() {}

  static String type(SandboxStat.Type t) {
    return switch (t) {
      case DIRECTORY -> "directory";
      case REGULAR_FILE -> "regular-file";
      case SYMBOLIC_LINK -> "symbolic-link";
      case UNKNOWN -> "unknown";
    };
  }

  static Optional<Map<String, Object>> datetime(FileTime t) {
    if (t == null) {
      return Optional.empty();
    }
    Instant i = t.toInstant();
    return Optional.of(Clocks.datetime(i.getEpochSecond(), i.getNano()));
  }

  static Map<String, Object> stat(SandboxStat st) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type(st.type()));
    m.put("link-count", 1L);
    m.put("size", st.size());
    m.put("data-access-timestamp", datetime(st.accessed()));
    m.put("data-modification-timestamp", datetime(st.modified()));
    // the JDK's basic attributes have no change time: the modification time, as preview 1 reports
    m.put("status-change-timestamp", datetime(st.modified()));
    return m;
  }

  /** A hash of what identifies a file's version: device, inode, size and modification time. */
  static Map<String, Object> metadataHash(SandboxStat st) {
    long mtime = st.modified() == null ? 0 : st.modified().to(TimeUnit.NANOSECONDS);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lower", mix(st.device() * 31 + st.inode()));
    m.put("upper", mix(st.size() * 31 + mtime));
    return m;
  }

  /** A 64-bit finaliser (splitmix64's) so near values hash far apart. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A {@code new-timestamp}: the time to set, or null for {@code no-change}. */
  static FileTime newTimestamp(Object v) {
    WitVariant w = Values.as(WitVariant.class, v, "new-timestamp");
    return switch (w.caseName()) {
      case "no-change" -> null;
      case "now" -> FileTime.from(Instant.now());
      case "timestamp" -> {
        Map<?, ?> d = (Map<?, ?>) w.payload();
        long secs = Values.u64(d.get("seconds"));
        long nanos = Integer.toUnsignedLong(((Number) d.get("nanoseconds")).intValue());
        yield FileTime.from(Instant.ofEpochSecond(secs).plusNanos(nanos));
      }
      default -> throw new IllegalArgumentException("no new-timestamp case " + w.caseName());
    };
  }

  static Map<String, Object> entry(SandboxDir.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type(e.type()));
    m.put("name", e.name());
    return m;
  }
}
