;; wat2wasm-flags: --enable-memory64
;; A 64-bit memory: engines without memory64 must refuse at compile.
(module
  (memory (export "memory") i64 1)
  (func (export "load") (param i64) (result i32) (i32.load (local.get 0))))
