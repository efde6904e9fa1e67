;; wat2wasm-flags: --enable-tail-call
;; Needs the tail-call proposal (return_call).
(module
  (func $id (param i32) (result i32) (local.get 0))
  (func (export "f") (param i32) (result i32) (return_call $id (local.get 0))))
