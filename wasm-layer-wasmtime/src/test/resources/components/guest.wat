;; A component whose functions are guest code: arithmetic, strings through linear memory, a trap,
;; an endless loop, and an exported interface. Compiled as text by wasmtime in the tests.
(component
  (core module $m
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (data (i32.const 16) "hello")
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $r i32)
      global.get $next
      local.get 2
      i32.add
      i32.const -1
      i32.add
      i32.const 0
      local.get 2
      i32.sub
      i32.and
      local.tee $r
      local.get 3
      i32.add
      global.set $next
      local.get $r)
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    (func (export "mul64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.mul)
    (func (export "boom") unreachable)
    (func (export "spin") (loop $l br $l))
    (func (export "len") (param i32 i32) (result i32) local.get 1)
    (func (export "hello") (result i32)
      i32.const 32 i32.const 16 i32.store
      i32.const 36 i32.const 5 i32.store
      i32.const 32)
    (func (export "count") (param i32) (result i32)
      (local $n i32)
      (block $done
        (loop $l
          local.get $n local.get 0 i32.ge_u br_if $done
          local.get $n i32.const 1 i32.add local.set $n
          br $l))
      local.get $n))
  (core instance $i (instantiate $m))
  (func $add (export "add") (param "a" u32) (param "b" u32) (result u32)
    (canon lift (core func $i "add")))
  (func (export "mul64") (param "a" s64) (param "b" s64) (result s64)
    (canon lift (core func $i "mul64")))
  (func (export "boom") (canon lift (core func $i "boom")))
  (func (export "spin") (canon lift (core func $i "spin")))
  (func (export "count") (param "n" u32) (result u32) (canon lift (core func $i "count")))
  (func $len (export "len") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $i "memory") (realloc (func $i "realloc"))))
  (func $hello (export "hello") (result string)
    (canon lift (core func $i "hello") (memory $i "memory") (realloc (func $i "realloc"))))
  (instance $api (export "add" (func $add)) (export "len" (func $len)) (export "hello" (func $hello)))
  (export "example:demo/api" (instance $api))
)
