package dev.wasmlayer.wat;

import dev.wasmlayer.wat.Opcodes.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes instructions, plain ({@code block ... end}) and folded ({@code (i32.add (...) (...))}),
 * with labels.
 */
final class Body {
  private final Assembler a;
  private final Map<String, Integer> locals;
  private final Out out = new Out();

  /** A constant expression, not a function body: it needs no data count section. */
  private boolean constant;

  /** Enclosing blocks, innermost last: the label's name or null. */
  private final List<String> labels = new ArrayList<>();

  /** For plain blocks: whether each open block is an {@code if} (to accept {@code else}). */
  private final List<Boolean> isIf = new ArrayList<>();

  Body(Assembler a, Map<String, Integer> locals, int localCount) {
    this.a = a;
    this.locals = locals;
  }

  /**
   * Work still to do, innermost on top. Folded instructions nest without recursion (each level is a
   * frame here, not on the thread's stack), so 100,000 nested {@code (block ...)} assemble on any
   * thread.
   */
  private final ArrayDeque<Frame> work = new ArrayDeque<>();

  /** One nesting level of unfinished work. */
  private interface Frame {
    /** Does the next piece of work, pushing any nested frames; false once this frame is done. */
    boolean step();
  }

  /** A function body's instructions (the rest of {@code c}). */
  void instructions(Cursor c) {
    int base = work.size();
    work.push(new Sequence(c));
    while (work.size() > base) {
      if (!work.peek().step()) {
        work.pop();
      }
    }
  }

  /** Instructions in a row, plain or folded; blocks opened here must close here. */
  private final class Sequence implements Frame {
    private final Cursor c;
    private final int depth = labels.size();

    Sequence(Cursor c) {
      this.c = c;
    }

    @Override
    public boolean step() {
      if (!c.hasNext()) {
        if (labels.size() != depth) {
          throw new WatException(c.owner(), "unclosed block: missing end");
        }
        return false;
      }
      Sexp s = c.peek();
      if (s.isList()) {
        c.next();
        folded(s);
      } else if (s.kind == Sexp.Kind.ATOM) {
        plain(c);
      } else {
        throw new WatException(s, "unexpected token " + s + ", expected an instruction");
      }
      return true;
    }
  }

  /** The body's bytes, with the final {@code end}. */
  byte[] finish() {
    out.u8(0x0b);
    return out.toByteArray();
  }

  /** A constant expression: the instructions of {@code c} and {@code end}. */
  byte[] constant(Cursor c) {
    constant = true;
    instructions(c);
    return finish();
  }

  private void plain(Cursor c) {
    Sexp at = c.next();
    String name = at.text;
    switch (name) {
      case "block", "loop", "if" -> {
        Sexp label = c.nextId();
        Op op = Opcodes.find(name);
        out.u8(op.code());
        blockType(c);
        open(label, name.equals("if"));
        return;
      }
      case "try_table" -> {
        Sexp label = c.nextId();
        tryTable(c);
        open(label, false);
        return;
      }
      case "else" -> {
        if (labels.isEmpty() || !isIf.get(isIf.size() - 1)) {
          throw new WatException(at, "else without if");
        }
        checkLabel(c.nextId());
        isIf.set(isIf.size() - 1, false);
        out.u8(0x05);
        return;
      }
      case "end" -> {
        if (labels.isEmpty()) {
          throw new WatException(at, "end without block");
        }
        checkLabel(c.nextId());
        close();
        out.u8(0x0b);
        return;
      }
    }
    Op op = Opcodes.find(name);
    if (op == null) {
      throw unknown(at, name);
    }
    Out imm = new Out();
    boolean typed = immediates(op, c, at, imm);
    opcode(op, typed);
    out.bytes(imm.toByteArray());
  }

  /** Starts a folded instruction: writes what comes first and pushes the frames that finish it. */
  private void folded(Sexp s) {
    if (s.items.isEmpty() || s.items.get(0).kind != Sexp.Kind.ATOM) {
      throw new WatException(s, "unexpected token " + s + ", expected an instruction");
    }
    Cursor c = new Cursor(s, s.items, 1);
    String name = s.items.get(0).text;
    switch (name) {
      case "block", "loop" -> {
        Sexp label = c.nextId();
        out.u8(Opcodes.find(name).code());
        blockType(c);
        open(label, false);
        work.push(
            () -> {
              close();
              out.u8(0x0b);
              return false;
            });
        work.push(new Sequence(c));
        return;
      }
      case "try_table" -> {
        Sexp label = c.nextId();
        tryTable(c);
        open(label, false);
        work.push(
            () -> {
              close();
              out.u8(0x0b);
              return false;
            });
        work.push(new Sequence(c));
        return;
      }
      case "if" -> {
        Sexp label = c.nextId();
        Out bt = new Out();
        Out saved = swap(bt);
        blockType(c);
        swap(saved);
        work.push(new FoldedIf(s, c, label, bt.toByteArray()));
        return;
      }
    }
    Op op = Opcodes.find(name);
    if (op == null) {
      throw unknown(s.items.get(0), name);
    }
    Out imm = new Out();
    boolean typed = immediates(op, c, s.items.get(0), imm);
    work.push(new Operands(c, op, typed, imm));
  }

  /** {@code (op imm* operand*)}: the folded operands in order, then the instruction itself. */
  private final class Operands implements Frame {
    private final Cursor c;
    private final Op op;
    private final boolean typed;
    private final Out imm;

    Operands(Cursor c, Op op, boolean typed, Out imm) {
      this.c = c;
      this.op = op;
      this.typed = typed;
      this.imm = imm;
    }

    @Override
    public boolean step() {
      if (c.hasNext()) {
        Sexp operand = c.next();
        if (!operand.isList()) {
          throw new WatException(operand, "unexpected token " + operand);
        }
        folded(operand);
        return true;
      }
      opcode(op, typed);
      out.bytes(imm.toByteArray());
      return false;
    }
  }

  /** {@code (if label? type? condition* (then ...) (else ...)?)}, one part per step. */
  private final class FoldedIf implements Frame {
    private final Sexp s;
    private final Cursor c;
    private final Sexp label;
    private final byte[] blockType;
    private int part; // 0: conditions, 1: then done, 2: else done

    FoldedIf(Sexp s, Cursor c, Sexp label, byte[] blockType) {
      this.s = s;
      this.c = c;
      this.label = label;
      this.blockType = blockType;
    }

    @Override
    public boolean step() {
      if (part == 0) {
        if (c.hasNext() && !c.peek().isList("then")) {
          Sexp cond = c.next();
          if (!cond.isList()) {
            throw new WatException(cond, "unexpected token " + cond + ", expected (then ...)");
          }
          folded(cond);
          return true;
        }
        Sexp then = c.nextIf("then");
        if (then == null) {
          throw new WatException(s, "if without (then ...)");
        }
        out.u8(0x04).bytes(blockType);
        open(label, false);
        part = 1;
        work.push(new Sequence(new Cursor(then, then.items, 1)));
        return true;
      }
      if (part == 1) {
        part = 2;
        Sexp els = c.nextIf("else");
        if (els != null) {
          out.u8(0x05);
          work.push(new Sequence(new Cursor(els, els.items, 1)));
          return true;
        }
      }
      c.expectEnd();
      close();
      out.u8(0x0b);
      return false;
    }
  }

  private Out swapTarget;

  /**
   * Blocks' types go to {@code target} while it is swapped in (folded if writes its type after the
   * condition).
   */
  private Out swap(Out target) {
    Out previous = swapTarget;
    swapTarget = target;
    return previous;
  }

  private Out sink() {
    return swapTarget != null ? swapTarget : out;
  }

  private static WatException unknown(Sexp at, String name) {
    return new WatException(
        at,
        Opcodes.unsupported(name)
            ? "unsupported instruction "
                + name
                + " (GC branch casts and legacy exception handling are not in wasm-layer's WAT)"
            : "unknown operator " + name);
  }

  /** Writes {@code op}; {@code alternate}: a typed select (0x1C) or a nullable cast (code + 1). */
  private void opcode(Op op, boolean alternate) {
    if (alternate && op.imm() == Opcodes.Imm.CAST) {
      out.u8(op.prefix()).u32(op.code() + 1);
    } else if (alternate) {
      out.u8(0x1c);
    } else if (op.prefix() == 0) {
      out.u8(op.code());
    } else {
      out.u8(op.prefix()).u32(op.code());
    }
  }

  private void open(Sexp label, boolean plainIf) {
    labels.add(label == null ? null : label.text);
    isIf.add(plainIf);
  }

  private void close() {
    labels.remove(labels.size() - 1);
    isIf.remove(isIf.size() - 1);
  }

  private void checkLabel(Sexp id) {
    if (id == null) {
      return;
    }
    String open = labels.get(labels.size() - 1);
    if (!id.text.equals(open)) {
      throw new WatException(id, "mismatching label $" + id.text);
    }
  }

  /**
   * {@code try_table}'s opcode, block type and catch clauses; the clauses' labels are resolved
   * outside the try_table's own block, as the binary counts them.
   */
  private void tryTable(Cursor c) {
    out.u8(0x1f);
    blockType(c);
    Out clauses = new Out();
    int count = 0;
    while (c.peek() != null && c.peek().head() != null && c.peek().head().startsWith("catch")) {
      Sexp clause = c.next();
      Cursor d = new Cursor(clause, clause.items, 1);
      switch (clause.head()) {
        case "catch" -> clauses.u8(0x00).u32(a.tags.resolve(d.next()));
        case "catch_ref" -> clauses.u8(0x01).u32(a.tags.resolve(d.next()));
        case "catch_all" -> clauses.u8(0x02);
        case "catch_all_ref" -> clauses.u8(0x03);
        default -> throw new WatException(clause, "unknown catch clause " + clause.head());
      }
      clauses.u32(label(d.next()));
      d.expectEnd();
      count++;
    }
    out.u32(count).bytes(clauses.toByteArray());
  }

  private void blockType(Cursor c) {
    Out o = sink();
    boolean typed = c.peek() != null && c.peek().isList("type");
    if (!typed) {
      // no params and at most one result: the short forms
      int results = 0;
      boolean params = false;
      for (int i = 0; c.peek(i) != null; i++) {
        Sexp s = c.peek(i);
        if (s.isList("param")) {
          params = true;
        } else if (s.isList("result")) {
          results += s.items.size() - 1;
        } else {
          break;
        }
      }
      if (!params && results == 0) {
        while (c.nextIf("result") != null) {
          // (result) with nothing in it
        }
        o.u8(0x40);
        return;
      }
      if (!params && results == 1) {
        Sexp r;
        byte[] t = null;
        while ((r = c.nextIf("result")) != null) {
          if (r.items.size() == 2) {
            t = Types.valType(r.items.get(1), a.typeIndex);
          }
        }
        o.bytes(t);
        return;
      }
    }
    int type = a.typeUse(c, null, false);
    Types.FuncType t = type < a.types.size() ? a.types.get(type) : null;
    if (typed && t != null && t.params.isEmpty() && t.results.size() <= 1) {
      // (type $t) naming a type the short forms can say: written short, as wabt does
      if (t.results.isEmpty()) {
        o.u8(0x40);
      } else {
        o.bytes(t.results.get(0));
      }
      return;
    }
    o.s64(type);
  }

  /**
   * Reads {@code op}'s immediates into {@code imm}; true for the alternate opcode: a {@code select}
   * with types (0x1C) or a cast to a nullable type.
   */
  private boolean immediates(Op op, Cursor c, Sexp at, Out imm) {
    switch (op.imm()) {
      case NONE -> {}
      case LABEL -> imm.u32(label(c.next()));
      case BR_TABLE -> {
        List<Integer> targets = new ArrayList<>();
        Sexp t;
        while ((t = c.nextIndex()) != null) {
          targets.add(label(t));
        }
        if (targets.isEmpty()) {
          throw new WatException(at, "br_table needs at least one label");
        }
        imm.u32(targets.size() - 1);
        targets.forEach(imm::u32);
      }
      case TYPE -> imm.u32(a.typeNames.resolve(c.next()));
      case FUNC -> imm.u32(a.funcs.resolve(c.next()));
      case CALL_INDIRECT -> {
        Sexp table = c.nextIndex();
        int type = a.typeUse(c, null, false);
        imm.u32(type).u32(table == null ? 0 : a.tables.resolve(table));
      }
      case LOCAL -> imm.u32(local(c.next()));
      case GLOBAL -> imm.u32(a.globals.resolve(c.next()));
      case ELEM -> imm.u32(a.elems.resolve(c.next()));
      case DATA -> {
        a.needsDataCount = true;
        imm.u32(a.datas.resolve(c.next()));
      }
      case TABLE -> {
        Sexp t = c.nextIndex();
        imm.u32(t == null ? 0 : a.tables.resolve(t));
      }
      case TABLE_COPY -> copy(c, a.tables, imm);
      case TABLE_INIT -> init(c, a.elems, a.tables, imm);
      case MEMORY -> {
        Sexp m = c.nextIndex();
        imm.u32(m == null ? 0 : a.mems.resolve(m));
      }
      case MEMORY_COPY -> copy(c, a.mems, imm);
      case MEMORY_INIT -> {
        a.needsDataCount = true;
        init(c, a.datas, a.mems, imm);
      }
      case MEMARG -> memarg(op, c, imm, false);
      case MEMARG_LANE -> {
        memarg(op, c, imm, true);
        imm.u8((int) Numbers.unsigned(c.next(), 8));
      }
      case I32 -> imm.s64(Numbers.i32(c.next()));
      case I64 -> imm.s64(Numbers.i64(c.next()));
      case F32 -> imm.fixed32(Numbers.f32(c.next()));
      case F64 -> imm.fixed64(Numbers.f64(c.next()));
      case V128 -> v128(c, at, imm);
      case SELECT -> {
        List<byte[]> types = new ArrayList<>();
        Sexp r;
        boolean typed = false;
        while ((r = c.nextIf("result")) != null) {
          typed = true;
          for (int i = 1; i < r.items.size(); i++) {
            types.add(Types.valType(r.items.get(i), a.typeIndex));
          }
        }
        if (typed) {
          imm.u32(types.size());
          types.forEach(imm::bytes);
        }
        return typed;
      }
      case REF_NULL -> imm.bytes(Types.heapType(c.next(), a.typeIndex));
      case TAG -> imm.u32(a.tags.resolve(c.next()));
      case FIELD -> {
        int type = a.typeNames.resolve(c.next());
        imm.u32(type).u32(field(type, c.next()));
      }
      case TYPE_FIXED -> imm.u32(a.typeNames.resolve(c.next())).u32(Numbers.unsigned(c.next(), 32));
      case TYPE_DATA -> {
        a.needsDataCount |= !constant;
        imm.u32(a.typeNames.resolve(c.next())).u32(a.datas.resolve(c.next()));
      }
      case TYPE_ELEM -> imm.u32(a.typeNames.resolve(c.next())).u32(a.elems.resolve(c.next()));
      case TYPE_TYPE -> imm.u32(a.typeNames.resolve(c.next())).u32(a.typeNames.resolve(c.next()));
      case CAST -> {
        byte[] r = Types.refType(c.next(), a.typeIndex);
        int first = r[0] & 0xff;
        boolean prefixed = first == 0x63 || first == 0x64;
        imm.bytes(prefixed ? Arrays.copyOfRange(r, 1, r.length) : r);
        return first != 0x64; // nullable: the next opcode
      }
      case LANE -> imm.u8((int) Numbers.unsigned(c.next(), 8));
      case SHUFFLE -> {
        for (int i = 0; i < 16; i++) {
          Sexp lane = c.next();
          if (!Numbers.isUnsigned(lane)) {
            throw new WatException(
                lane, "invalid lane length: i8x16.shuffle needs 16 lane indices");
          }
          imm.u8((int) Numbers.unsigned(lane, 8));
        }
        if (c.peek() != null && Numbers.isUnsigned(c.peek())) {
          throw new WatException(
              c.peek(), "invalid lane length: i8x16.shuffle needs 16 lane indices");
        }
      }
      default -> throw new IllegalStateException("unhandled immediate " + op.imm());
    }
    return false; // only a typed select or a nullable cast answers true, from its case
  }

  /** A struct field by number or by the name its type gave it. */
  private int field(int type, Sexp ref) {
    if (ref.kind == Sexp.Kind.ID) {
      Integer i =
          type < a.types.size() && a.types.get(type) instanceof Types.GcType g
              ? g.fields.get(ref.text)
              : null;
      if (i == null) {
        throw new WatException(ref, "unknown field $" + ref.text);
      }
      return i;
    }
    return (int) Numbers.unsigned(ref, 32);
  }

  /** {@code x.copy (dst src)?}: both indices or neither (0 0). */
  private static void copy(Cursor c, Space space, Out imm) {
    Sexp x = c.nextIndex();
    Sexp y = x == null ? null : c.nextIndex();
    if (x != null && y == null) {
      throw new WatException(x, "copy needs both indices or neither");
    }
    imm.u32(x == null ? 0 : space.resolve(x)).u32(y == null ? 0 : space.resolve(y));
  }

  /** {@code x.init target? segment}: the segment, then the target (0 when not written). */
  private static void init(Cursor c, Space segments, Space targets, Out imm) {
    Sexp x = c.next();
    Sexp y = c.nextIndex();
    if (y == null) {
      imm.u32(segments.resolve(x)).u32(0);
    } else {
      imm.u32(segments.resolve(y)).u32(targets.resolve(x));
    }
  }

  private void memarg(Op op, Cursor c, Out imm, boolean lane) {
    Sexp memory = null;
    Sexp p = c.peek();
    if (p != null && (p.kind == Sexp.Kind.ID || Numbers.isUnsigned(p))) {
      // a memory index, unless (for lane accesses) it is the lane itself
      boolean take = !lane;
      if (lane) {
        for (int i = 1; c.peek(i) != null; i++) {
          Sexp q = c.peek(i);
          if (q.kind == Sexp.Kind.ATOM
              && (q.text.startsWith("offset=") || q.text.startsWith("align="))) {
            continue;
          }
          take = Numbers.isUnsigned(q);
          break;
        }
      }
      if (take) {
        memory = c.next();
      }
    }
    int mem = memory == null ? 0 : a.mems.resolve(memory);
    long offset = 0;
    int align = op.align();
    Sexp o = c.peek();
    if (o != null && o.kind == Sexp.Kind.ATOM && o.text.startsWith("offset=")) {
      c.next();
      offset = Numbers.unsigned(atom(o, o.text.substring(7)), 64); // range is checked by validation
    }
    Sexp al = c.peek();
    if (al != null && al.kind == Sexp.Kind.ATOM && al.text.startsWith("align=")) {
      c.next();
      long value = Numbers.unsigned(atom(al, al.text.substring(6)), 64);
      if (Long.bitCount(value) != 1) {
        throw new WatException(al, "alignment must be a power of two");
      }
      align = Long.numberOfTrailingZeros(value);
    }
    if (mem != 0) {
      imm.u32(align | 0x40).u32(mem);
    } else {
      imm.u32(align);
    }
    imm.u32(offset);
  }

  private static Sexp atom(Sexp at, String text) {
    return Sexp.atom(at, text);
  }

  private void v128(Cursor c, Sexp at, Out imm) {
    Sexp shape = c.next();
    int lanes =
        switch (shape.kind == Sexp.Kind.ATOM ? shape.text : "") {
          case "i8x16" -> 16;
          case "i16x8" -> 8;
          case "i32x4", "f32x4" -> 4;
          case "i64x2", "f64x2" -> 2;
          default ->
              throw new WatException(
                  shape, "unexpected token " + shape + ", expected a v128 shape");
        };
    for (int i = 0; i < lanes; i++) {
      Sexp v = c.peek();
      if (v == null || v.kind != Sexp.Kind.ATOM) {
        throw new WatException(v == null ? at : v, "wrong number of lane literals");
      }
      c.next();
      switch (shape.text) {
        case "i8x16" -> {
          int x = Numbers.i32(v);
          if (x < -128 || x > 255) {
            throw new WatException(v, "constant out of range");
          }
          imm.u8(x & 0xff);
        }
        case "i16x8" -> {
          int x = Numbers.i32(v);
          if (x < -32768 || x > 65535) {
            throw new WatException(v, "constant out of range");
          }
          imm.u8(x & 0xff).u8((x >>> 8) & 0xff);
        }
        case "i32x4" -> imm.fixed32(Numbers.i32(v));
        case "i64x2" -> imm.fixed64(Numbers.i64(v));
        case "f32x4" -> imm.fixed32(Numbers.f32(v));
        default -> imm.fixed64(Numbers.f64(v));
      }
    }
    Sexp extra = c.peek();
    if (extra != null
        && extra.kind == Sexp.Kind.ATOM
        && Opcodes.find(extra.text) == null
        && !extra.text.equals("end")
        && !extra.text.equals("else")) {
      throw new WatException(extra, "wrong number of lane literals");
    }
  }

  private int label(Sexp ref) {
    if (ref.kind == Sexp.Kind.ID) {
      for (int i = labels.size() - 1; i >= 0; i--) {
        if (ref.text.equals(labels.get(i))) {
          return labels.size() - 1 - i;
        }
      }
      throw new WatException(ref, "unknown label $" + ref.text);
    }
    return (int) Numbers.unsigned(ref, 32);
  }

  private int local(Sexp ref) {
    if (ref.kind == Sexp.Kind.ID) {
      Integer i = locals.get(ref.text);
      if (i == null) {
        throw new WatException(ref, "unknown local $" + ref.text);
      }
      return i;
    }
    return (int) Numbers.unsigned(ref, 32);
  }
}
