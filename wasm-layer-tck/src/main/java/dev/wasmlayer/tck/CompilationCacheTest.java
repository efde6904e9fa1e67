package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.CompilationCache;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.Feature;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EngineConfig.Builder#cache}: a second compile of the same module is served from the cache, and still runs. */
@RequiresFeature(Feature.SERIALIZATION)
class CompilationCacheTest extends TckBase {
  /** Counts what the engine asks of a cache. */
  private static final class Counting implements CompilationCache {
    final CompilationCache inner;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();

    Counting(CompilationCache inner) {
      this.inner = inner;
    }

    @Override
    public Optional<byte[]> get(String key) {
      Optional<byte[]> v = inner.get(key);
      if (v.isPresent()) {
        hits.incrementAndGet();
      }
      return v;
    }

    @Override
    public void put(String key, byte[] value) {
      puts.incrementAndGet();
      inner.put(key, value);
    }
  }

  private static Engine cached(CompilationCache cache) {
    return Engines.create(Tck.provider().id(), Tck.config().toBuilder().cache(cache).build());
  }

  private static void addOneWorks(Engine e, Module m) {
    try (Store<Void> s = e.newStore(null)) {
      assertEquals(42, s.instantiate(m).func("add_one").orElseThrow().call(Value.i32(41))[0].i32());
    }
  }

  @Test
  void aSecondCompileIsServedFromTheCache() {
    Counting cache = new Counting(CompilationCache.inMemory());
    byte[] wasm = Tck.wasm("numbers");
    try (Engine first = cached(cache); Module m = first.compile(wasm)) {
      addOneWorks(first, m);
    }
    assertTrue(cache.puts.get() > 0, "the first compile stored code");
    assertEquals(0, cache.hits.get());
    long t0 = System.nanoTime();
    try (Engine second = cached(cache); Module m = second.compile(wasm)) {
      long micros = (System.nanoTime() - t0) / 1000;
      assertTrue(cache.hits.get() > 0, "the second compile read the cache");
      addOneWorks(second, m);
      System.out.println("wasm-layer: " + second.id() + " compile from cache (engine start included): " + micros + " us");
    }
  }

  @Test
  void anotherConfigurationDoesNotShareEntries() {
    Counting cache = new Counting(CompilationCache.inMemory());
    byte[] wasm = Tck.wasm("numbers");
    try (Engine e = cached(cache); Module m = e.compile(wasm)) {
      addOneWorks(e, m);
    }
    EngineConfig other = Tck.config().toBuilder().cache(cache).interruption(!Tck.config().interruption()).build();
    try (Engine e = Engines.create(Tck.provider().id(), other); Module m = e.compile(wasm)) {
      addOneWorks(e, m);
    }
    assertEquals(0, cache.hits.get(), "a different configuration must not reuse compiled code");
  }

  @Test
  void theDiskCacheIsPrivateAndRefusesTamperedEntries(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("cache");
    byte[] wasm = Tck.wasm("numbers");
    try (Engine e = cached(CompilationCache.onDisk(dir)); Module m = e.compile(wasm)) {
      addOneWorks(e, m);
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    Path entry;
    try (Stream<Path> files = Files.list(dir)) {
      entry = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(entry, bytes);
    Counting cache = new Counting(CompilationCache.onDisk(dir));
    try (Engine e = cached(cache); Module m = e.compile(wasm)) {
      addOneWorks(e, m); // compiled afresh: the tampered entry was a miss
    }
    assertEquals(0, cache.hits.get(), "a tampered entry must never be used");
    assertFalse(java.util.Arrays.equals(bytes, Files.readAllBytes(entry)), "the entry was rewritten");
  }

  @Test
  void aDirectoryOthersCanWriteIsRefused(@TempDir Path tmp) throws IOException {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompilationCache.onDisk(open));
    assertTrue(e.getMessage().contains("writable by others"), e.getMessage());
  }
}
