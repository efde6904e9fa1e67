package dev.wasmlayer.internal.gen;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the bytes of one tiny class: it implements one interface method by calling a {@code static
 * final} {@link java.lang.invoke.MethodHandle} taken from the hidden class's class data. Because
 * the handle is a constant, the JIT inlines through it as if the adapter had been written by hand;
 * the body has no branches, so the class needs no stack map frames.
 */
final class ClassBytes {
  private static final int VERSION = 61; // Java 17
  private static final String MH = "java/lang/invoke/MethodHandle";
  private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";

  private final ByteArrayOutputStream poolBytes = new ByteArrayOutputStream();
  private final DataOutputStream pool = new DataOutputStream(poolBytes);
  private final Map<String, Integer> entries = new HashMap<>();
  private int poolCount = 1;

  private ClassBytes() {}

  /**
   * The class file: {@code self implements iface}, whose {@code method} with {@code type} calls the
   * handle.
   *
   * @param self the internal name, in the package of the lookup that will define it
   */
  static byte[] adapter(String self, Class<?> iface, String method, MethodType type) {
    return new ClassBytes().write(self, iface, method, type);
  }

  /**
   * A package-private class {@code self} whose package-private {@code static Lookup lookup()}
   * returns its own full lookup: defined once in a package that wasm-layer reaches with only
   * package access, it yields the full-privilege lookup {@code defineHiddenClass} needs. Nothing
   * outside the package can call it.
   */
  static byte[] anchor(String self) {
    return new ClassBytes().writeAnchor(self);
  }

  private byte[] writeAnchor(String self) {
    try {
      int selfRef = classRef(self);
      int object = classRef("java/lang/Object");
      int lookup = member(10, "java/lang/invoke/MethodHandles", "lookup", "()L" + LOOKUP + ";");
      int name = utf8("lookup");
      int desc = utf8("()L" + LOOKUP + ";");
      int code = utf8("Code");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(out);
      header(d);
      d.writeShort(0x0010 | 0x0020 | 0x1000); // final super synthetic; package-private
      d.writeShort(selfRef);
      d.writeShort(object);
      d.writeShort(0); // no interfaces
      d.writeShort(0); // no fields
      d.writeShort(1);
      ByteArrayOutputStream c = new ByteArrayOutputStream();
      c.write(0xb8);
      u2(c, lookup);
      c.write(0xb0);
      method(d, 0x0008, name, desc, code, 1, 0, c.toByteArray());
      d.writeShort(0);
      d.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void header(DataOutputStream d) throws IOException {
    d.writeInt(0xCAFEBABE);
    d.writeShort(0);
    d.writeShort(VERSION);
    pool.flush();
    d.writeShort(poolCount);
    d.write(poolBytes.toByteArray());
  }

  private byte[] write(String selfName, Class<?> iface, String method, MethodType type) {
    try {
      int self = classRef(selfName);
      int object = classRef("java/lang/Object");
      int ifaceRef = classRef(iface.getName().replace('.', '/'));
      int field = member(9, selfName, "T", "L" + MH + ";");
      int lookup =
          member(
              10,
              "java/lang/invoke/MethodHandles",
              "lookup",
              "()Ljava/lang/invoke/MethodHandles$Lookup;");
      int classData =
          member(
              10,
              "java/lang/invoke/MethodHandles",
              "classData",
              "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;");
      int objectInit = member(10, "java/lang/Object", "<init>", "()V");
      int invokeExact = member(10, MH, "invokeExact", type.toMethodDescriptorString());
      int name = string("_");
      int mhClass = classRef(MH);
      int fieldName = utf8("T");
      int fieldDesc = utf8("L" + MH + ";");
      int init = utf8("<init>");
      int clinit = utf8("<clinit>");
      int voidDesc = utf8("()V");
      int code = utf8("Code");
      int methodName = utf8(method);
      int methodDesc = utf8(type.toMethodDescriptorString());

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(out);
      header(d);
      d.writeShort(0x0001 | 0x0010 | 0x0020); // public final super
      d.writeShort(self);
      d.writeShort(object);
      d.writeShort(1);
      d.writeShort(ifaceRef);
      d.writeShort(1); // the constant handle
      d.writeShort(0x0002 | 0x0008 | 0x0010); // private static final
      d.writeShort(fieldName);
      d.writeShort(fieldDesc);
      d.writeShort(0);
      d.writeShort(3);
      // <clinit>: T = (MethodHandle) MethodHandles.classData(MethodHandles.lookup(), "_",
      // MethodHandle.class)
      ByteArrayOutputStream c = new ByteArrayOutputStream();
      c.write(0xb8);
      u2(c, lookup);
      c.write(0x13);
      u2(c, name);
      c.write(0x13);
      u2(c, mhClass);
      c.write(0xb8);
      u2(c, classData);
      c.write(0xc0);
      u2(c, mhClass);
      c.write(0xb3);
      u2(c, field);
      c.write(0xb1);
      method(d, 0x0008, clinit, voidDesc, code, 3, 0, c.toByteArray());
      // public <init>() { super(); }
      c.reset();
      c.write(0x2a);
      c.write(0xb7);
      u2(c, objectInit);
      c.write(0xb1);
      method(d, 0x0001, init, voidDesc, code, 1, 1, c.toByteArray());
      // the interface method: return T.invokeExact(args...)
      c.reset();
      c.write(0xb2);
      u2(c, field);
      int local = 1;
      for (Class<?> p : type.parameterArray()) {
        c.write(loadOpcode(p));
        c.write(local);
        local += size(p);
      }
      c.write(0xb6);
      u2(c, invokeExact);
      c.write(returnOpcode(type.returnType()));
      int stack = Math.max(1 + local - 1, size(type.returnType()));
      method(d, 0x0001 | 0x0010, methodName, methodDesc, code, stack, local, c.toByteArray());
      d.writeShort(0); // no class attributes
      d.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void method(
      DataOutputStream d,
      int flags,
      int name,
      int desc,
      int code,
      int maxStack,
      int maxLocals,
      byte[] body)
      throws IOException {
    d.writeShort(flags);
    d.writeShort(name);
    d.writeShort(desc);
    d.writeShort(1);
    d.writeShort(code);
    d.writeInt(2 + 2 + 4 + body.length + 2 + 2);
    d.writeShort(maxStack);
    d.writeShort(maxLocals);
    d.writeInt(body.length);
    d.write(body);
    d.writeShort(0); // exception table
    d.writeShort(0); // attributes
  }

  private static void u2(ByteArrayOutputStream c, int v) {
    c.write(v >>> 8);
    c.write(v);
  }

  private static int size(Class<?> t) {
    return t == void.class ? 0 : t == long.class || t == double.class ? 2 : 1;
  }

  private static int loadOpcode(Class<?> t) {
    if (!t.isPrimitive()) {
      return 0x19;
    }
    return t == long.class ? 0x16 : t == float.class ? 0x17 : t == double.class ? 0x18 : 0x15;
  }

  private static int returnOpcode(Class<?> t) {
    if (t == void.class) {
      return 0xb1;
    }
    if (!t.isPrimitive()) {
      return 0xb0;
    }
    return t == long.class ? 0xad : t == float.class ? 0xae : t == double.class ? 0xaf : 0xac;
  }

  private int utf8(String s) throws IOException {
    Integer known = entries.get("U" + s);
    if (known != null) {
      return known;
    }
    pool.writeByte(1);
    pool.writeUTF(s);
    return add("U" + s, 1);
  }

  private int classRef(String internalName) throws IOException {
    Integer known = entries.get("C" + internalName);
    if (known != null) {
      return known;
    }
    int n = utf8(internalName);
    pool.writeByte(7);
    pool.writeShort(n);
    return add("C" + internalName, 1);
  }

  private int string(String s) throws IOException {
    int n = utf8(s);
    pool.writeByte(8);
    pool.writeShort(n);
    return add("S" + s, 1);
  }

  /** A field (tag 9) or method (tag 10) reference. */
  private int member(int tag, String owner, String name, String desc) throws IOException {
    int o = classRef(owner);
    int n = utf8(name);
    int t = utf8(desc);
    pool.writeByte(12);
    pool.writeShort(n);
    pool.writeShort(t);
    int nameAndType = add("N" + name + desc + poolCount, 1);
    pool.writeByte(tag);
    pool.writeShort(o);
    pool.writeShort(nameAndType);
    return add("M" + tag + owner + name + desc, 1);
  }

  private int add(String key, int slots) {
    int index = poolCount;
    poolCount += slots;
    entries.put(key, index);
    return index;
  }
}
