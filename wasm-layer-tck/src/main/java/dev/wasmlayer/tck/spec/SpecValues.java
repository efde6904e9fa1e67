package dev.wasmlayer.tck.spec;

import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * wast2json values: arguments become {@link Value}s, expected results are matched against what came
 * back. Host references ({@code ref.extern N}, and {@code ref.host N}, its anyref form) are one
 * distinct Java object per number, per script.
 */
final class SpecValues {
  /** The Java object behind {@code ref.extern N}. */
  record HostRef(long n) {}

  private final Map<Long, HostRef> hostRefs = new HashMap<>();

  HostRef hostRef(long n) {
    return hostRefs.computeIfAbsent(n, HostRef::new);
  }

  /** An argument. */
  Value arg(Map<String, Object> v) {
    String type = (String) v.get("type");
    Object value = v.get("value");
    return switch (type) {
      case "i32" -> Value.i32((int) Long.parseUnsignedLong((String) value));
      case "i64" -> Value.i64(Long.parseUnsignedLong((String) value));
      case "f32" -> Value.f32Bits((int) Long.parseUnsignedLong((String) value));
      case "f64" -> Value.f64Bits(Long.parseUnsignedLong((String) value));
      case "v128" -> v128((String) v.get("lane_type"), lanes(value));
      default -> ref(type, (String) value);
    };
  }

  private Value ref(String type, String value) {
    RefType t = refType(type);
    if (value == null || value.equals("null")) {
      return Value.nullRef(t);
    }
    HostRef host = hostRef(Long.parseLong(value));
    return switch (t.heapType().top()) {
      case EXTERN -> Value.externRef(host);
      case ANY -> Value.anyRef(host); // ref.host N: what any.convert_extern makes of ref.extern N
      default -> throw new IllegalArgumentException("no host reference of type " + type);
    };
  }

  static RefType refType(String type) {
    return switch (type) {
      case "funcref" -> RefType.FUNCREF;
      case "externref" -> RefType.EXTERNREF;
      case "anyref" -> RefType.ANYREF;
      case "exnref" -> RefType.EXNREF;
      case "eqref" -> RefType.of(true, HeapType.of(HeapType.Kind.EQ));
      case "structref" -> RefType.of(true, HeapType.of(HeapType.Kind.STRUCT));
      case "arrayref" -> RefType.of(true, HeapType.of(HeapType.Kind.ARRAY));
      case "i31ref" -> RefType.of(true, HeapType.of(HeapType.Kind.I31));
      case "nullref" -> RefType.of(true, HeapType.of(HeapType.Kind.NONE));
      case "nullfuncref" -> RefType.of(true, HeapType.of(HeapType.Kind.NOFUNC));
      case "nullexternref" -> RefType.of(true, HeapType.of(HeapType.Kind.NOEXTERN));
      case "nullexnref" -> RefType.of(true, HeapType.of(HeapType.Kind.NOEXN));
      default -> throw new IllegalArgumentException("unknown spec value type " + type);
    };
  }

  @SuppressWarnings("unchecked")
  private static List<String> lanes(Object value) {
    return (List<String>) (List<?>) value;
  }

  private static Value v128(String laneType, List<String> lanes) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    for (String lane : lanes) {
      long bits = Long.parseUnsignedLong(lane);
      switch (laneType) {
        case "i8" -> b.put((byte) bits);
        case "i16" -> b.putShort((short) bits);
        case "i32", "f32" -> b.putInt((int) bits);
        default -> b.putLong(bits);
      }
    }
    return Value.v128(b.array());
  }

  /** Why {@code actual} does not match {@code expected}, or null when it does. */
  String mismatch(Map<String, Object> expected, Value actual) {
    String type = (String) expected.get("type");
    Object value = expected.get("value");
    return switch (type) {
      case "i32" ->
          actual.type() == ValType.I32
                  && actual.i32() == (int) Long.parseUnsignedLong((String) value)
              ? null
              : "expected i32 " + value + ", got " + actual;
      case "i64" ->
          actual.type() == ValType.I64 && actual.i64() == Long.parseUnsignedLong((String) value)
              ? null
              : "expected i64 " + value + ", got " + actual;
      case "f32" ->
          actual.type() == ValType.F32
                  && floatMatches((String) value, actual.f32Bits() & 0xFFFF_FFFFL, 32)
              ? null
              : "expected f32 " + value + ", got " + actual;
      case "f64" ->
          actual.type() == ValType.F64 && floatMatches((String) value, actual.f64Bits(), 64)
              ? null
              : "expected f64 " + value + ", got " + actual;
      case "v128" ->
          actual.type() == ValType.V128
                  && v128Matches((String) expected.get("lane_type"), lanes(value), actual)
              ? null
              : "expected v128 " + expected.get("lane_type") + " " + value + ", got " + actual;
      default -> refMismatch(type, (String) value, actual);
    };
  }

  private String refMismatch(String type, String value, Value actual) {
    if (!(actual.type() instanceof RefType)) {
      return "expected " + type + ", got " + actual;
    }
    if (type.equals("refnull")) {
      return actual.isNull() ? null : "expected a null reference, got " + actual;
    }
    boolean bottom = type.startsWith("null");
    if (bottom || "null".equals(value)) {
      return actual.isNull() ? null : "expected null " + type + ", got " + actual;
    }
    if (actual.isNull()) {
      return "expected a non-null " + type + (value == null ? "" : " " + value) + ", got null";
    }
    try {
      return value == null ? kindMismatch(type, actual) : hostMismatch(type, value, actual);
    } catch (IllegalStateException e) { // an accessor of the wrong hierarchy
      return "expected " + type + ", got " + actual + " (" + e.getMessage() + ")";
    }
  }

  /**
   * {@code ref.i31}, {@code ref.struct}, {@code ref.array}, {@code ref.eq}, {@code ref.any}, {@code
   * ref.exn}, {@code ref.func}, {@code ref.extern}: a non-null reference of that kind.
   */
  private static String kindMismatch(String type, Value actual) {
    boolean ok =
        switch (type) {
          case "i31ref" -> actual.anyRef().orElseThrow() instanceof I31Ref;
          case "structref" -> actual.anyRef().orElseThrow() instanceof StructRef;
          case "arrayref" -> actual.anyRef().orElseThrow() instanceof ArrayRef;
          case "eqref" -> isEq(actual.anyRef().orElseThrow());
          case "anyref" -> actual.anyRef().isPresent();
          case "exnref" -> actual.exnRef().isPresent();
          case "funcref" -> actual.funcRef().isPresent();
          case "externref" -> actual.externRef().isPresent();
          default -> throw new IllegalArgumentException("unknown spec reference type " + type);
        };
    return ok ? null : "expected a non-null " + type + ", got " + actual;
  }

  private static boolean isEq(Object o) {
    return o instanceof I31Ref || o instanceof StructRef || o instanceof ArrayRef;
  }

  /** {@code ref.extern N} or {@code ref.host N}: the same Java object that went in as number N. */
  private String hostMismatch(String type, String value, Value actual) {
    Object o =
        switch (type) {
          case "externref" -> actual.externRef().orElseThrow();
          case "anyref" -> actual.anyRef().orElseThrow();
          default -> actual.refObject().orElseThrow();
        };
    return o == hostRef(Long.parseLong(value))
        ? null
        : "expected " + type + " " + value + ", got " + actual;
  }

  private static boolean floatMatches(String expected, long bits, int width) {
    long signMask = width == 32 ? 0x8000_0000L : 0x8000_0000_0000_0000L;
    long quiet = width == 32 ? 0x0040_0000L : 0x0008_0000_0000_0000L;
    long expMask = width == 32 ? 0x7F80_0000L : 0x7FF0_0000_0000_0000L;
    long payloadMask = width == 32 ? 0x007F_FFFFL : 0x000F_FFFF_FFFF_FFFFL;
    boolean nan = (bits & expMask) == expMask && (bits & payloadMask) != 0;
    if (expected.equals("nan:canonical")) {
      return nan && (bits & ~signMask & (expMask | payloadMask)) == (expMask | quiet);
    }
    if (expected.equals("nan:arithmetic")) {
      return nan && (bits & quiet) != 0;
    }
    return bits == Long.parseUnsignedLong(expected);
  }

  private static boolean v128Matches(String laneType, List<String> lanes, Value actual) {
    ByteBuffer b = ByteBuffer.wrap(actual.v128Bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (String lane : lanes) {
      switch (laneType) {
        case "i8" -> {
          if ((b.get() & 0xFF) != (Long.parseUnsignedLong(lane) & 0xFF)) {
            return false;
          }
        }
        case "i16" -> {
          if ((b.getShort() & 0xFFFF) != (Long.parseUnsignedLong(lane) & 0xFFFF)) {
            return false;
          }
        }
        case "i32" -> {
          if ((b.getInt() & 0xFFFF_FFFFL) != Long.parseUnsignedLong(lane)) {
            return false;
          }
        }
        case "f32" -> {
          if (!floatMatches(lane, b.getInt() & 0xFFFF_FFFFL, 32)) {
            return false;
          }
        }
        case "i64" -> {
          if (b.getLong() != Long.parseUnsignedLong(lane)) {
            return false;
          }
        }
        default -> {
          if (!floatMatches(lane, b.getLong(), 64)) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
