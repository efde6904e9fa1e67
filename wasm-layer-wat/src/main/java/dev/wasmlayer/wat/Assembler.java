package dev.wasmlayer.wat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the fields of one text module into a binary module. Two passes over the fields in text
 * order: the first numbers every definition (so references may come before definitions), the second
 * encodes them. Types written inline are appended to the type section in text order, reusing an
 * identical earlier type, as the text format specifies.
 */
final class Assembler {
  final Space typeNames = new Space("type");
  final Space funcs = new Space("func");
  final Space tables = new Space("table");
  final Space mems = new Space("memory");
  final Space globals = new Space("global");
  final Space elems = new Space("elem");
  final Space datas = new Space("data");
  final Space tags = new Space("tag");
  final List<Types.FuncType> types = new ArrayList<>();
  final List<Boolean> mem64 = new ArrayList<>();
  final List<Boolean> table64 = new ArrayList<>();
  private final Map<Sexp, Integer> indexOf = new IdentityHashMap<>();

  private final Out imports = new Out();
  private int importCount;
  private final Out functions = new Out();
  private int functionCount;
  private final Out tableSec = new Out();
  private int tableCount;
  private final Out memorySec = new Out();
  private int memoryCount;
  private final Out tagSec = new Out();
  private int tagCount;
  private final Out globalSec = new Out();
  private int globalCount;
  private final Out exports = new Out();
  private int exportCount;
  private int start = -1;
  private final Out elemSec = new Out();
  private int elemCount;
  private final Out code = new Out();
  private final Out dataSec = new Out();
  private int dataCount;
  boolean needsDataCount;

  /** The kind of the first definition: imports may not follow any. */
  private String definedSomething;

  final Types.TypeIndex typeIndex = typeNames::resolve;

  byte[] assemble(Sexp module, List<Sexp> fields) {
    for (Sexp f : fields) {
      declare(f);
    }
    for (Sexp f : fields) {
      if (f.isList("type")) {
        Cursor c = new Cursor(f, f.items, 1);
        c.nextId();
        Sexp def = c.next();
        c.expectEnd();
        Cursor d = new Cursor(def, def.items, 1);
        if (def.isList("struct")) {
          types.add(structType(d));
        } else if (def.isList("array")) {
          types.add(arrayType(d));
        } else if (def.isList("func")) {
          types.add(functionType(d, null, true));
        } else {
          throw new WatException(
              def, "unsupported type definition " + def + ": only func, struct and array");
        }
        d.expectEnd();
      }
    }
    for (Sexp f : fields) {
      emit(f);
    }
    Out out = new Out().u8(0).u8('a').u8('s').u8('m').fixed32(1);
    Out typeSec = new Out().u32(types.size());
    types.forEach(t -> typeSec.bytes(t.encode()));
    section(out, 1, types.size(), typeSec);
    section(out, 2, importCount, imports);
    section(out, 3, functionCount, functions);
    section(out, 4, tableCount, tableSec);
    section(out, 5, memoryCount, memorySec);
    section(out, 13, tagCount, tagSec);
    section(out, 6, globalCount, globalSec);
    section(out, 7, exportCount, exports);
    if (start >= 0) {
      byte[] s = new Out().u32(start).toByteArray();
      out.u8(8).vec(s);
    }
    section(out, 9, elemCount, elemSec);
    if (needsDataCount && dataCount > 0) { // as wabt: only when bulk instructions refer to segments
      out.u8(12).vec(new Out().u32(dataCount).toByteArray());
    }
    section(out, 10, functionCount, code);
    section(out, 11, dataCount, dataSec);
    return out.toByteArray();
  }

  private static void section(Out out, int id, int count, Out body) {
    if (count == 0) {
      return;
    }
    byte[] b = body.toByteArray();
    if (id != 1) {
      b = concat(new Out().u32(count).toByteArray(), b);
    }
    out.u8(id).vec(b);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  // ---- pass 1: number every definition

  private void declare(Sexp f) {
    String head = f.head();
    if (head == null) {
      throw new WatException(f, "unexpected token " + f + ", expected a module field");
    }
    Cursor c = new Cursor(f, f.items, 1);
    switch (head) {
      case "type" ->
          typeNames.add(
              c.nextId(), false, f); // defined after every name is known: types may refer ahead
      case "import" -> {
        c.next();
        c.next();
        Sexp desc = c.next();
        Space space = spaceOf(desc);
        Cursor d = new Cursor(desc, desc.items, 1);
        if (definedSomething != null) {
          throw new WatException(f, "import after " + definedSomething);
        }
        indexOf.put(desc, space.add(d.nextId(), true, f));
        addressType(desc);
      }
      case "func", "table", "memory", "global", "tag" -> {
        Space space = spaceOf(f);
        Sexp id = c.nextId();
        boolean imported = hasInlineImport(c);
        if (imported && definedSomething != null) {
          throw new WatException(f, "import after " + definedSomething);
        }
        if (!imported && definedSomething == null) {
          definedSomething = head;
        }
        indexOf.put(f, space.add(id, imported, f));
        addressType(f);
        if (head.equals("table") && has(f, "elem")) {
          indexOf.put(find(f, "elem"), elems.add(null, false, f));
        }
        if (head.equals("memory") && has(f, "data")) {
          indexOf.put(find(f, "data"), datas.add(null, false, f));
        }
      }
      case "elem" -> indexOf.put(f, elems.add(c.nextId(), false, f));
      case "data" -> indexOf.put(f, datas.add(c.nextId(), false, f));
      case "export", "start" -> {}
      case "rec" -> throw new WatException(f, "unsupported module field " + head);
      default ->
          throw new WatException(f, "unexpected token " + head + ", expected a module field");
    }
  }

  /** Notes whether a table or memory is 64-bit (bodies earlier in the text need to know). */
  private void addressType(Sexp f) {
    boolean is64 = false;
    for (Sexp s : f.items) {
      if (s.isAtom("i64")) {
        is64 = true;
      }
    }
    if (f.isList("memory")) {
      mem64.add(is64);
    } else if (f.isList("table")) {
      table64.add(is64);
    }
  }

  private static boolean hasInlineImport(Cursor c) {
    for (int i = 0; c.peek(i) != null; i++) {
      Sexp s = c.peek(i);
      if (s.isList("import")) {
        return true;
      }
      if (!s.isList("export")) {
        return false;
      }
    }
    return false;
  }

  private static boolean has(Sexp f, String head) {
    return find(f, head) != null;
  }

  private static Sexp find(Sexp f, String head) {
    for (Sexp s : f.items) {
      if (s.isList(head)) {
        return s;
      }
    }
    return null;
  }

  private Space spaceOf(Sexp desc) {
    String h = desc.head();
    if (h == null) {
      throw new WatException(desc, "unexpected token " + desc);
    }
    return switch (h) {
      case "func" -> funcs;
      case "table" -> tables;
      case "memory" -> mems;
      case "global" -> globals;
      case "tag" -> tags;
      default -> throw new WatException(desc, "unsupported import kind " + h);
    };
  }

  // ---- pass 2: encode

  private void emit(Sexp f) {
    Cursor c = new Cursor(f, f.items, 1);
    switch (f.head()) {
      case "import" -> {
        String module = c.next().utf8();
        String name = c.next().utf8();
        Sexp desc = c.next();
        c.expectEnd();
        Cursor d = new Cursor(desc, desc.items, 1);
        d.nextId();
        importEntry(module, name, desc, d, indexOf.get(desc));
      }
      case "func" -> func(f, c);
      case "table" -> table(f, c);
      case "memory" -> memory(f, c);
      case "global" -> global(f, c);
      case "tag" -> tag(f, c);
      case "export" -> {
        String name = c.next().utf8();
        Sexp desc = c.next();
        c.expectEnd();
        Cursor d = new Cursor(desc, desc.items, 1);
        int index = spaceOf(desc).resolve(d.next());
        d.expectEnd();
        export(name, kindCode(desc.head()), index);
      }
      case "start" -> {
        if (start >= 0) {
          throw new WatException(f, "multiple start sections");
        }
        start = funcs.resolve(c.next());
        c.expectEnd();
      }
      case "elem" -> elem(f, c);
      case "data" -> data(f, c);
      default -> {} // types were done in pass 1
    }
  }

  private static int kindCode(String head) {
    return switch (head) {
      case "func" -> 0;
      case "table" -> 1;
      case "memory" -> 2;
      case "tag" -> 4;
      default -> 3;
    };
  }

  private void export(String name, int kind, int index) {
    exports.name(name).u8(kind).u32(index);
    exportCount++;
  }

  /** Inline exports of a definition; returns the inline import, if any. */
  private Sexp inlineExportsAndImport(Cursor c, int kind, int index) {
    Sexp e;
    while ((e = c.nextIf("export")) != null) {
      Cursor d = new Cursor(e, e.items, 1);
      String name = d.next().utf8();
      d.expectEnd();
      export(name, kind, index);
    }
    return c.nextIf("import");
  }

  /** Inline exports, then an inline import if there is one (true: the definition was an import). */
  private boolean inlineImport(Sexp f, Cursor c, int kind, int index) {
    Sexp imp = inlineExportsAndImport(c, kind, index);
    if (imp == null) {
      return false;
    }
    Cursor i = new Cursor(imp, imp.items, 1);
    String module = i.next().utf8();
    String name = i.next().utf8();
    i.expectEnd();
    importEntry(module, name, f, c, index);
    return true;
  }

  private void importEntry(String module, String name, Sexp desc, Cursor d, int index) {
    imports.name(module).name(name);
    importCount++;
    switch (desc.head()) {
      case "func" -> {
        int type = typeUse(d, null, false);
        d.expectEnd();
        imports.u8(0).u32(type);
      }
      case "table" -> {
        imports.u8(1);
        tableType(d, imports);
        d.expectEnd();
      }
      case "memory" -> {
        imports.u8(2);
        memoryType(d, imports);
        d.expectEnd();
      }
      case "tag" -> {
        int type = typeUse(d, null, false);
        d.expectEnd();
        imports.u8(4).u8(0).u32(type);
      }
      default -> {
        imports.u8(3);
        globalType(d.next(), imports);
        d.expectEnd();
      }
    }
  }

  /** {@code (tag id? export* import? typeuse)}: attribute 0 (exception) and a function type. */
  private void tag(Sexp f, Cursor c) {
    c.nextId();
    int index = indexOf.get(f);
    if (inlineImport(f, c, 4, index)) {
      return;
    }
    int type = typeUse(c, null, false);
    c.expectEnd();
    tagSec.u8(0).u32(type);
    tagCount++;
  }

  /** {@code (field id? fieldtype)} or {@code (field fieldtype*)}, in order. */
  private Types.GcType structType(Cursor c) {
    Out fields = new Out();
    int count = 0;
    Map<String, Integer> names = new HashMap<>();
    Sexp f;
    while ((f = c.nextIf("field")) != null) {
      Cursor d = new Cursor(f, f.items, 1);
      Sexp id = d.nextId();
      if (id != null) {
        if (names.putIfAbsent(id.text, count) != null) {
          throw new WatException(id, "duplicate field $" + id.text);
        }
        fields.bytes(Types.fieldType(d.next(), typeIndex));
        count++;
        d.expectEnd();
      } else {
        while (d.hasNext()) {
          fields.bytes(Types.fieldType(d.next(), typeIndex));
          count++;
        }
      }
    }
    byte[] encoding = new Out().u8(0x5f).u32(count).bytes(fields.toByteArray()).toByteArray();
    return new Types.GcType(encoding, names);
  }

  /** {@code (array fieldtype)}. */
  private Types.GcType arrayType(Cursor c) {
    byte[] element = Types.fieldType(c.next(), typeIndex);
    return new Types.GcType(new Out().u8(0x5e).bytes(element).toByteArray(), Map.of());
  }

  private void func(Sexp f, Cursor c) {
    c.nextId();
    int index = indexOf.get(f);
    if (inlineImport(f, c, 0, index)) {
      return;
    }
    Map<String, Integer> locals = new HashMap<>();
    int type = typeUse(c, locals, true);
    functions.u32(type);
    functionCount++;
    // a type index out of range is left for validation to report
    List<byte[]> localTypes =
        new ArrayList<>(type < types.size() ? types.get(type).params : List.of());
    int params = localTypes.size();
    Sexp l;
    while ((l = c.nextIf("local")) != null) {
      Cursor d = new Cursor(l, l.items, 1);
      Sexp id = d.nextId();
      if (id != null) {
        addLocal(locals, id, localTypes.size());
        localTypes.add(Types.valType(d.next(), typeIndex));
        d.expectEnd();
      } else {
        while (d.hasNext()) {
          localTypes.add(Types.valType(d.next(), typeIndex));
        }
      }
    }
    Body body = new Body(this, locals, localTypes.size());
    body.instructions(c);
    Out entry = new Out();
    List<byte[]> declared = localTypes.subList(params, localTypes.size());
    List<int[]> runs = new ArrayList<>();
    for (int k = 0; k < declared.size(); k++) {
      if (!runs.isEmpty()
          && Arrays.equals(declared.get(runs.get(runs.size() - 1)[0]), declared.get(k))) {
        runs.get(runs.size() - 1)[1]++;
      } else {
        runs.add(new int[] {k, 1});
      }
    }
    entry.u32(runs.size());
    for (int[] r : runs) {
      entry.u32(r[1]).bytes(declared.get(r[0]));
    }
    entry.bytes(body.finish());
    code.vec(entry.toByteArray());
  }

  static void addLocal(Map<String, Integer> locals, Sexp id, int index) {
    if (locals.putIfAbsent(id.text, index) != null) {
      throw new WatException(id, "duplicate local $" + id.text);
    }
  }

  /**
   * A type use: {@code (type x)?} then {@code (param ...)* (result ...)*}; returns the type index,
   * appending an inline type that matches none so far. {@code locals} collects parameter names
   * (null where names are not allowed).
   */
  int typeUse(Cursor c, Map<String, Integer> locals, boolean namesAllowed) {
    Sexp ref = c.nextIf("type");
    Integer explicit = null;
    if (ref != null) {
      Cursor r = new Cursor(ref, ref.items, 1);
      explicit = typeNames.resolve(r.next());
      r.expectEnd();
    }
    boolean inline = c.peek() != null && (c.peek().isList("param") || c.peek().isList("result"));
    Types.FuncType t = functionType(c, namesAllowed ? locals : null, namesAllowed);
    if (explicit != null) {
      if (inline && (explicit >= types.size() || !t.same(types.get(explicit)))) {
        throw new WatException(ref, "inline function type does not match (type " + explicit + ")");
      }
      if (!inline && locals != null) {
        locals.clear();
      }
      return explicit;
    }
    for (int i = 0; i < types.size(); i++) {
      if (types.get(i).same(t)) {
        return i;
      }
    }
    types.add(t);
    return types.size() - 1;
  }

  /** {@code (param ...)* (result ...)*}. */
  Types.FuncType functionType(Cursor c, Map<String, Integer> names, boolean namesAllowed) {
    Types.FuncType t = new Types.FuncType();
    Sexp p;
    while ((p = c.nextIf("param")) != null) {
      Cursor d = new Cursor(p, p.items, 1);
      Sexp id = d.nextId();
      if (id != null) {
        if (!namesAllowed) {
          throw new WatException(
              id, "unexpected token $" + id.text + ": parameters here cannot be named");
        }
        if (names != null) {
          addLocal(names, id, t.params.size());
        }
        t.params.add(Types.valType(d.next(), typeIndex));
        d.expectEnd();
      } else {
        while (d.hasNext()) {
          t.params.add(Types.valType(d.next(), typeIndex));
        }
      }
    }
    Sexp r;
    while ((r = c.nextIf("result")) != null) {
      Cursor d = new Cursor(r, r.items, 1);
      while (d.hasNext()) {
        t.results.add(Types.valType(d.next(), typeIndex));
      }
    }
    if (c.peek() != null && c.peek().isList("param")) {
      throw new WatException(c.peek(), "unexpected token: param after result");
    }
    return t;
  }

  private void table(Sexp f, Cursor c) {
    c.nextId();
    int index = indexOf.get(f);
    if (inlineImport(f, c, 1, index)) {
      return;
    }
    Sexp elem = find(f, "elem");
    if (elem != null) {
      // (table i64? reftype (elem ...)): a table exactly as large as its elements, plus an active
      // segment
      boolean is64 = c.nextIsAtom("i64");
      byte[] type = Types.refType(c.next(), typeIndex);
      Cursor e = new Cursor(elem, elem.items, 1);
      List<byte[]> items = new ArrayList<>();
      boolean exprs = elemItems(e, items, type);
      int n = items.size();
      tableSec.bytes(type).u8(is64 ? 0x05 : 0x01).u32(n).u32(n);
      tableCount++;
      byte[] offset = new Out().u8(is64 ? 0x42 : 0x41).u8(0).u8(0x0b).toByteArray();
      elemSegment(0, index, offset, type, items, exprs);
      return;
    }
    Out t = new Out();
    boolean is64 = tableType(c, t);
    if (c.hasNext()) {
      // a table with an initializer expression
      tableSec.u8(0x40).u8(0x00).bytes(t.toByteArray());
      tableSec.bytes(new Body(this, Map.of(), 0).constant(c));
    } else {
      tableSec.bytes(t.toByteArray());
    }
    tableCount++;
  }

  /** {@code i64? min max? reftype}; returns whether 64-bit. */
  private boolean tableType(Cursor c, Out out) {
    boolean is64 = c.nextIsAtom("i64");
    if (!is64) {
      c.nextIsAtom("i32");
    }
    long min = Numbers.unsigned(c.next(), 64);
    Sexp maybeMax = c.peek();
    Long max = null;
    if (maybeMax != null && Numbers.isUnsigned(maybeMax)) {
      max = Numbers.unsigned(c.next(), 64);
    }
    byte[] type = Types.refType(c.next(), typeIndex);
    out.bytes(type).u8((max != null ? 1 : 0) | (is64 ? 4 : 0)).u32(min);
    if (max != null) {
      out.u32(max);
    }
    return is64;
  }

  private void memory(Sexp f, Cursor c) {
    c.nextId();
    int index = indexOf.get(f);
    if (inlineImport(f, c, 2, index)) {
      return;
    }
    Sexp data = find(f, "data");
    if (data != null) {
      boolean is64 = c.nextIsAtom("i64");
      Cursor d = new Cursor(data, data.items, 1);
      byte[] bytes = strings(d);
      long pages = (bytes.length + 65535L) / 65536L;
      memorySec.u8(is64 ? 0x05 : 0x01).u32(pages).u32(pages);
      memoryCount++;
      byte[] offset = new Out().u8(is64 ? 0x42 : 0x41).u8(0).u8(0x0b).toByteArray();
      dataSec.u8(index == 0 ? 0 : 2);
      if (index != 0) {
        dataSec.u32(index);
      }
      dataSec.bytes(offset).vec(bytes);
      dataCount++;
      return;
    }
    memoryType(c, memorySec);
    c.expectEnd();
    memoryCount++;
  }

  /** {@code i64? min max? shared?}. */
  private void memoryType(Cursor c, Out out) {
    boolean is64 = c.nextIsAtom("i64");
    if (!is64) {
      c.nextIsAtom("i32");
    }
    long min = Numbers.unsigned(c.next(), 64);
    Long max = null;
    if (c.peek() != null && Numbers.isUnsigned(c.peek())) {
      max = Numbers.unsigned(c.next(), 64);
    }
    boolean shared = c.nextIsAtom("shared");
    c.nextIsAtom("unshared");
    out.u8((max != null ? 1 : 0) | (shared ? 2 : 0) | (is64 ? 4 : 0)).u32(min);
    if (max != null) {
      out.u32(max);
    }
  }

  private void global(Sexp f, Cursor c) {
    c.nextId();
    int index = indexOf.get(f);
    if (inlineImport(f, c, 3, index)) {
      return;
    }
    globalType(c.next(), globalSec);
    globalSec.bytes(new Body(this, Map.of(), 0).constant(c));
    globalCount++;
  }

  private void globalType(Sexp t, Out out) {
    if (t.isList("mut")) {
      Cursor m = new Cursor(t, t.items, 1);
      out.bytes(Types.valType(m.next(), typeIndex)).u8(1);
      m.expectEnd();
    } else {
      out.bytes(Types.valType(t, typeIndex)).u8(0);
    }
  }

  private void elem(Sexp f, Cursor c) {
    c.nextId();
    int mode; // 0 active, 1 passive, 3 declarative
    int table = 0;
    byte[] offset = null;
    if (c.nextIsAtom("declare")) {
      mode = 3;
    } else {
      Sexp t = c.nextIf("table");
      if (t != null) {
        Cursor d = new Cursor(t, t.items, 1);
        table = tables.resolve(d.next());
        d.expectEnd();
      }
      Sexp next = c.peek();
      if (t != null
          || (next != null && next.isList() && !next.isList("ref") && !next.isList("item"))) {
        mode = 0;
        offset = offset(c);
      } else {
        mode = 1;
      }
    }
    byte[] type = null;
    if (c.peek() != null
        && !c.peek().isAtom("func")
        && (c.peek().kind == Sexp.Kind.ATOM && !Numbers.isUnsigned(c.peek())
            || c.peek().isList("ref"))) {
      type = Types.refType(c.next(), typeIndex);
    }
    List<byte[]> items = new ArrayList<>();
    boolean exprs = elemItems(c, items, type);
    if (type == null) {
      type = new byte[] {0x70};
    }
    elemSegment(mode, table, offset, type, items, exprs);
  }

  /**
   * Reads {@code func? idx*} or {@code (item expr)* | (expr)*} into encoded items; returns whether
   * they are expressions (false: function indices).
   */
  private boolean elemItems(Cursor c, List<byte[]> items, byte[] type) {
    boolean funcKeyword = c.nextIsAtom("func");
    if (funcKeyword
        || c.peek() != null && c.peek().kind != Sexp.Kind.LIST
        || type == null && !c.hasNext()) {
      while (c.hasNext()) {
        items.add(new Out().u32(funcs.resolve(c.next())).toByteArray());
      }
      return false;
    }
    while (c.hasNext()) {
      Sexp item = c.next();
      if (!item.isList()) {
        throw new WatException(
            item, "unexpected token " + item + ", expected an element expression");
      }
      Body b = new Body(this, Map.of(), 0);
      if (item.isList("item")) {
        items.add(b.constant(new Cursor(item, item.items, 1)));
      } else {
        items.add(b.constant(new Cursor(item, List.of(item), 0)));
      }
    }
    return true;
  }

  /**
   * One element segment in the shortest encoding (wabt's choice): function indices when every item
   * is a {@code ref.func} of a funcref segment, the table index only when it is not 0 or the type
   * is not funcref.
   */
  private void elemSegment(
      int mode, int table, byte[] offset, byte[] type, List<byte[]> items, boolean exprs) {
    boolean funcref = type.length == 1 && type[0] == 0x70;
    if (exprs && funcref && allRefFunc(items)) {
      List<byte[]> indices = new ArrayList<>();
      for (byte[] e : items) {
        indices.add(Arrays.copyOfRange(e, 1, e.length - 1));
      }
      items = indices;
      exprs = false;
    }
    if (!exprs && !funcref) {
      // indices can only say funcref: any other type needs the items as ref.func expressions
      List<byte[]> asExprs = new ArrayList<>();
      for (byte[] index : items) {
        asExprs.add(new Out().u8(0xd2).bytes(index).u8(0x0b).toByteArray());
      }
      items = asExprs;
      exprs = true;
    }
    boolean explicitTable = mode == 0 && (table != 0 || !funcref);
    int flags = (mode == 0 ? (explicitTable ? 2 : 0) : mode) | (exprs ? 4 : 0);
    elemSec.u8(flags);
    if (explicitTable) {
      elemSec.u32(table);
    }
    if (mode == 0) {
      elemSec.bytes(offset);
    }
    if (flags != 0 && flags != 4) {
      if (exprs) {
        elemSec.bytes(type);
      } else {
        elemSec.u8(0x00);
      }
    }
    elemSec.u32(items.size());
    items.forEach(elemSec::bytes);
    elemCount++;
  }

  private static boolean allRefFunc(List<byte[]> items) {
    for (byte[] e : items) {
      if (e.length < 3 || (e[0] & 0xff) != 0xd2) {
        return false;
      }
      int i = 1;
      while ((e[i] & 0x80) != 0) {
        i++;
      }
      if (i + 2 != e.length || e[i + 1] != 0x0b) {
        return false;
      }
    }
    return true;
  }

  /** {@code (offset instr*)} or one folded instruction. */
  private byte[] offset(Cursor c) {
    Sexp o = c.next();
    Body b = new Body(this, Map.of(), 0);
    if (o.isList("offset")) {
      return b.constant(new Cursor(o, o.items, 1));
    }
    return b.constant(new Cursor(o, List.of(o), 0));
  }

  private void data(Sexp f, Cursor c) {
    c.nextId();
    int memory = 0;
    Sexp m = c.nextIf("memory");
    if (m != null) {
      Cursor d = new Cursor(m, m.items, 1);
      memory = mems.resolve(d.next());
      d.expectEnd();
    }
    Sexp next = c.peek();
    if (m != null || (next != null && next.isList())) {
      byte[] offset = offset(c);
      dataSec.u8(memory == 0 ? 0 : 2);
      if (memory != 0) {
        dataSec.u32(memory);
      }
      dataSec.bytes(offset);
    } else {
      dataSec.u8(1);
    }
    dataSec.vec(strings(c));
    dataCount++;
  }

  private static byte[] strings(Cursor c) {
    Out o = new Out();
    while (c.hasNext()) {
      Sexp s = c.next();
      if (s.kind != Sexp.Kind.STRING) {
        throw new WatException(s, "unexpected token " + s + ", expected a string");
      }
      o.bytes(s.bytes);
    }
    return o.toByteArray();
  }
}
