package dev.wasmlayer.spi;

import dev.wasmlayer.Extern;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Import matching every backend does the same way, so a mismatch fails with the same {@link
 * LinkException} text.
 */
public final class ImportChecks {
  private ImportChecks() {}

  /**
   * {@return {@code module.name} of an import, as messages show it}
   *
   * @param i the import
   */
  public static String name(ImportType i) {
    return i.module() + "." + i.name();
  }

  /**
   * {@return the extern a binding holds, checked to be an extern (not a host function), of the
   * import's kind and of this backend's class {@code engineClass}} The store it belongs to is the
   * backend's to check.
   *
   * @param <X> the backend's extern class
   * @param expected the import as the module declares it
   * @param binding what the imports bind to it
   * @param engineClass the backend's class for that kind of extern
   */
  public static <X> X extern(ImportType expected, Imports.Binding binding, Class<X> engineClass) {
    String kind = kind(expected);
    if (!(binding instanceof Imports.ExternBinding eb)) {
      throw new LinkException(
          "import " + name(expected) + ": expected a " + kind + ", got a host function");
    }
    Extern x = eb.extern();
    if (x.type().kind() != expected.type().kind()) {
      throw new LinkException(
          "import "
              + name(expected)
              + ": expected a "
              + kind
              + ", got a "
              + x.type().kind().name().toLowerCase(Locale.ROOT));
    }
    if (!engineClass.isInstance(x)) {
      throw new LinkException(
          "import " + name(expected) + ": the " + kind + " comes from another engine");
    }
    return engineClass.cast(x);
  }

  /**
   * {@return the import's kind in lower case, e.g. {@code memory}}
   *
   * @param i the import
   */
  public static String kind(ImportType i) {
    return i.type().kind().name().toLowerCase(Locale.ROOT);
  }

  /**
   * A host function's type must equal the imported function type.
   *
   * @param expected the import as the module declares it
   * @param actual the function type found
   */
  public static void sameFuncType(ImportType expected, FuncType actual) {
    if (!expected.type().equals(actual)) {
      throw new LinkException(
          "import " + name(expected) + ": expected " + expected.type() + ", got " + actual);
    }
  }

  /**
   * A memory fits an import when it has at least the minimum and, if a maximum is required, one
   * within it.
   *
   * @param expected the import as the module declares it
   * @param have the type of the extern bound to it
   */
  public static void memoryFits(ImportType expected, MemoryType have) {
    MemoryType want = (MemoryType) expected.type();
    if (!fits(have.minimum(), have.maximum(), want.minimum(), want.maximum())) {
      throw new LinkException("import " + name(expected) + ": expected " + want + ", got " + have);
    }
  }

  /**
   * A table fits an import with the same element type and limits that fit as a memory's do.
   *
   * @param expected the import as the module declares it
   * @param have the type of the extern bound to it
   */
  public static void tableFits(ImportType expected, TableType have) {
    TableType want = (TableType) expected.type();
    if (!want.element().equals(have.element())
        || !fits(have.minimum(), have.maximum(), want.minimum(), want.maximum())) {
      throw new LinkException("import " + name(expected) + ": expected " + want + ", got " + have);
    }
  }

  private static boolean fits(
      long haveMin, OptionalLong haveMax, long wantMin, OptionalLong wantMax) {
    return haveMin >= wantMin
        && (wantMax.isEmpty()
            || (haveMax.isPresent() && haveMax.getAsLong() <= wantMax.getAsLong()));
  }
}
