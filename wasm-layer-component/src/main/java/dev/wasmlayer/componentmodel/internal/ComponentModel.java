package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Module;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated component: its definitions in order, and what it imports and exports.
 *
 * @param defs the definitions, in binary order
 * @param imports the imports by name, in order
 * @param exports the exports by name, in order
 * @param modules the core modules it compiled itself (nested components' included), to close
 */
record ComponentModel(
    List<Def> defs, Map<String, Item> imports, Map<String, Item> exports, List<Module> modules) {}
