;; Host functions that take and return externrefs.
(module
  (import "env" "make" (func $make (param i32) (result externref)))
  (import "env" "describe" (func $describe (param externref) (result i32)))
  (func (export "round_trip") (param i32) (result i32) (call $describe (call $make (local.get 0))))
  (func (export "make") (param i32) (result externref) (call $make (local.get 0)))
  (func (export "describe") (param externref) (result i32) (call $describe (local.get 0))))
