package dev.wasmlayer.wasmtime;

import java.util.List;

/**
 * Writes the text of a component that, for each case, imports {@code echo-NAME: func(v: T) -> T}
 * and exports a function of the same name and type whose guest code calls the import: every value
 * goes host to guest (lowered by wasmtime into linear memory), guest to host, and back, through the
 * canonical ABI both ways. Named types (record, variant, enum, flags) are defined once, imported
 * with {@code eq} and exported, as the component model asks.
 */
final class EchoComponent {
  private EchoComponent() {}

  /*
   * The guest's allocator is a bump pointer that each export resets on entry: what earlier calls
   * left in linear memory is dead by then, so memory stays flat however many calls run.
   */

  /**
   * One echo function.
   *
   * @param name its name after {@code echo-}
   * @param type the WIT type in component text, {@code %point} standing for the named type
   * @param flat the core types its value flattens to
   */
  record Case(String name, String type, List<String> flat) {}

  static final String TYPES =
      """
        (type $point-d (record (field "x" s32) (field "y" string)))
        (type $shape-d (variant (case "circle" f64) (case "square" u32) (case "none")))
        (type $color-d (enum "red" "green" "blue"))
        (type $perms-d (flags "read" "write" "exec"))
      """;

  private static final List<String> NAMED = List.of("point", "shape", "color", "perms");

  private static String type(Case c, String suffix) {
    String t = c.type();
    for (String n : NAMED) {
      t = t.replace("%" + n, "$" + n + suffix);
    }
    return t;
  }

  private static String params(List<String> flat) {
    return flat.isEmpty() ? "" : "(param " + String.join(" ", flat) + ")";
  }

  static String text(List<Case> cases) {
    StringBuilder s = new StringBuilder("(component\n").append(TYPES);
    for (String n : NAMED) {
      s.append("  (import \"%s\" (type $%s-i (eq $%s-d)))\n".formatted(n, n, n));
    }
    for (Case c : cases) {
      String t = type(c, "-i");
      s.append(
          "  (import \"echo-%s\" (func $h-%s (param \"v\" %s) (result %s)))\n"
              .formatted(c.name(), c.name(), t, t));
    }
    s.append(
        """
          (core module $mem
            (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1024))
            (func (export "reset") i32.const 1024 global.set $next)
            (func (export "realloc") (param $old i32) (param $oldsize i32) (param $align i32)
                (param $size i32) (result i32)
              (local $r i32)
              global.get $next
              local.get $align
              i32.add
              i32.const -1
              i32.add
              i32.const 0
              local.get $align
              i32.sub
              i32.and
              local.tee $r
              local.get $size
              i32.add
              global.set $next
              (block $ok
                global.get $next
                memory.size
                i32.const 16
                i32.shl
                i32.le_u
                br_if $ok
                global.get $next
                i32.const 16
                i32.shr_u
                i32.const 1
                i32.add
                memory.size
                i32.sub
                memory.grow
                i32.const -1
                i32.ne
                br_if $ok
                unreachable)
              (if (local.get $old)
                (then (memory.copy (local.get $r) (local.get $old) (local.get $oldsize))))
              local.get $r))
          (core instance $m (instantiate $mem))
        """);
    for (Case c : cases) {
      s.append(
          "  (core func $l-%s (canon lower (func $h-%s) (memory $m \"memory\") (realloc (func $m \"realloc\"))))\n"
              .formatted(c.name(), c.name()));
    }
    s.append("  (core module $code\n    (import \"m\" \"reset\" (func $reset))\n");
    for (Case c : cases) {
      boolean direct = c.flat().size() == 1;
      s.append(
          "    (import \"h\" \"%s\" (func $%s %s %s))\n"
              .formatted(
                  c.name(),
                  c.name(),
                  params(c.flat()),
                  direct ? "(result " + c.flat().get(0) + ")" : "(param i32)"));
    }
    for (Case c : cases) {
      boolean direct = c.flat().size() == 1;
      StringBuilder body = new StringBuilder(" call $reset");
      for (int i = 0; i < c.flat().size(); i++) {
        body.append(" local.get ").append(i);
      }
      body.append(direct ? "" : " i32.const 16").append(" call $").append(c.name());
      body.append(direct ? "" : " i32.const 16");
      s.append(
          "    (func (export \"%s\") %s (result %s)%s)\n"
              .formatted(c.name(), params(c.flat()), direct ? c.flat().get(0) : "i32", body));
    }
    s.append(
        "  )\n  (core instance $c (instantiate $code (with \"m\" (instance $m)) (with \"h\""
            + " (instance\n");
    for (Case c : cases) {
      s.append("    (export \"%s\" (func $l-%s))\n".formatted(c.name(), c.name()));
    }
    s.append("  ))))\n");
    for (String n : NAMED) {
      s.append("  (export $%s-e \"%s\" (type $%s-d))\n".formatted(n, n, n));
    }
    for (Case c : cases) {
      String t = type(c, "-e");
      s.append(
          "  (func $e-%s (param \"v\" %s) (result %s) (canon lift (core func $c \"%s\") (memory $m \"memory\") (realloc (func $m \"realloc\"))))\n"
              .formatted(c.name(), t, t, c.name()));
      s.append("  (export \"echo-%s\" (func $e-%s))\n".formatted(c.name(), c.name()));
    }
    return s.append(")\n").toString();
  }
}
