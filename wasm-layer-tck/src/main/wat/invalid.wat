;; wat2wasm-flags: --no-check
;; Decodes but does not validate: the body leaves an i64 where an i32 is declared.
(module
  (func (export "bad") (result i32) (i64.const 1)))
