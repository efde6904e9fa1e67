package dev.wasmlayer.componentmodel.wasi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.component.ComponentImports.HostFunc;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.wasi.WasiConfig;
import java.util.Set;

/** Calls WASI 0.2 host functions with Java values, as a component runtime would. */
final class Host implements AutoCloseable {
  final WasiPreview2 wasi;

  Host(WasiConfig config) {
    this.wasi = WasiPreview2.create(config, () -> false);
  }

  HostFunc func(String iface, String name) {
    WasiInterface i =
        wasi.forInterface(iface).orElseThrow(() -> new AssertionError("no interface " + iface));
    return i.function(name).orElseThrow(() -> new AssertionError("no " + name + " in " + iface));
  }

  Object call(String iface, String name, Object... args) throws Exception {
    return func(iface, name).function().call(args);
  }

  /** Calls a function returning a result and returns its ok payload, failing on an error. */
  Object ok(String iface, String name, Object... args) throws Exception {
    WitResult r = (WitResult) call(iface, name, args);
    assertTrue(r.isOk(), name + " failed: " + r.value());
    return r.value();
  }

  /** Calls a function returning a result and returns its error payload, failing on success. */
  Object err(String iface, String name, Object... args) throws Exception {
    WitResult r = (WitResult) call(iface, name, args);
    assertTrue(!r.isOk(), name + " succeeded: " + r.value());
    return r.value();
  }

  /** A {@code [method]descriptor.NAME} call returning a result: the ok payload. */
  Object fs(String method, Object self, Object... args) throws Exception {
    return ok(FilesystemFunctions.TYPES, "[method]descriptor." + method, prepend(self, args));
  }

  /** A {@code [method]descriptor.NAME} call expected to fail: the error-code. */
  Object fsErr(String method, Object self, Object... args) throws Exception {
    return err(FilesystemFunctions.TYPES, "[method]descriptor." + method, prepend(self, args));
  }

  static Object[] prepend(Object self, Object[] args) {
    Object[] all = new Object[args.length + 1];
    all[0] = self;
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }

  static final Set<String> NOFOLLOW = Set.of();
  static final Set<String> FOLLOW = Set.of("symlink-follow");

  @Override
  public void close() {
    wasi.close();
  }
}
