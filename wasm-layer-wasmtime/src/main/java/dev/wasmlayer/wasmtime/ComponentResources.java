package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.GuestResource;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store's resources at the component boundary, and the value converters that use them. A host
 * resource crosses as its Java object: a handle table per host type gives each object a rep (own
 * and borrow alike), and wasmtime's destructor call for a rep hands the object to {@link
 * ResourceType#drop}. A guest resource crosses as a {@link WasmtimeGuestResource} holding a cloned
 * {@code resource_any}; a borrowed one given to a host function ends with that call. Used on the
 * store's thread only (inside its call gate).
 */
final class ComponentResources implements WitLower.Resources, WitLift.Resources {
  /** wasmtime host resource type numbers, one per {@link ResourceType} object, process-wide. */
  private static final AtomicInteger TYPE_IDS = new AtomicInteger();

  private static final Map<ResourceType, Integer> IDS = new java.util.WeakHashMap<>();

  private final WasmtimeStore<?> store;
  private final WitLower lowering = new WitLower(this);
  private final WitLift lifting = new WitLift(this);

  /** Host objects by rep and reps by object, per host type. */
  private final Map<ResourceType, HandleTable> tables = new IdentityHashMap<>();

  /** A component's view of an imported resource type to the host's own type for it. */
  private final Map<ResourceType, ResourceType> aliases = new IdentityHashMap<>();

  private final List<WasmtimeGuestResource> guests = new ArrayList<>();
  private List<WasmtimeGuestResource> borrowed;
  private int hostDepth;

  /**
   * Host objects lent to a top-level call as borrows: wasmtime 49 makes a host borrow only inside a
   * call, so an owned handle stands in and is dropped, quietly, when the call ends.
   */
  private List<Pointer> lent;

  private boolean quietDrop;

  /** The instance whose function is being called: guest handles belong to it. */
  private WasmtimeComponentInstance current;

  /** Makes {@code i} the instance being called; returns the one to restore with {@link #leave}. */
  WasmtimeComponentInstance enter(WasmtimeComponentInstance i) {
    WasmtimeComponentInstance previous = current;
    current = i;
    return previous;
  }

  void leave(WasmtimeComponentInstance previous) {
    current = previous;
  }

  ComponentResources(WasmtimeStore<?> store) {
    this.store = store;
  }

  WitLower lowering() {
    return lowering;
  }

  WitLift lifting() {
    return lifting;
  }

  WasmtimeStore<?> store() {
    return store;
  }

  private static int typeId(ResourceType type) {
    synchronized (IDS) {
      return IDS.computeIfAbsent(type, t -> TYPE_IDS.incrementAndGet());
    }
  }

  /** Maps the resource types a component imports to the host's types given for them. */
  void alias(WasmtimeComponent component, ComponentImports imports) {
    for (ComponentImports.HostResource r : imports.resources()) {
      ComponentItem item = component.importTypes().get(r.iface());
      if (item instanceof ComponentItem.Interface i
          && i.items().get(r.name()) instanceof ComponentItem.Resource res) {
        aliases.put(res.type(), r.type());
      }
    }
  }

  private ResourceType resolve(ResourceType t) {
    return aliases.getOrDefault(t, t);
  }

  /** Around a host function's run: borrowed guest handles it was given end with it. */
  void enterHostCall() {
    hostDepth++;
  }

  void exitHostCall() {
    if (--hostDepth == 0 && borrowed != null) {
      for (WasmtimeGuestResource g : borrowed) {
        g.release();
      }
      borrowed = null;
    }
  }

  /** After a top-level call: the stand-ins for lent host objects go, without dropping them. */
  void endCall() {
    List<Pointer> l = lent;
    if (l == null || hostDepth > 0) {
      return; // a call from a host function: the outer call's stand-ins are still lent
    }
    lent = null;
    quietDrop = true;
    try {
      for (Pointer p : l) {
        Pointer err = Wasmtime.wasmtime_component_resource_any_drop(store.context(), p);
        if (err != null) {
          Wasmtime.wasmtime_error_delete(err); // the instance trapped: its table is gone anyway
        }
        Wasmtime.wasmtime_component_resource_any_delete(p);
      }
    } finally {
      quietDrop = false;
    }
  }

  /** Defines a host resource type in a linker instance; returns an error or null. */
  Pointer define(Pointer linkerInstance, ComponentImports.HostResource r) {
    int id = typeId(r.type());
    Pointer type = Wasmtime.wasmtime_component_resource_type_new_host(id);
    try {
      byte[] n = Natives.utf8(r.name());
      Pointer env = ComponentHostCallbacks.register(new Destructor(store, r.type()));
      return Wasmtime.wasmtime_component_linker_instance_add_resource(
          linkerInstance,
          n,
          n.length,
          type,
          ComponentHostCallbacks.DROP,
          env,
          ComponentHostCallbacks.FINALIZE);
    } finally {
      Wasmtime.wasmtime_component_resource_type_delete(type);
    }
  }

  /** The guest dropped a host resource: its object leaves the table and goes to the type. */
  private record Destructor(WeakReference<WasmtimeStore<?>> store, ResourceType type)
      implements ComponentHostCallbacks.DropTarget {
    Destructor(WasmtimeStore<?> store, ResourceType type) {
      this(new WeakReference<>(store), type);
    }

    @Override
    public Pointer drop(int rep) {
      WasmtimeStore<?> s = store.get();
      if (s == null) {
        return null;
      }
      try {
        if (s.componentResources().quietDrop) {
          return null;
        }
        Object o = s.componentResources().table(type).remove(rep);
        if (o != null) {
          type.drop(o);
        }
        return null;
      } catch (Throwable t) {
        s.hostFailed(t);
        return Wasmtime.wasmtime_error_new("wasm-layer: dropping " + type + " failed");
      }
    }
  }

  private HandleTable table(ResourceType type) {
    return tables.computeIfAbsent(type, t -> new HandleTable());
  }

  @Override
  public Pointer lower(Object value, ResourceType declared, boolean own, String what) {
    ResourceType type = resolve(declared);
    if (type.isHost()) {
      if (value instanceof GuestResource) {
        throw new IllegalArgumentException(
            what + ": expected the host object of " + type + ", got a guest resource");
      }
      int rep = table(type).repOf(value);
      boolean standIn = !own && hostDepth == 0;
      Pointer host =
          Wasmtime.wasmtime_component_resource_host_new(
              (byte) (own || standIn ? 1 : 0), rep, typeId(type));
      try {
        long[] out = new long[1];
        Pointer err = Wasmtime.wasmtime_component_resource_host_to_any(store.context(), host, out);
        if (err != null) {
          throw new IllegalStateException(
              what + ": wasmtime refused the host resource: " + Natives.consumeError(err));
        }
        Pointer any = new Pointer(out[0]);
        if (standIn) {
          if (lent == null) {
            lent = new ArrayList<>();
          }
          lent.add(Wasmtime.wasmtime_component_resource_any_clone(any));
        }
        return any;
      } finally {
        Wasmtime.wasmtime_component_resource_host_delete(host);
      }
    }
    if (!(value instanceof WasmtimeGuestResource g) || g.owner() != this) {
      throw new IllegalArgumentException(
          what
              + ": expected a GuestResource of "
              + type
              + " from this store, got "
              + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    if (g.type() != type) {
      throw new IllegalArgumentException(what + ": expected " + type + ", got " + g.type());
    }
    if (g.origin() != null && current != null && g.origin() != current) {
      throw new IllegalArgumentException(
          what + ": the " + type + " handle belongs to another instance of the component");
    }
    return own ? g.moveOut(what) : g.lend(what);
  }

  @Override
  public Object lift(Pointer any, ResourceType declared, boolean own) {
    ResourceType type = resolve(declared);
    if (type.isHost()) {
      long[] out = new long[1];
      Pointer err = Wasmtime.wasmtime_component_resource_any_to_host(store.context(), any, out);
      if (err != null) {
        throw new IllegalStateException(
            "wasmtime gave no host resource for " + type + ": " + Natives.consumeError(err));
      }
      Pointer host = new Pointer(out[0]);
      int rep;
      try {
        rep = Wasmtime.wasmtime_component_resource_host_rep(host);
      } finally {
        Wasmtime.wasmtime_component_resource_host_delete(host);
      }
      HandleTable t = table(type);
      Object o = own ? t.remove(rep) : t.get(rep);
      if (o == null) {
        throw new IllegalStateException("no host object for rep " + rep + " of " + type);
      }
      return o;
    }
    WasmtimeGuestResource g =
        new WasmtimeGuestResource(
            this, current, Wasmtime.wasmtime_component_resource_any_clone(any), type, own);
    guests.add(g);
    if (!own && hostDepth > 0) {
      if (borrowed == null) {
        borrowed = new ArrayList<>();
      }
      borrowed.add(g);
    }
    return g;
  }

  /** Guest resources given as own in the values being lowered now. */
  private final List<WasmtimeGuestResource> moving = new ArrayList<>();

  void moving(WasmtimeGuestResource g, String what) {
    for (WasmtimeGuestResource m : moving) {
      if (m == g) {
        throw new IllegalArgumentException(what + ": " + g + " is given as own twice");
      }
    }
    moving.add(g);
  }

  /**
   * After lowering: when wasmtime took the values ({@code taken}), the handles given as own are let
   * go here; when they never reached it, they stay with the host.
   */
  void settleMoves(boolean taken) {
    if (moving.isEmpty()) {
      return;
    }
    if (taken) {
      for (WasmtimeGuestResource g : moving) {
        g.release();
      }
    }
    moving.clear();
  }

  void forget(WasmtimeGuestResource g) {
    guests.remove(g);
  }

  /** When the store is freed: every guest handle still held is let go (no destructor runs). */
  void free() {
    for (WasmtimeGuestResource g : new ArrayList<>(guests)) {
      g.release();
    }
    guests.clear();
    tables.clear();
  }

  /** Reps of one host type: objects by rep, reps by object identity. */
  private static final class HandleTable {
    private final Map<Integer, Object> byRep = new java.util.HashMap<>();
    private final Map<Object, Integer> byObject = new IdentityHashMap<>();
    private int next;

    int repOf(Object o) {
      Integer rep = byObject.get(o);
      if (rep == null) {
        rep = ++next;
        byRep.put(rep, o);
        byObject.put(o, rep);
      }
      return rep;
    }

    Object get(int rep) {
      return byRep.get(rep);
    }

    Object remove(int rep) {
      Object o = byRep.remove(rep);
      if (o != null) {
        byObject.remove(o);
      }
      return o;
    }
  }
}
