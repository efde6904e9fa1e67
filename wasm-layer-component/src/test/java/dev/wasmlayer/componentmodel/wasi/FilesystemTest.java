package dev.wasmlayer.componentmodel.wasi;

import static dev.wasmlayer.componentmodel.wasi.Host.FOLLOW;
import static dev.wasmlayer.componentmodel.wasi.Host.NOFOLLOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.wasi.WasiConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasi:filesystem} inside a temporary preopen: files, directories, streams, listing. */
@Timeout(60)
class FilesystemTest {
  private static final String TYPES = FilesystemFunctions.TYPES;
  private static final String STREAMS = IoFunctions.STREAMS;
  private static final Set<String> RW = Set.of("read", "write");
  private static final Set<String> R = Set.of("read");
  private static final Set<String> CREATE = Set.of("create");

  @TempDir Path tmp;

  private Host host(boolean readOnly) {
    return new Host(WasiConfig.builder().preopen(tmp, "/sandbox", readOnly).build());
  }

  /** The one preopen's descriptor, checking its name. */
  static Object preopen(Host h) throws Exception {
    List<?> dirs = (List<?>) h.call(FilesystemFunctions.PREOPENS, "get-directories");
    assertEquals(1, dirs.size());
    List<?> pair = (List<?>) dirs.get(0);
    assertEquals("/sandbox", pair.get(1));
    return pair.get(0);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void openWriteReadAndStatAFile() throws Exception {
    try (Host h = host(false)) {
      Object dir = preopen(h);
      Object f = h.fs("open-at", dir, NOFOLLOW, "new.txt", CREATE, RW);
      assertEquals(5L, h.fs("write", f, utf8("hello"), 0L));
      assertEquals(6L, h.fs("write", f, utf8(" world"), 5L));
      assertEquals("hello world", Files.readString(tmp.resolve("new.txt")));
      List<?> read = (List<?>) h.fs("read", f, 5L, 0L);
      assertArrayEquals(utf8("hello"), (byte[]) read.get(0));
      assertEquals(false, read.get(1));
      read = (List<?>) h.fs("read", f, 100L, 6L);
      assertArrayEquals(utf8("world"), (byte[]) read.get(0));
      assertEquals(true, read.get(1), "the end of the file is reported");

      Map<?, ?> st = (Map<?, ?>) h.fs("stat", f);
      assertEquals("regular-file", st.get("type"));
      assertEquals(11L, st.get("size"));
      assertTrue(((Optional<?>) st.get("data-modification-timestamp")).isPresent());
      assertEquals(
          List.of(
              "type",
              "link-count",
              "size",
              "data-access-timestamp",
              "data-modification-timestamp",
              "status-change-timestamp"),
          new ArrayList<>(st.keySet()),
          "fields in WIT order");
      assertEquals("regular-file", h.fs("get-type", f));
      assertEquals(RW, h.fs("get-flags", f));
      assertEquals("directory", h.fs("get-type", dir));
      assertEquals(Set.of("read", "mutate-directory"), h.fs("get-flags", dir));
      Map<?, ?> at = (Map<?, ?>) h.fs("stat-at", dir, NOFOLLOW, "new.txt");
      assertEquals(11L, at.get("size"));
      assertEquals(h.fs("metadata-hash", f), h.fs("metadata-hash-at", dir, NOFOLLOW, "new.txt"));
      assertNotEquals(h.fs("metadata-hash", f), h.fs("metadata-hash", dir));
      assertEquals(
          true,
          h.call(
              TYPES,
              "[method]descriptor.is-same-object",
              f,
              h.fs("open-at", dir, NOFOLLOW, "new.txt", Set.of(), R)));

      h.fs("set-size", f, 3L);
      assertEquals("hel", Files.readString(tmp.resolve("new.txt")));
      h.fs("sync", f);
      h.fs("sync-data", f);
      assertEquals("is-directory", h.fsErr("read", dir, 1L, 0L));
      assertEquals("not-directory", h.fsErr("open-at", f, NOFOLLOW, "x", Set.of(), R));
      assertEquals(
          "exist", h.fsErr("open-at", dir, NOFOLLOW, "new.txt", Set.of("create", "exclusive"), RW));
      assertEquals("no-entry", h.fsErr("open-at", dir, NOFOLLOW, "missing", Set.of(), R));
      assertEquals("is-directory", h.fsErr("open-at", dir, NOFOLLOW, ".", Set.of(), RW));
    }
  }

  @Test
  void streamsOverAFile() throws Exception {
    Files.writeString(tmp.resolve("data.txt"), "0123456789");
    try (Host h = host(false)) {
      Object dir = preopen(h);
      Object f = h.fs("open-at", dir, NOFOLLOW, "data.txt", Set.of(), RW);
      Object in = h.fs("read-via-stream", f, 4L);
      assertArrayEquals(utf8("456"), (byte[]) h.ok(STREAMS, "[method]input-stream.read", in, 3L));
      assertArrayEquals(
          utf8("789"), (byte[]) h.ok(STREAMS, "[method]input-stream.blocking-read", in, 99L));
      assertEquals(WitVariant.of("closed"), h.err(STREAMS, "[method]input-stream.read", in, 1L));

      Object out = h.fs("write-via-stream", f, 2L);
      h.ok(STREAMS, "[method]output-stream.blocking-write-and-flush", out, utf8("ab"));
      h.ok(STREAMS, "[method]output-stream.write", out, utf8("cd"));
      Object app = h.fs("append-via-stream", f);
      h.ok(STREAMS, "[method]output-stream.write", app, utf8("!"));
      assertEquals("01abcd6789!", Files.readString(tmp.resolve("data.txt")));

      Object ro = h.fs("open-at", dir, NOFOLLOW, "data.txt", Set.of(), R);
      assertEquals("bad-descriptor", h.fsErr("write-via-stream", ro, 0L));
      assertEquals("bad-descriptor", h.fsErr("write", ro, utf8("x"), 0L));

      // a stream over a descriptor the guest dropped fails with a file system error code
      Object in2 = h.fs("read-via-stream", ro, 0L);
      descriptorType(h).drop(ro);
      WitVariant e = (WitVariant) h.err(STREAMS, "[method]input-stream.read", in2, 4L);
      assertEquals("last-operation-failed", e.caseName());
      assertEquals(
          Optional.of("bad-descriptor"), h.call(TYPES, "filesystem-error-code", e.payload()));
      Object stdoutError =
          new IoError("from a Java stream", null); // an error no file system operation made
      assertEquals(Optional.empty(), h.call(TYPES, "filesystem-error-code", stdoutError));
    }
  }

  private static ResourceType descriptorType(Host h) {
    return h.wasi.forInterface(TYPES).orElseThrow().resource("descriptor").orElseThrow().type();
  }

  @Test
  void directoriesAreListedMadeRenamedAndRemoved() throws Exception {
    Files.writeString(tmp.resolve("a.txt"), "a");
    Files.createDirectory(tmp.resolve("sub"));
    Files.createSymbolicLink(tmp.resolve("link"), Path.of("a.txt"));
    try (Host h = host(false)) {
      Object dir = preopen(h);
      assertEquals(
          Map.of("a.txt", "regular-file", "sub", "directory", "link", "symbolic-link"),
          list(h, dir));

      h.fs("create-directory-at", dir, "made");
      assertTrue(Files.isDirectory(tmp.resolve("made")));
      assertEquals("exist", h.fsErr("create-directory-at", dir, "made"));
      h.fs("rename-at", dir, "a.txt", dir, "made/b.txt");
      assertEquals("a", Files.readString(tmp.resolve("made/b.txt")));
      assertEquals("not-empty", h.fsErr("remove-directory-at", dir, "made"));
      Object made = h.fs("open-at", dir, NOFOLLOW, "made", Set.of("directory"), R);
      assertEquals(Map.of("b.txt", "regular-file"), list(h, made));
      h.fs("unlink-file-at", made, "b.txt");
      h.fs("remove-directory-at", dir, "made");
      assertFalse(Files.exists(tmp.resolve("made")));

      assertEquals("a.txt", h.fs("readlink-at", dir, "link"));
      assertEquals("invalid", h.fsErr("readlink-at", dir, "sub"));
      h.fs("symlink-at", dir, "sub", "to-sub");
      assertEquals("sub", Files.readSymbolicLink(tmp.resolve("to-sub")).toString());
      assertEquals("directory", ((Map<?, ?>) h.fs("stat-at", dir, FOLLOW, "to-sub")).get("type"));
      assertEquals(
          "symbolic-link", ((Map<?, ?>) h.fs("stat-at", dir, NOFOLLOW, "to-sub")).get("type"));
      assertEquals(
          "not-directory", h.fsErr("open-at", dir, NOFOLLOW, "link", Set.of("directory"), R));
      h.fs(
          "set-times-at",
          dir,
          NOFOLLOW,
          "sub",
          WitVariant.of("no-change"),
          new WitVariant("timestamp", Map.of("seconds", 1_000_000L, "nanoseconds", 0)));
      assertEquals(1_000_000L, Files.getLastModifiedTime(tmp.resolve("sub")).toMillis() / 1000);
    }
  }

  private static Map<String, String> list(Host h, Object dir) throws Exception {
    Object stream = h.fs("read-directory", dir);
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      Optional<?> e =
          (Optional<?>) h.ok(TYPES, "[method]directory-entry-stream.read-directory-entry", stream);
      if (e.isEmpty()) {
        return out;
      }
      Map<?, ?> entry = (Map<?, ?>) e.get();
      out.put((String) entry.get("name"), (String) entry.get("type"));
    }
    throw new AssertionError("the listing did not end");
  }

  @Test
  void droppingADescriptorClosesItButAPreopenStaysOpen() throws Exception {
    Files.writeString(tmp.resolve("a.txt"), "a");
    try (Host h = host(false)) {
      Object dir = preopen(h);
      Object f = h.fs("open-at", dir, NOFOLLOW, "a.txt", Set.of(), R);
      descriptorType(h).drop(f);
      assertEquals("bad-descriptor", h.fsErr("read", f, 1L, 0L));
      descriptorType(h).drop(dir);
      Object again = preopen(h);
      assertEquals(dir, again, "the same preopen every time");
      h.fs("stat-at", again, NOFOLLOW, "a.txt");
    }
  }

  @Test
  void offsetsPastTwoToThe63AreErrorsNotAppends() throws Exception {
    Files.writeString(tmp.resolve("f.txt"), "keep");
    try (Host h = host(false)) {
      Object dir = preopen(h);
      Object f = h.fs("open-at", dir, NOFOLLOW, "f.txt", Set.of(), RW);
      long huge = Long.MIN_VALUE; // u64 2^63
      Object out = h.fs("write-via-stream", f, huge);
      WitVariant e = (WitVariant) h.err(STREAMS, "[method]output-stream.write", out, utf8("x"));
      assertEquals(
          Optional.of("file-too-large"), h.call(TYPES, "filesystem-error-code", e.payload()));
      assertEquals("file-too-large", h.fsErr("write", f, utf8("x"), huge));
      assertEquals("file-too-large", h.fsErr("write", f, utf8("xy"), Long.MAX_VALUE));
      Object in = h.fs("read-via-stream", f, -1L);
      assertEquals(WitVariant.of("closed"), h.err(STREAMS, "[method]input-stream.read", in, 4L));
      List<?> read = (List<?>) h.fs("read", f, 4L, -1L);
      assertEquals(0, ((byte[]) read.get(0)).length);
      assertEquals(true, read.get(1));
      assertEquals("keep", Files.readString(tmp.resolve("f.txt")), "nothing was appended");
    }
  }

  @Test
  void openDescriptorsAreBoundedAndClosedWithTheStore() throws Exception {
    Files.writeString(tmp.resolve("a.txt"), "a");
    Object f;
    Object extra;
    try (Host h = host(false)) {
      Object dir = preopen(h);
      List<Object> held = new ArrayList<>();
      for (int i = 0; i < WasiState.MAX_OPEN; i++) {
        held.add(h.fs("open-at", dir, NOFOLLOW, "a.txt", Set.of(), R));
      }
      assertEquals("io", h.fsErr("open-at", dir, NOFOLLOW, "a.txt", Set.of(), R));
      descriptorType(h).drop(held.get(0));
      extra = h.fs("open-at", dir, NOFOLLOW, "a.txt", Set.of(), R);
      f = held.get(1);
      assertEquals(1, ((byte[]) ((List<?>) h.fs("read", f, 1L, 0L)).get(0)).length);
      h.wasi.close();
      assertEquals("bad-descriptor", h.fsErr("read", f, 1L, 0L), "closed with the store");
      assertEquals("bad-descriptor", h.fsErr("read", extra, 1L, 0L));
    }
  }

  @Test
  void aWrongObjectAsDescriptorIsATypedError() {
    try (Host h = host(false)) {
      assertThrows(IllegalArgumentException.class, () -> h.fs("stat", "not a descriptor"));
    }
  }

  @Test
  void aResultIsAlwaysAWitResult() throws Exception {
    try (Host h = host(false)) {
      assertTrue(h.call(TYPES, "[method]descriptor.stat", preopen(h)) instanceof WitResult);
    }
  }
}
