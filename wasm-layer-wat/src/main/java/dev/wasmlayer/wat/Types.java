package dev.wasmlayer.wat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Value and reference types of the text format and their binary encodings. */
final class Types {
  private static final Map<String, Integer> NUM =
      Map.of("i32", 0x7f, "i64", 0x7e, "f32", 0x7d, "f64", 0x7c, "v128", 0x7b);

  /**
   * Abstract heap types and their codes; the nullable reference to each has the same one-byte short
   * form.
   */
  private static final Map<String, Integer> HEAP =
      Map.ofEntries(
          Map.entry("func", 0x70),
          Map.entry("extern", 0x6f),
          Map.entry("any", 0x6e),
          Map.entry("eq", 0x6d),
          Map.entry("i31", 0x6c),
          Map.entry("struct", 0x6b),
          Map.entry("array", 0x6a),
          Map.entry("exn", 0x69),
          Map.entry("noexn", 0x74),
          Map.entry("nofunc", 0x73),
          Map.entry("noextern", 0x72),
          Map.entry("none", 0x71));

  private static final Map<String, Integer> SHORT =
      Map.ofEntries(
          Map.entry("funcref", 0x70),
          Map.entry("externref", 0x6f),
          Map.entry("anyref", 0x6e),
          Map.entry("eqref", 0x6d),
          Map.entry("i31ref", 0x6c),
          Map.entry("structref", 0x6b),
          Map.entry("arrayref", 0x6a),
          Map.entry("exnref", 0x69),
          Map.entry("nullexnref", 0x74),
          Map.entry("nullfuncref", 0x73),
          Map.entry("nullexternref", 0x72),
          Map.entry("nullref", 0x71));

  private Types() {}

  /** Resolves a type index for {@code (ref $t)}. */
  interface TypeIndex {
    int resolve(Sexp ref);
  }

  /** A value type's encoding. */
  static byte[] valType(Sexp s, TypeIndex types) {
    if (s.kind == Sexp.Kind.ATOM) {
      Integer code = NUM.get(s.text);
      if (code == null) {
        code = SHORT.get(s.text);
      }
      if (code != null) {
        return new byte[] {code.byteValue()};
      }
      throw new WatException(s, "unexpected token " + s + ", expected a value type");
    }
    return refType(s, types);
  }

  /** A reference type: a short name or {@code (ref null? heaptype)}. */
  static byte[] refType(Sexp s, TypeIndex types) {
    if (s.kind == Sexp.Kind.ATOM) {
      Integer code = SHORT.get(s.text);
      if (code == null) {
        throw new WatException(s, "unexpected token " + s + ", expected a reference type");
      }
      return new byte[] {code.byteValue()};
    }
    if (!s.isList("ref")) {
      throw new WatException(s, "unexpected token " + s + ", expected a value type");
    }
    List<Sexp> it = s.items;
    int i = 1;
    boolean nullable = i < it.size() && it.get(i).isAtom("null");
    if (nullable) {
      i++;
    }
    if (i + 1 != it.size()) {
      throw new WatException(s, "malformed reference type");
    }
    Sexp h = it.get(i);
    byte[] heap = heapType(h, types);
    if (nullable && h.kind == Sexp.Kind.ATOM && HEAP.containsKey(h.text)) {
      return heap; // (ref null func) is funcref
    }
    byte[] out = new byte[heap.length + 1];
    out[0] = (byte) (nullable ? 0x63 : 0x64);
    System.arraycopy(heap, 0, out, 1, heap.length);
    return out;
  }

  /** A heap type: abstract name or type index (signed LEB). */
  static byte[] heapType(Sexp s, TypeIndex types) {
    if (s.kind == Sexp.Kind.ATOM && HEAP.containsKey(s.text)) {
      return new byte[] {HEAP.get(s.text).byteValue()};
    }
    if (s.kind == Sexp.Kind.ID || Numbers.isUnsigned(s)) {
      return new Out().s64(types.resolve(s)).toByteArray();
    }
    throw new WatException(s, "unexpected token " + s + ", expected a heap type");
  }

  /**
   * A storage type of a GC field: {@code i8}, {@code i16} or a value type.
   *
   * @param s the type's text
   * @param types resolves type indices
   */
  static byte[] storageType(Sexp s, TypeIndex types) {
    if (s.isAtom("i8")) {
      return new byte[] {0x78};
    }
    if (s.isAtom("i16")) {
      return new byte[] {0x77};
    }
    return valType(s, types);
  }

  /** A field type: {@code storagetype} or {@code (mut storagetype)}, then the mutability flag. */
  static byte[] fieldType(Sexp s, TypeIndex types) {
    boolean mutable = s.isList("mut");
    if (mutable && s.items.size() != 2) {
      throw new WatException(s, "malformed field type");
    }
    byte[] st = storageType(mutable ? s.items.get(1) : s, types);
    byte[] out = new byte[st.length + 1];
    System.arraycopy(st, 0, out, 0, st.length);
    out[st.length] = (byte) (mutable ? 1 : 0);
    return out;
  }

  /** A function type: params then results, each an encoded value type. */
  static class FuncType {
    final List<byte[]> params = new ArrayList<>();
    final List<byte[]> results = new ArrayList<>();

    byte[] encode() {
      Out o = new Out().u8(0x60).u32(params.size());
      params.forEach(o::bytes);
      o.u32(results.size());
      results.forEach(o::bytes);
      return o.toByteArray();
    }

    boolean same(FuncType other) {
      return Arrays.equals(encode(), other.encode());
    }
  }

  /**
   * A struct or array type (GC): its encoding and its field names. It sits in the type list with
   * the function types and never equals one, so inline function types never reuse it.
   */
  static final class GcType extends FuncType {
    private final byte[] encoding;
    final Map<String, Integer> fields;

    GcType(byte[] encoding, Map<String, Integer> fields) {
      this.encoding = encoding;
      this.fields = fields;
    }

    @Override
    byte[] encode() {
      return encoding.clone();
    }
  }
}
