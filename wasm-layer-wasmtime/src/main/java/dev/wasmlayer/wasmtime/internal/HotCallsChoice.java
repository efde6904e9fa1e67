package dev.wasmlayer.wasmtime.internal;

/**
 * Picks the {@link HotCalls} implementation once, on first use (after the library is bound): FFM on
 * JDK 22+ when built, JNA otherwise or when {@code -Ddev.wasmlayer.wasmtime.ffm=false}.
 */
final class HotCallsChoice {
  /** The property that turns the FFM path off. */
  static final String PROPERTY = "dev.wasmlayer.wasmtime.ffm";

  static final HotCalls IMPL = choose();

  private HotCallsChoice() {}

  private static HotCalls choose() {
    System.Logger log = System.getLogger("dev.wasmlayer.wasmtime");
    if ("false".equals(System.getProperty(PROPERTY)) || Runtime.version().feature() < 22) {
      return JnaHotCalls.INSTANCE;
    }
    try {
      Class<?> ffm = Class.forName("dev.wasmlayer.wasmtime.internal.FfmHotCalls");
      return (HotCalls) ffm.getDeclaredField("INSTANCE").get(null);
    } catch (ClassNotFoundException e) {
      log.log(
          System.Logger.Level.INFO,
          "wasmtime: the FFM path was not built (built on a JDK before 22); using JNA");
      return JnaHotCalls.INSTANCE;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.log(
          System.Logger.Level.WARNING, "wasmtime: the FFM path failed to start, using JNA: " + e);
      return JnaHotCalls.INSTANCE;
    }
  }
}
