package dev.wasmlayer.componentmodel.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.ComponentImports.HostFunc;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.wasi.WasiConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The served types against WASI 0.2's WIT, written out here by hand for the functions the preview 1
 * adapter of {@code jco new --wasi-command} imports, and resource identity across interfaces.
 */
class SignatureTest {
  private static final String SE = "variant { last-operation-failed(own<error>), closed }";
  private static final String EC =
      "enum { access, would-block, already, bad-descriptor, busy, deadlock, quota, exist,"
          + " file-too-large, illegal-byte-sequence, in-progress, interrupted, invalid, io,"
          + " is-directory, loop, too-many-links, message-size, name-too-long, no-device,"
          + " no-entry, no-lock, insufficient-memory, insufficient-space, not-directory,"
          + " not-empty, not-recoverable, unsupported, no-tty, no-such-device, overflow,"
          + " not-permitted, pipe, read-only, invalid-seek, text-file-busy, cross-device }";
  private static final String DT = "record { seconds: u64, nanoseconds: u32 }";
  private static final String DESC_TYPE =
      "enum { unknown, block-device, character-device, directory, fifo, symbolic-link,"
          + " regular-file, socket }";
  private static final String DESC_FLAGS =
      "flags { read, write, file-integrity-sync, data-integrity-sync, requested-write-sync,"
          + " mutate-directory }";
  private static final String SELF = "self: borrow<descriptor>";

  private static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "wasi:cli/environment#get-environment", "func() -> list<tuple<string, string>>"),
          Map.entry("wasi:cli/environment#get-arguments", "func() -> list<string>"),
          Map.entry("wasi:cli/exit#exit", "func(status: result<_, _>)"),
          Map.entry(
              "wasi:io/streams#[method]input-stream.read",
              "func(self: borrow<input-stream>, len: u64) -> result<list<u8>, " + SE + ">"),
          Map.entry(
              "wasi:io/streams#[method]input-stream.blocking-read",
              "func(self: borrow<input-stream>, len: u64) -> result<list<u8>, " + SE + ">"),
          Map.entry(
              "wasi:io/streams#[method]output-stream.check-write",
              "func(self: borrow<output-stream>) -> result<u64, " + SE + ">"),
          Map.entry(
              "wasi:io/streams#[method]output-stream.write",
              "func(self: borrow<output-stream>, contents: list<u8>) -> result<_, " + SE + ">"),
          Map.entry(
              "wasi:io/streams#[method]output-stream.blocking-write-and-flush",
              "func(self: borrow<output-stream>, contents: list<u8>) -> result<_, " + SE + ">"),
          Map.entry(
              "wasi:io/streams#[method]output-stream.blocking-flush",
              "func(self: borrow<output-stream>) -> result<_, " + SE + ">"),
          Map.entry("wasi:cli/stdin#get-stdin", "func() -> own<input-stream>"),
          Map.entry("wasi:cli/stdout#get-stdout", "func() -> own<output-stream>"),
          Map.entry("wasi:cli/stderr#get-stderr", "func() -> own<output-stream>"),
          Map.entry(
              "wasi:cli/terminal-stdin#get-terminal-stdin",
              "func() -> option<own<terminal-input>>"),
          Map.entry(
              "wasi:cli/terminal-stdout#get-terminal-stdout",
              "func() -> option<own<terminal-output>>"),
          Map.entry(
              "wasi:cli/terminal-stderr#get-terminal-stderr",
              "func() -> option<own<terminal-output>>"),
          Map.entry("wasi:clocks/wall-clock#now", "func() -> " + DT),
          Map.entry("wasi:clocks/monotonic-clock#now", "func() -> u64"),
          Map.entry(
              "wasi:clocks/monotonic-clock#subscribe-duration", "func(when: u64) -> own<pollable>"),
          Map.entry("wasi:io/poll#poll", "func(in: list<borrow<pollable>>) -> list<u32>"),
          Map.entry("wasi:random/random#get-random-bytes", "func(len: u64) -> list<u8>"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.read-via-stream",
              "func(" + SELF + ", offset: u64) -> result<own<input-stream>, " + EC + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.write-via-stream",
              "func(" + SELF + ", offset: u64) -> result<own<output-stream>, " + EC + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.append-via-stream",
              "func(" + SELF + ") -> result<own<output-stream>, " + EC + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.get-flags",
              "func(" + SELF + ") -> result<" + DESC_FLAGS + ", " + EC + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.get-type",
              "func(" + SELF + ") -> result<" + DESC_TYPE + ", " + EC + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.stat",
              "func("
                  + SELF
                  + ") -> result<record { type: "
                  + DESC_TYPE
                  + ", link-count: u64, size: u64, data-access-timestamp: option<"
                  + DT
                  + ">, data-modification-timestamp: option<"
                  + DT
                  + ">, status-change-timestamp: option<"
                  + DT
                  + "> }, "
                  + EC
                  + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.open-at",
              "func("
                  + SELF
                  + ", path-flags: flags { symlink-follow }, path: string, open-flags: flags {"
                  + " create, directory, exclusive, truncate }, flags: "
                  + DESC_FLAGS
                  + ") -> result<own<descriptor>, "
                  + EC
                  + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.symlink-at",
              "func(" + SELF + ", old-path: string, new-path: string) -> result<_, " + EC + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]descriptor.read",
              "func("
                  + SELF
                  + ", length: u64, offset: u64) -> result<tuple<list<u8>, bool>, "
                  + EC
                  + ">"),
          Map.entry(
              "wasi:filesystem/types#[method]directory-entry-stream.read-directory-entry",
              "func(self: borrow<directory-entry-stream>) -> result<option<record { type: "
                  + DESC_TYPE
                  + ", name: string }>, "
                  + EC
                  + ">"),
          Map.entry(
              "wasi:filesystem/types#filesystem-error-code",
              "func(err: borrow<error>) -> option<" + EC + ">"),
          Map.entry(
              "wasi:filesystem/preopens#get-directories",
              "func() -> list<tuple<own<descriptor>, string>>"));

  @Test
  void typesAreWasi02s() {
    try (WasiPreview2 w = WasiPreview2.create(WasiConfig.builder().build(), () -> false)) {
      EXPECTED.forEach(
          (key, type) -> {
            String[] parts = key.split("#");
            HostFunc f = w.forInterface(parts[0]).orElseThrow().function(parts[1]).orElseThrow();
            assertEquals(type, f.type().toString(), key);
            assertEquals(parts[0], f.iface(), key);
          });
    }
  }

  @Test
  void everyInterfaceTheAdapterImportsIsServedAndVersionsAreIgnored() {
    try (WasiPreview2 w = WasiPreview2.create(WasiConfig.builder().build(), () -> false)) {
      assertEquals(
          new TreeSet<>(
              Set.of(
                  "wasi:cli/environment",
                  "wasi:cli/exit",
                  "wasi:cli/stdin",
                  "wasi:cli/stdout",
                  "wasi:cli/stderr",
                  "wasi:cli/terminal-input",
                  "wasi:cli/terminal-output",
                  "wasi:cli/terminal-stdin",
                  "wasi:cli/terminal-stdout",
                  "wasi:cli/terminal-stderr",
                  "wasi:io/error",
                  "wasi:io/poll",
                  "wasi:io/streams",
                  "wasi:clocks/monotonic-clock",
                  "wasi:clocks/wall-clock",
                  "wasi:random/random",
                  "wasi:random/insecure",
                  "wasi:random/insecure-seed",
                  "wasi:filesystem/types",
                  "wasi:filesystem/preopens")),
          new TreeSet<>(w.interfaces()));
      assertSame(
          w.forInterface("wasi:cli/stdout").orElseThrow(),
          w.forInterface("wasi:cli/stdout@0.2.0").orElseThrow());
      assertTrue(w.forInterface("wasi:sockets/tcp@0.2.0").isEmpty());
      assertTrue(w.forInterface("wasi:http/types").isEmpty());
    }
  }

  @Test
  void aResourceIsOneTypeInEveryInterfaceThatUsesIt() {
    try (WasiPreview2 w = WasiPreview2.create(WasiConfig.builder().build(), () -> false)) {
      ResourceType in = defined(w, "wasi:io/streams", "input-stream");
      ResourceType out = defined(w, "wasi:io/streams", "output-stream");
      ResourceType error = defined(w, "wasi:io/error", "error");
      ResourceType desc = defined(w, "wasi:filesystem/types", "descriptor");
      assertSame(in, own(result(w, "wasi:cli/stdin", "get-stdin")));
      assertSame(out, own(result(w, "wasi:cli/stdout", "get-stdout")));
      assertSame(out, own(result(w, "wasi:cli/stderr", "get-stderr")));
      assertSame(
          in,
          own(
              ((ResultType)
                      result(w, "wasi:filesystem/types", "[method]descriptor.read-via-stream"))
                  .ok()
                  .orElseThrow()));
      HostFunc fec =
          w.forInterface("wasi:filesystem/types")
              .orElseThrow()
              .function("filesystem-error-code")
              .orElseThrow();
      assertSame(error, ((BorrowType) fec.type().params().get(0).type()).resource());
      WitType dirs = result(w, "wasi:filesystem/preopens", "get-directories");
      assertSame(desc, own(((TupleType) ((ListType) dirs).element()).types().get(0)));
      assertTrue(w.forInterface("wasi:cli/stdout").orElseThrow().resources().isEmpty());
      assertTrue(desc.isHost() && in.isHost());
    }
  }

  private static ResourceType defined(WasiPreview2 w, String iface, String name) {
    return w.forInterface(iface).orElseThrow().resource(name).orElseThrow().type();
  }

  private static WitType result(WasiPreview2 w, String iface, String name) {
    return w.forInterface(iface)
        .orElseThrow()
        .function(name)
        .orElseThrow()
        .type()
        .result()
        .orElseThrow();
  }

  private static ResourceType own(WitType t) {
    if (t instanceof OptionType o) {
      return own(o.some());
    }
    return ((OwnType) t).resource();
  }
}
