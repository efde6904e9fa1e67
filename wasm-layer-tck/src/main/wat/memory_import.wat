;; A module that uses a memory supplied by the host.
(module
  (import "env" "memory" (memory 1))
  (func (export "load_i32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store_i32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size)))
