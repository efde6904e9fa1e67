package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmlayer.tck.support.KnownFailures;
import dev.wasmlayer.tck.support.ListFile;
import dev.wasmlayer.tck.support.TckBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Always fails. Every backend lists it as a known failure; if the list is not read, this breaks the
 * run, which proves the expected-failure machinery is wired. A second case keeps the list honest:
 * an entry naming no TCK test (renamed or deleted) would otherwise excuse nothing and go unnoticed.
 */
class CanaryTest extends TckBase {
  @Test
  void canary() {
    fail(
        "canary: always fails; list 'CanaryTest#canary | canary' in wasm-layer-tck/known-failures.txt");
  }

  @Test
  void everyKnownFailureNamesATest() {
    List<ListFile.Entry> entries = ListFile.read(KnownFailures.RESOURCE);
    assertTrue(
        entries.stream().anyMatch(e -> e.key().startsWith("CanaryTest#canary")),
        "the list was not found");
    List<String> stale = new ArrayList<>();
    for (ListFile.Entry e : entries) {
      String key = e.key().replaceAll("\\[.*]", "").trim();
      int hash = key.indexOf('#');
      if (hash <= 0 || !names(key.substring(0, hash), key.substring(hash + 1))) {
        stale.add(e.key());
      }
    }
    assertTrue(stale.isEmpty(), "known failures that name no TCK test method: " + stale);
  }

  private static boolean names(String simpleClass, String method) {
    try {
      Class<?> c = Class.forName(CanaryTest.class.getPackageName() + "." + simpleClass);
      return Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> m.getName().equals(method));
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
