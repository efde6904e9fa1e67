package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.wasihost.SandboxDir;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One store's WASI 0.2 state and its resource types. Resource types are nominal: each is made once
 * here, and every interface that uses one refers to this same object.
 */
final class WasiState {
  final ResourceType error = ResourceType.host("error");
  final ResourceType pollable = ResourceType.host("pollable");
  final ResourceType inputStream = ResourceType.host("input-stream");
  final ResourceType outputStream = ResourceType.host("output-stream");
  final ResourceType terminalInput = ResourceType.host("terminal-input");
  final ResourceType terminalOutput = ResourceType.host("terminal-output");
  final ResourceType descriptor = ResourceType.host("descriptor", this::dropDescriptor);
  final ResourceType directoryEntryStream = ResourceType.host("directory-entry-stream");

  final List<String> args;
  final Map<String, String> env;
  final Streams.In stdin;
  final Streams.Out stdout;
  final Streams.Out stderr;
  final Clocks clocks;
  final Random random;
  final List<SandboxDir> preopens;
  final BooleanSupplier stopRequested;

  /**
   * Files and directories the guest opened and has not dropped: closed with the store, and at most
   * {@link #MAX_OPEN} at once so a guest cannot exhaust the host's descriptors.
   */
  private final Set<Closeable> open = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Descriptors a guest may hold open at once, besides the preopens (preview 1's limit). */
  static final int MAX_OPEN = 1024;

  WasiState(
      List<String> args,
      Map<String, String> env,
      Streams.In stdin,
      Streams.Out stdout,
      Streams.Out stderr,
      Clocks clocks,
      Random random,
      List<SandboxDir> preopens,
      BooleanSupplier stopRequested) {
    this.args = args;
    this.env = env;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.clocks = clocks;
    this.random = random;
    this.preopens = preopens;
    this.stopRequested = stopRequested;
  }

  /** Whether another descriptor may be opened. */
  boolean mayOpen() {
    return open.size() < MAX_OPEN;
  }

  /** Records a descriptor the guest now holds. */
  <C extends Closeable> C opened(C c) {
    open.add(c);
    return c;
  }

  /**
   * A descriptor the guest dropped: a file or directory it opened is closed; a preopen stays open
   * (each {@code get-directories} hands out the same one), closed with the store.
   */
  private void dropDescriptor(Object o) {
    if (o instanceof Closeable c && open.remove(c)) {
      close(c);
    }
  }

  /** Closes every descriptor the guest still holds. */
  void closeAll() {
    for (Closeable c : List.copyOf(open)) {
      close(c);
    }
    open.clear();
  }

  private static void close(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // the guest is done with it; a failed close changes nothing it can see
    }
  }
}
