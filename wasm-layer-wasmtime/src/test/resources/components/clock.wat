;; A component that imports WASI 0.2's monotonic clock and random, and exports a function of each.
(component
  (import "wasi:clocks/monotonic-clock@0.2.0" (instance $clock
    (export "now" (func (result u64)))))
  (import "wasi:random/random@0.2.0" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (alias export $clock "now" (func $now))
  (alias export $random "get-random-u64" (func $rand))
  (core func $now-l (canon lower (func $now)))
  (core func $rand-l (canon lower (func $rand)))
  (core module $m
    (import "w" "now" (func $now (result i64)))
    (import "w" "rand" (func $rand (result i64)))
    (func (export "now") (result i64) call $now)
    (func (export "rand") (result i64) call $rand))
  (core instance $i (instantiate $m
    (with "w" (instance (export "now" (func $now-l)) (export "rand" (func $rand-l))))))
  (func (export "now") (result u64) (canon lift (core func $i "now")))
  (func (export "rand") (result u64) (canon lift (core func $i "rand")))
)
