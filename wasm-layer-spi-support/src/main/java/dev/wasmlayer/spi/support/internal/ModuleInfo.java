package dev.wasmlayer.spi.support.internal;

import dev.wasmlayer.Feature;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ImportType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What {@link ModuleReader} learned from a binary module's header sections: full import and export
 * types, the type of every function in the function index space, and the proposals its declarations
 * need.
 *
 * @param imports the imports in order
 * @param exports the exports in order
 * @param functions the type of each function index (imports first); null where the type is not a
 *     function type
 * @param needs features the declarations use (from types, limits and sections; code bodies are not
 *     read)
 * @param hasStart whether the module has a start section
 */
public record ModuleInfo(
    List<ImportType> imports,
    List<ExportType> exports,
    List<FuncType> functions,
    Set<Feature> needs,
    boolean hasStart) {
  /** Copies the lists. */
  public ModuleInfo {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
    functions = Collections.unmodifiableList(new ArrayList<>(functions));
    needs = Set.copyOf(needs);
  }
}
