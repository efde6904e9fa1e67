;; wat2wasm-flags: --enable-exceptions
;; Needs the exception-handling proposal (a tag and throw).
(module
  (tag $e (param i32))
  (func (export "f") (param i32) (throw $e (local.get 0))))
