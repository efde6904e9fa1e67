package dev.wasmlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.testproviders.ServiceFileLoader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery with 0, 1, 2, broken and unavailable providers, asserting the exact diagnostics users
 * read.
 */
class DiscoveryTest {
  private static final String P = "dev.wasmlayer.testproviders.";
  private static final String ADD =
      "wasm-layer: add an engine artifact: dev.wasmlayer:wasm-layer-chicory (pure Java, "
          + "runs anywhere), dev.wasmlayer:wasm-layer-wasmtime with dev.wasmlayer:wasm-layer-wasmtime-natives for your "
          + "platform (native, fastest; classifier e.g. linux-x86_64) or dev.wasmlayer:wasm-layer-graalwasm (GraalVM "
          + "polyglot).";
  private static final String CHOOSE = "wasm-layer: choose one with -Ddev.wasmlayer.engine=ID.";

  @AfterEach
  void clearProperty() {
    System.clearProperty(Engines.ENGINE_PROPERTY);
  }

  private static List<String> lines(Throwable e) {
    return List.of(e.getMessage().split(System.lineSeparator()));
  }

  private static List<String> describe(ClassLoader loader) {
    return Engines.providers(loader).stream()
        .map(ProviderStatus::describe)
        .collect(Collectors.toList());
  }

  @Test
  void noProviderSaysWhatToAdd() {
    ServiceFileLoader loader = new ServiceFileLoader();
    assertEquals(List.of(), Engines.providers(loader));
    NoEngineException e = assertThrows(NoEngineException.class, () -> Engines.provider(loader));
    assertEquals(
        List.of("wasm-layer: no WebAssembly engine found on the class path.", ADD, CHOOSE),
        lines(e));
  }

  @Test
  void oneProviderIsChosen() {
    assertEquals("alpha", Engines.provider(new ServiceFileLoader(P + "AlphaProvider")).id());
  }

  @Test
  void theHighestPriorityWinsWhateverTheOrder() {
    assertEquals(
        "beta",
        Engines.provider(new ServiceFileLoader(P + "AlphaProvider", P + "BetaProvider")).id());
    ServiceFileLoader reversed = new ServiceFileLoader(P + "BetaProvider", P + "AlphaProvider");
    assertEquals("beta", Engines.provider(reversed).id());
    assertEquals(
        List.of("beta (BETA 1.0, priority 20): usable", "alpha (ALPHA 1.0, priority 10): usable"),
        describe(reversed));
  }

  @Test
  void anUnavailableEngineIsListedWithItsReasonAndPassedOver() {
    ServiceFileLoader loader = new ServiceFileLoader(P + "GammaProvider", P + "AlphaProvider");
    assertEquals(
        "alpha", Engines.provider(loader).id(), "priority 500 does not matter when unavailable");
    assertEquals(
        List.of(
            "alpha (ALPHA 1.0, priority 10): usable",
            "gamma (GAMMA 1.0, priority 500): unavailable: needs libgamma.so; set GAMMA_PATH"),
        describe(loader));
  }

  @Test
  void aBrokenProviderIsReportedAndDoesNotHideTheOthers() {
    ServiceFileLoader loader = new ServiceFileLoader(P + "BrokenProvider", P + "AlphaProvider");
    assertEquals("alpha", Engines.provider(loader).id());
    assertEquals(
        List.of(
            "alpha (ALPHA 1.0, priority 10): usable",
            P
                + "BrokenProvider: broken: ServiceConfigurationError: dev.wasmlayer.spi.EngineProvider: Provider "
                + P
                + "BrokenProvider could not be instantiated (caused by IllegalStateException: boom)"),
        describe(loader));
  }

  @Test
  void aProviderCompiledForANewerJdkIsReported() {
    ServiceFileLoader loader =
        new ServiceFileLoader(
            List.of(P + "BetaProvider", P + "AlphaProvider"), Set.of(P + "BetaProvider"));
    assertEquals("alpha", Engines.provider(loader).id());
    List<ProviderStatus> all = Engines.providers(loader);
    assertEquals(2, all.size());
    ProviderStatus broken = all.get(1);
    assertEquals(ProviderStatus.State.BROKEN, broken.state());
    assertEquals(P + "BetaProvider", broken.id());
    assertTrue(
        broken
            .reason()
            .startsWith(
                "UnsupportedClassVersionError: "
                    + P
                    + "BetaProvider has been compiled by "
                    + "a more recent version"),
        broken.reason());
  }

  @Test
  void aMissingProviderClassIsReported() {
    ServiceFileLoader loader = new ServiceFileLoader(P + "NoSuchProvider", P + "AlphaProvider");
    assertEquals("alpha", Engines.provider(loader).id());
    assertEquals(
        "dev.wasmlayer.spi.EngineProvider: Provider " + P + "NoSuchProvider not found",
        Engines.providers(loader).get(1).reason().replaceFirst("^ServiceConfigurationError: ", ""));
  }

  @Test
  void noUsableEngineListsEveryProviderWithItsReason() {
    ServiceFileLoader loader = new ServiceFileLoader(P + "GammaProvider", P + "BrokenProvider");
    NoEngineException e = assertThrows(NoEngineException.class, () -> Engines.provider(loader));
    assertEquals(
        List.of(
            "wasm-layer: no usable WebAssembly engine; found 2:",
            "wasm-layer:   gamma (GAMMA 1.0, priority 500): unavailable: needs libgamma.so; set GAMMA_PATH",
            "wasm-layer:   "
                + P
                + "BrokenProvider: broken: ServiceConfigurationError: dev.wasmlayer.spi.EngineProvider: "
                + "Provider "
                + P
                + "BrokenProvider could not be instantiated (caused by IllegalStateException: boom)",
            ADD,
            CHOOSE),
        lines(e));
  }

  @Test
  void theSystemPropertyBeatsPriority() {
    System.setProperty(Engines.ENGINE_PROPERTY, "alpha");
    assertEquals(
        "alpha",
        Engines.provider(new ServiceFileLoader(P + "AlphaProvider", P + "BetaProvider")).id());
  }

  @Test
  void aProviderCanBeChosenByClassNameEvenUnregistered() {
    System.setProperty(Engines.ENGINE_PROPERTY, P + "OffListProvider");
    assertEquals("offlist", Engines.provider(new ServiceFileLoader(P + "AlphaProvider")).id());
  }

  @Test
  void aChosenEngineThatIsMissingFailsWithoutFallback() {
    System.setProperty(Engines.ENGINE_PROPERTY, "delta");
    NoEngineException e =
        assertThrows(
            NoEngineException.class,
            () -> Engines.provider(new ServiceFileLoader(P + "AlphaProvider", P + "BetaProvider")));
    assertEquals(
        "wasm-layer: engine 'delta' was chosen by -Ddev.wasmlayer.engine but is not on the class path; "
            + "found: [beta, alpha].",
        e.getMessage());
  }

  @Test
  void aChosenEngineThatIsUnavailableSaysWhy() {
    System.setProperty(Engines.ENGINE_PROPERTY, "gamma");
    NoEngineException e =
        assertThrows(
            NoEngineException.class,
            () ->
                Engines.provider(new ServiceFileLoader(P + "GammaProvider", P + "AlphaProvider")));
    assertEquals(
        "wasm-layer: engine 'gamma' was chosen by -Ddev.wasmlayer.engine but is unavailable: "
            + "needs libgamma.so; set GAMMA_PATH",
        e.getMessage());
  }

  @Test
  void anIdPassedInCodeBeatsTheProperty() {
    System.setProperty(Engines.ENGINE_PROPERTY, "beta");
    assertEquals(
        "alpha",
        Engines.provider("alpha", new ServiceFileLoader(P + "AlphaProvider", P + "BetaProvider"))
            .id());
  }

  @Test
  void theChoiceAmongSeveralSaysWhyEachOtherWasPassedOverOnOneLine() {
    ServiceFileLoader loader =
        new ServiceFileLoader(P + "GammaProvider", P + "AlphaProvider", P + "BetaProvider");
    List<ProviderStatus> all = Engines.providers(loader);
    String line = Engines.choiceMessage(all.get(0), all);
    assertEquals(
        "wasm-layer: chose engine 'beta' (priority 20) among [beta, alpha, gamma]; "
            + "alpha passed over: lower priority (10); "
            + "gamma passed over: unavailable: needs libgamma.so; set GAMMA_PATH; "
            + "set -Ddev.wasmlayer.engine=ID to choose another",
        line);
    assertFalse(line.contains(System.lineSeparator()), "one line");
  }
}
