;; Exports _start; instantiation must not run it.
(module
  (global $ran (export "ran") (mut i32) (i32.const 0))
  (func (export "_start") (global.set $ran (i32.const 1))))
