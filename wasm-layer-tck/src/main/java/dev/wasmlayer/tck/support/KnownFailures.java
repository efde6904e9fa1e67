package dev.wasmlayer.tck.support;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Expected failures per engine. A backend lists them in {@value #RESOURCE} on its test class path,
 * one per line: {@code TestClass#method | reason}, or {@code TestClass#method [INTERPRETER] |
 * reason} for one strategy only; lines starting with {@code #} are comments. A listed test that
 * fails is reported as aborted with its reason; a listed test that passes fails the run, so the
 * list stays true. Entries are for engine limits and bugs, never this layer's bugs.
 */
public final class KnownFailures implements InvocationInterceptor {
  /** Where backends put their list. */
  public static final String RESOURCE = "wasm-layer-tck/known-failures.txt";

  private static Map<String, String> entries;

  /** Made by JUnit, through {@code @ExtendWith}. */
  public KnownFailures() {}

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    intercept(invocation, context);
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    intercept(invocation, context);
  }

  private static void intercept(Invocation<Void> invocation, ExtensionContext context)
      throws Throwable {
    String key =
        context.getRequiredTestClass().getSimpleName()
            + "#"
            + context.getRequiredTestMethod().getName();
    String reason = entries().get(key);
    if (reason == null) {
      reason = entries().get(key + " [" + Tck.strategy() + "]");
    }
    if (reason == null) {
      invocation.proceed();
      return;
    }
    try {
      invocation.proceed();
    } catch (Throwable failure) {
      throw new TestAbortedException(
          "known failure on " + Tck.provider().id() + ": " + reason + " (" + failure + ")");
    }
    throw new AssertionFailedError(
        key
            + " is listed as a known failure on "
            + Tck.provider().id()
            + " but passed; remove it from "
            + RESOURCE);
  }

  /**
   * Every entry of every list on the class path, keyed {@code Class#method} or {@code Class#method
   * [STRATEGY]}.
   */
  static synchronized Map<String, String> entries() {
    if (entries == null) {
      Map<String, String> map = new HashMap<>();
      for (ListFile.Entry e : ListFile.read(RESOURCE)) {
        String key = e.key().replaceAll("\\s+", " ");
        int open = key.indexOf('[');
        if (open > 0) {
          key = key.substring(0, open).trim() + " " + key.substring(open).toUpperCase(Locale.ROOT);
        }
        map.put(key, e.reason());
      }
      entries = map;
    }
    return entries;
  }
}
