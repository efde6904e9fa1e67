package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a component's type ({@code wasmtime_component_type_t}) into the API's WIT types. One reader
 * per component: a wasmtime resource type met twice (as an item and in an {@code own} or {@code
 * borrow}) becomes one {@link ResourceType} object, told apart with {@code
 * wasmtime_component_resource_type_equal}. Resources a component exports are guest resources, ones
 * it imports host resources.
 */
final class WitTypeReader implements AutoCloseable {
  // wasmtime_component_item_kind_t
  private static final int ITEM_INSTANCE = 1;
  private static final int ITEM_MODULE = 2;
  private static final int ITEM_FUNC = 3;
  private static final int ITEM_RESOURCE = 4;
  private static final int ITEM_CORE_FUNC = 5;
  private static final int ITEM_TYPE = 6;

  /** {@code wasmtime_component_item_t}: kind u8 at 0, union at 8. */
  private static final int ITEM_SIZE = 24;

  /** {@code wasmtime_component_valtype_t}: kind u8 at 0, pointer at 8. */
  private static final int VALTYPE_SIZE = 16;

  // wasmtime_component_valtype_kind_t
  private static final WitPrimitive[] PRIMITIVES = {
    WitPrimitive.BOOL,
    WitPrimitive.S8,
    WitPrimitive.S16,
    WitPrimitive.S32,
    WitPrimitive.S64,
    WitPrimitive.U8,
    WitPrimitive.U16,
    WitPrimitive.U32,
    WitPrimitive.U64,
    WitPrimitive.F32,
    WitPrimitive.F64,
    WitPrimitive.CHAR,
    WitPrimitive.STRING
  };
  private static final int LIST = 13;
  private static final int RECORD = 14;
  private static final int TUPLE = 15;
  private static final int VARIANT = 16;
  private static final int ENUM = 17;
  private static final int OPTION = 18;
  private static final int RESULT = 19;
  private static final int FLAGS = 20;
  private static final int OWN = 21;
  private static final int BORROW = 22;

  private record Known(Pointer native_, ResourceType type) {}

  private final Pointer engine;
  private final List<Known> resources = new ArrayList<>();

  WitTypeReader(Pointer engine) {
    this.engine = engine;
  }

  /** The items of a component type: its imports or its exports, by name, in order. */
  Map<String, ComponentItem> items(Pointer componentType, boolean imports) {
    long n =
        imports
            ? Wasmtime.wasmtime_component_type_import_count(componentType, engine)
            : Wasmtime.wasmtime_component_type_export_count(componentType, engine);
    Map<String, ComponentItem> out = new LinkedHashMap<>();
    long[] name = new long[1];
    long[] len = new long[1];
    long[] ext = new long[1];
    for (long i = 0; i < n; i++) {
      byte ok =
          imports
              ? Wasmtime.wasmtime_component_type_import_nth(
                  componentType, engine, i, name, len, ext)
              : Wasmtime.wasmtime_component_type_export_nth(
                  componentType, engine, i, name, len, ext);
      if (ok == 0) {
        break;
      }
      String key = text(name[0], len[0]);
      Pointer e = new Pointer(ext[0]);
      try {
        out.put(key, extern(e, key, !imports));
      } finally {
        Wasmtime.wasmtime_component_extern_delete(e);
      }
    }
    return out;
  }

  /**
   * Registers the resource types of a component type's items first, so a function met before its
   * resource item still gets the named type.
   */
  void registerResources(Pointer componentType, boolean imports) {
    long n =
        imports
            ? Wasmtime.wasmtime_component_type_import_count(componentType, engine)
            : Wasmtime.wasmtime_component_type_export_count(componentType, engine);
    long[] name = new long[1];
    long[] len = new long[1];
    long[] ext = new long[1];
    for (long i = 0; i < n; i++) {
      byte ok =
          imports
              ? Wasmtime.wasmtime_component_type_import_nth(
                  componentType, engine, i, name, len, ext)
              : Wasmtime.wasmtime_component_type_export_nth(
                  componentType, engine, i, name, len, ext);
      if (ok == 0) {
        break;
      }
      Pointer e = new Pointer(ext[0]);
      try {
        registerIn(e, text(name[0], len[0]), !imports);
      } finally {
        Wasmtime.wasmtime_component_extern_delete(e);
      }
    }
  }

  private void registerIn(Pointer ext, String name, boolean guest) {
    Memory item = Natives.alloc(ITEM_SIZE);
    Wasmtime.wasmtime_component_extern_type(ext, item);
    try {
      int kind = item.getByte(0);
      if (kind == ITEM_RESOURCE) {
        resource(item.getPointer(8), name, guest);
      } else if (kind == ITEM_INSTANCE) {
        Pointer inst = item.getPointer(8);
        long n = Wasmtime.wasmtime_component_instance_type_export_count(inst, engine);
        long[] nm = new long[1];
        long[] len = new long[1];
        long[] sub = new long[1];
        for (long i = 0; i < n; i++) {
          if (Wasmtime.wasmtime_component_instance_type_export_nth(inst, engine, i, nm, len, sub)
              == 0) {
            break;
          }
          Pointer s = new Pointer(sub[0]);
          try {
            registerIn(s, text(nm[0], len[0]), guest);
          } finally {
            Wasmtime.wasmtime_component_extern_delete(s);
          }
        }
      }
    } finally {
      Wasmtime.wasmtime_component_item_delete(item);
    }
  }

  private ComponentItem extern(Pointer ext, String name, boolean guest) {
    Memory item = Natives.alloc(ITEM_SIZE);
    Wasmtime.wasmtime_component_extern_type(ext, item);
    try {
      int kind = item.getByte(0);
      Pointer of = item.getPointer(8);
      switch (kind) {
        case ITEM_INSTANCE:
          return instance(of, guest);
        case ITEM_FUNC:
          try {
            return new ComponentItem.Function(func(of));
          } catch (dev.wasmlayer.UnsupportedFeatureException e) {
            return new ComponentItem.Other("function of types the host boundary does not cross");
          }
        case ITEM_RESOURCE:
          return new ComponentItem.Resource(resource(of, name, guest));
        case ITEM_MODULE:
          return new ComponentItem.Other("core module");
        case ITEM_CORE_FUNC:
          return new ComponentItem.Other("core function");
        case ITEM_TYPE:
          return new ComponentItem.Other("type");
        default:
          return new ComponentItem.Other("component");
      }
    } finally {
      Wasmtime.wasmtime_component_item_delete(item);
    }
  }

  private ComponentItem instance(Pointer inst, boolean guest) {
    long n = Wasmtime.wasmtime_component_instance_type_export_count(inst, engine);
    Map<String, ComponentItem> items = new LinkedHashMap<>();
    long[] name = new long[1];
    long[] len = new long[1];
    long[] sub = new long[1];
    for (long i = 0; i < n; i++) {
      if (Wasmtime.wasmtime_component_instance_type_export_nth(inst, engine, i, name, len, sub)
          == 0) {
        break;
      }
      String key = text(name[0], len[0]);
      Pointer s = new Pointer(sub[0]);
      try {
        items.put(key, extern(s, key, guest));
      } finally {
        Wasmtime.wasmtime_component_extern_delete(s);
      }
    }
    return new ComponentItem.Interface(items);
  }

  /** A function type (borrowed pointer). */
  WitFuncType func(Pointer type) {
    long n = Wasmtime.wasmtime_component_func_type_param_count(type);
    List<WitFuncType.Param> params = new ArrayList<>();
    long[] name = new long[1];
    long[] len = new long[1];
    for (long i = 0; i < n; i++) {
      Memory vt = Natives.alloc(VALTYPE_SIZE);
      if (Wasmtime.wasmtime_component_func_type_param_nth(type, i, name, len, vt) == 0) {
        break;
      }
      params.add(new WitFuncType.Param(text(name[0], len[0]), take(vt)));
    }
    Memory result = Natives.alloc(VALTYPE_SIZE);
    Optional<WitType> r =
        Wasmtime.wasmtime_component_func_type_result(type, result) != 0
            ? Optional.of(take(result))
            : Optional.empty();
    return new WitFuncType(params, r);
  }

  /** Reads, then deletes, the valtype at {@code vt}. */
  private WitType take(Memory vt) {
    try {
      return valtype(vt);
    } finally {
      Wasmtime.wasmtime_component_valtype_delete(vt);
    }
  }

  private WitType valtype(Memory vt) {
    int kind = vt.getByte(0) & 0xFF;
    if (kind < PRIMITIVES.length) {
      return PRIMITIVES[kind];
    }
    Pointer of = vt.getPointer(8);
    long[] name = new long[1];
    long[] len = new long[1];
    switch (kind) {
      case LIST:
        {
          Memory e = Natives.alloc(VALTYPE_SIZE);
          Wasmtime.wasmtime_component_list_type_element(of, e);
          return new ListType(take(e));
        }
      case RECORD:
        {
          long n = Wasmtime.wasmtime_component_record_type_field_count(of);
          List<RecordType.Field> fields = new ArrayList<>();
          for (long i = 0; i < n; i++) {
            Memory f = Natives.alloc(VALTYPE_SIZE);
            Wasmtime.wasmtime_component_record_type_field_nth(of, i, name, len, f);
            fields.add(new RecordType.Field(text(name[0], len[0]), take(f)));
          }
          return new RecordType(fields);
        }
      case TUPLE:
        {
          long n = Wasmtime.wasmtime_component_tuple_type_types_count(of);
          List<WitType> types = new ArrayList<>();
          for (long i = 0; i < n; i++) {
            Memory t = Natives.alloc(VALTYPE_SIZE);
            Wasmtime.wasmtime_component_tuple_type_types_nth(of, i, t);
            types.add(take(t));
          }
          return new TupleType(types);
        }
      case VARIANT:
        {
          long n = Wasmtime.wasmtime_component_variant_type_case_count(of);
          List<VariantType.Case> cases = new ArrayList<>();
          byte[] has = new byte[1];
          for (long i = 0; i < n; i++) {
            Memory p = Natives.alloc(VALTYPE_SIZE);
            Wasmtime.wasmtime_component_variant_type_case_nth(of, i, name, len, has, p);
            String caseName = text(name[0], len[0]);
            cases.add(
                new VariantType.Case(
                    caseName, has[0] != 0 ? Optional.of(take(p)) : Optional.empty()));
          }
          return new VariantType(cases);
        }
      case ENUM:
        return new EnumType(names(of, false));
      case OPTION:
        {
          Memory s = Natives.alloc(VALTYPE_SIZE);
          Wasmtime.wasmtime_component_option_type_ty(of, s);
          return new OptionType(take(s));
        }
      case RESULT:
        {
          Memory ok = Natives.alloc(VALTYPE_SIZE);
          Optional<WitType> okType =
              Wasmtime.wasmtime_component_result_type_ok(of, ok) != 0
                  ? Optional.of(take(ok))
                  : Optional.empty();
          Memory err = Natives.alloc(VALTYPE_SIZE);
          Optional<WitType> errType =
              Wasmtime.wasmtime_component_result_type_err(of, err) != 0
                  ? Optional.of(take(err))
                  : Optional.empty();
          return new ResultType(okType, errType);
        }
      case FLAGS:
        return new FlagsType(names(of, true));
      case OWN:
        return new OwnType(resource(of, "resource", true));
      case BORROW:
        return new BorrowType(resource(of, "resource", true));
      default:
        throw new dev.wasmlayer.UnsupportedFeatureException(
            dev.wasmlayer.Feature.COMPONENTS,
            WasmtimeEngineProvider.ID,
            "WIT type kind " + kind + " (future, stream, error-context, map)");
    }
  }

  private static List<String> names(Pointer of, boolean flags) {
    long n =
        flags
            ? Wasmtime.wasmtime_component_flags_type_names_count(of)
            : Wasmtime.wasmtime_component_enum_type_names_count(of);
    long[] name = new long[1];
    long[] len = new long[1];
    List<String> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      if (flags) {
        Wasmtime.wasmtime_component_flags_type_names_nth(of, i, name, len);
      } else {
        Wasmtime.wasmtime_component_enum_type_names_nth(of, i, name, len);
      }
      out.add(text(name[0], len[0]));
    }
    return out;
  }

  /** The one {@link ResourceType} for the wasmtime resource type {@code type} (borrowed). */
  private ResourceType resource(Pointer type, String name, boolean guest) {
    for (Known k : resources) {
      if (Wasmtime.wasmtime_component_resource_type_equal(k.native_(), type) != 0) {
        return k.type();
      }
    }
    ResourceType t = guest ? ResourceType.guest(name) : ResourceType.host(name);
    resources.add(new Known(Wasmtime.wasmtime_component_resource_type_clone(type), t));
    return t;
  }

  private static String text(long data, long len) {
    return len == 0
        ? ""
        : new String(new Pointer(data).getByteArray(0, (int) len), StandardCharsets.UTF_8);
  }

  /** Frees the resource types it kept for comparison. */
  @Override
  public void close() {
    for (Known k : resources) {
      Wasmtime.wasmtime_component_resource_type_delete(k.native_());
    }
    resources.clear();
  }
}
