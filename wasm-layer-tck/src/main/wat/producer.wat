;; Exports a function, memory and global for another instance to import.
(module
  (memory (export "memory") 1)
  (global (export "base") i32 (i32.const 100))
  (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "poke") (param i32 i32) (i32.store (local.get 0) (local.get 1))))
