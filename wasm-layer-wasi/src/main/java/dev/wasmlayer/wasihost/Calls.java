package dev.wasmlayer.wasihost;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.Imports;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasi.Wasi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Defines WASI functions as raw host functions. Every failure inside one becomes an error number
 * for the guest: only {@code proc_exit} (an {@link ExitException} or, for a status no engine can
 * report, a trap) leaves otherwise.
 */
final class Calls {
  private final Imports.Builder imports = Imports.builder();

  /**
   * Defines {@code name} with parameters {@code sig} ({@code i} i32, {@code I} i64) returning an
   * error number.
   */
  void def(String name, String sig, WasiCall call) {
    imports.funcRaw(
        Wasi.MODULE,
        name,
        FuncType.of(params(sig), List.of(ValType.I32)),
        (caller, slots) -> {
          int errno;
          try {
            errno = call.run(new GuestMemory(caller), slots);
          } catch (WasiError e) {
            errno = e.errno;
          } catch (IOException e) {
            errno = IoErrors.errno(e);
          } catch (ExitException | TrapException e) {
            throw e;
          } catch (RuntimeException e) {
            errno = IoErrors.errno(e);
          }
          slots[0] = errno;
        });
  }

  /** Defines a function with no result (only {@code proc_exit}). */
  void defVoid(String name, String sig, RawHostFunction<?> f) {
    imports.funcRaw(Wasi.MODULE, name, FuncType.of(params(sig), List.of()), f);
  }

  private static List<ValType> params(String sig) {
    List<ValType> p = new ArrayList<>();
    for (char c : sig.toCharArray()) {
      p.add(c == 'I' ? ValType.I64 : ValType.I32);
    }
    return p;
  }

  Imports build() {
    return imports.build();
  }
}
