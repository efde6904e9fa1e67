package dev.wasmlayer.wasmtime.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/** Small helpers over raw native memory: byte vectors, names and owned messages. */
public final class Natives {
  private Natives() {}

  /** A zeroed block of native memory, freed when unreachable. */
  public static Memory alloc(long size) {
    Memory m = new Memory(Math.max(size, 1));
    m.clear();
    return m;
  }

  /** The pointer a {@code long[]} out-parameter received, or null. */
  public static Pointer pointer(long[] out) {
    return out[0] == 0 ? null : new Pointer(out[0]);
  }

  /** UTF-8 bytes of a name, for the {@code (const char*, size_t)} arguments. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The text of a {@code wasm_byte_vec_t}/{@code wasm_name_t} at {@code vec} (not freed). */
  public static String string(Pointer vec) {
    long size = vec.getLong(0);
    Pointer data = vec.getPointer(8);
    if (size == 0 || data == null) {
      return "";
    }
    return new String(data.getByteArray(0, (int) size), StandardCharsets.UTF_8);
  }

  /** The bytes of a {@code wasm_byte_vec_t} at {@code vec} (not freed). */
  public static byte[] bytes(Pointer vec) {
    long size = vec.getLong(0);
    Pointer data = vec.getPointer(8);
    return size == 0 || data == null ? new byte[0] : data.getByteArray(0, (int) size);
  }

  /** The message of an owned {@code wasmtime_error_t}, without deleting the error. */
  public static String errorMessage(Pointer error) {
    Memory vec = alloc(Layout.VEC_SIZE);
    Wasmtime.wasmtime_error_message(error, vec);
    try {
      return string(vec);
    } finally {
      Wasmtime.wasm_byte_vec_delete(vec);
    }
  }

  /** The message of a trap, without the trailing NUL wasmtime adds. */
  public static String trapMessage(Pointer trap) {
    Memory vec = alloc(Layout.VEC_SIZE);
    Wasmtime.wasm_trap_message(trap, vec);
    try {
      String s = string(vec);
      return s.endsWith("\0") ? s.substring(0, s.length() - 1) : s;
    } finally {
      Wasmtime.wasm_byte_vec_delete(vec);
    }
  }

  /** Reads, then deletes, an owned error's message. */
  public static String consumeError(Pointer error) {
    try {
      return errorMessage(error);
    } finally {
      Wasmtime.wasmtime_error_delete(error);
    }
  }
}
