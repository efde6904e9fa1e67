package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Module;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitFuncType;
import java.util.List;

/**
 * One definition of a component, in binary order: instantiation replays them to fill the runtime
 * index spaces. Each adds one entry to the index space of {@link #sort()}.
 */
sealed interface Def {
  /** {@return the index space this definition adds to} */
  Sort sort();

  /**
   * A reference to an entry of an index space.
   *
   * @param name the name it is given
   * @param sort the index space
   * @param index the index
   */
  record Ref(String name, Sort sort, int index) {}

  /**
   * A core module, compiled.
   *
   * @param module the module
   */
  record CoreModule(Module module) implements Def {
    @Override
    public Sort sort() {
      return Sort.CORE_MODULE;
    }
  }

  /**
   * A core instance made by instantiating a module.
   *
   * @param module the core module index
   * @param args the instances given per import module name (sort core instance)
   */
  record CoreInstantiate(int module, List<Ref> args) implements Def {
    @Override
    public Sort sort() {
      return Sort.CORE_INSTANCE;
    }
  }

  /**
   * A core instance made of core items.
   *
   * @param exports its exports
   */
  record CoreExports(List<Ref> exports) implements Def {
    @Override
    public Sort sort() {
      return Sort.CORE_INSTANCE;
    }
  }

  /**
   * A nested component.
   *
   * @param model the component
   */
  record Nested(ComponentModel model) implements Def {
    @Override
    public Sort sort() {
      return Sort.COMPONENT;
    }
  }

  /**
   * A component instance made by instantiating a component.
   *
   * @param component the component index
   * @param args its imports by name
   */
  record Instantiate(int component, List<Ref> args) implements Def {
    @Override
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }

  /**
   * A component instance made of items.
   *
   * @param exports its exports
   */
  record Exports(List<Ref> exports) implements Def {
    @Override
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }

  /**
   * An export of a component instance.
   *
   * @param sort its index space
   * @param instance the instance index
   * @param name the export name
   */
  record AliasExport(Sort sort, int instance, String name) implements Def {}

  /**
   * An export of a core instance.
   *
   * @param sort its index space
   * @param instance the core instance index
   * @param name the export name
   */
  record AliasCoreExport(Sort sort, int instance, String name) implements Def {}

  /**
   * Something known while parsing: a type, or a module or component of an enclosing component.
   *
   * @param sort its index space
   * @param value a {@link TypeDef}, {@link Module} or {@link ComponentModel}
   */
  record Known(Sort sort, Object value) implements Def {}

  /**
   * {@code canon lift}.
   *
   * @param coreFunc the core function index
   * @param options the options
   * @param type the function type
   */
  record Lift(int coreFunc, CanonOptions options, WitFuncType type) implements Def {
    @Override
    public Sort sort() {
      return Sort.FUNC;
    }
  }

  /**
   * {@code canon lower}.
   *
   * @param func the function index
   * @param options the options
   * @param type the function's type
   */
  record Lower(int func, CanonOptions options, WitFuncType type) implements Def {
    @Override
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  /**
   * {@code canon resource.new}, {@code resource.drop} or {@code resource.rep}.
   *
   * @param op which one
   * @param type the resource type
   */
  record ResourceOp(ResourceOpKind op, ResourceType type) implements Def {
    @Override
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  /** The built-in resource functions. */
  enum ResourceOpKind {
    /** {@code resource.new}. */
    NEW,
    /** {@code resource.drop}. */
    DROP,
    /** {@code resource.rep}. */
    REP
  }

  /**
   * An import.
   *
   * @param name its name
   * @param sort its index space
   * @param item its static type
   */
  record Import(String name, Sort sort, Item item) implements Def {}

  /**
   * An export, which also adds an index.
   *
   * @param name its name
   * @param sort its index space
   * @param index what it exports
   */
  record Export(String name, Sort sort, int index) implements Def {}
}
