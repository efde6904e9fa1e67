;; wat2wasm-flags: --enable-multi-memory
;; Imports and exports of every kind, for introspection.
(module
  (import "env" "f" (func (param i32 i64) (result f32)))
  (import "env" "mem" (memory 1 2))
  (import "env" "tab" (table 3 funcref))
  (import "env" "g" (global (mut f64)))
  (func (export "run") (param f64) (result i32 i32) (i32.const 1) (i32.const 2))
  (memory (export "memory") 2)
  (table (export "table") 1 5 funcref)
  (global (export "counter") (mut i64) (i64.const 0))
  (global (export "limit") i32 (i32.const 9)))
