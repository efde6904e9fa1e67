/** The wasm-layer TCK: the JUnit 5 suite every engine runs against itself. */
module dev.wasmlayer.tck {
  requires transitive dev.wasmlayer.api;
  requires transitive org.junit.jupiter.api;
  requires dev.wasmlayer.wat; // assembles the text some tests link
  requires org.junit.jupiter.params;
  requires org.junit
      .platform
      .launcher; // TimeoutDefaultTest runs a hanging test in a nested launcher
  requires java.management; // HostileInputTest measures compile time as CPU time
  requires jdk.management; // the WASI bad-argument tests count the bytes the calling thread
  // allocates
  requires java.compiler; // ChildLoaderTest compiles a plugin's classes at test time

  exports dev.wasmlayer.tck;
  exports dev.wasmlayer.tck.support;
  exports dev.wasmlayer.tck.spec;

  opens dev.wasmlayer.tck to
      org.junit.platform.commons;
  opens dev.wasmlayer.tck.support to
      org.junit.platform.commons;
  opens dev.wasmlayer.tck.spec to
      org.junit.platform.commons;
// dev.wasmlayer.tck.views is neither exported nor opened: the typed-view tests reach it only with
// their own lookup
}
