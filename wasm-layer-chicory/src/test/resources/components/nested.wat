;; Nested components: one inner component instantiated twice (the second with the first's export
;; as its import, so a lifted function is lowered into another instance), and an outer alias.
(component $root
  (import "host" (instance $h (export "double" (func (param "x" u32) (result u32)))))
  (component $inner
    (import "dep" (instance $d (export "double" (func (param "x" u32) (result u32)))))
    (core module $m
      (import "d" "double" (func $double (param i32) (result i32)))
      (func (export "quad") (param i32) (result i32) (call $double (call $double (local.get 0)))))
    (alias export $d "double" (func $dbl))
    (core func $dbl-l (canon lower (func $dbl)))
    (core instance $di (export "double" (func $dbl-l)))
    (core instance $i (instantiate $m (with "d" (instance $di))))
    (func $quad (param "x" u32) (result u32) (canon lift (core func $i "quad")))
    (export "quad" (func $quad)))
  (instance $a (instantiate $inner (with "dep" (instance $h))))
  (alias export $a "quad" (func $q))
  (instance $dep2 (export "double" (func $q)))
  (instance $b (instantiate $inner (with "dep" (instance $dep2))))
  (alias export $b "quad" (func $q16))
  (export "quad" (func $q))
  (export "times16" (func $q16))
  (type $t (func (param "x" u32) (result u32)))
  (component $user
    (alias outer $root $t (type $t2))
    (import "f" (func $f (type $t2)))
    (export "g" (func $f)))
  (instance $c (instantiate $user (with "f" (func $q))))
  (alias export $c "g" (func $g))
  (export "via-outer" (func $g))
  (export "inner" (instance $b))
)
