;; relay(x) = cb(x) + 1, where cb is a host function.
(component
  (import "cb" (func $cb (param "x" u32) (result u32)))
  (core func $cb-l (canon lower (func $cb)))
  (core module $m
    (import "h" "cb" (func $cb (param i32) (result i32)))
    (func (export "relay") (param i32) (result i32) local.get 0 call $cb i32.const 1 i32.add))
  (core instance $i (instantiate $m (with "h" (instance (export "cb" (func $cb-l))))))
  (func (export "relay") (param "x" u32) (result u32) (canon lift (core func $i "relay")))
)
