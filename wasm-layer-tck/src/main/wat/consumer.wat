;; Imports what producer.wat exports.
(module
  (import "producer" "memory" (memory 1))
  (import "producer" "base" (global $base i32))
  (import "producer" "double" (func $double (param i32) (result i32)))
  (func (export "run") (param i32) (result i32) (i32.add (global.get $base) (call $double (local.get 0))))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))
