;; Basics: a host import lowered into a core module and exports lifted from it. The memory lives in
;; its own core instance ($libc) so the lowered import can use it before $m is instantiated.
(component
  (import "host" (instance $h
    (export "log" (func (param "msg" string)))
  ))
  (core module $mem (memory (export "mem") 1))
  (core instance $libc (instantiate $mem))
  (core module $m
    (import "libc" "mem" (memory 1))
    (import "h" "log" (func $log (param i32 i32)))
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $r i32)
      global.get $bump
      local.set $r
      global.get $bump
      local.get 3
      i32.add
      global.set $bump
      local.get $r)
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    (func (export "greet") (param i32 i32) (call $log (local.get 0) (local.get 1)))
  )
  (alias export $h "log" (func $log))
  (core func $log_lowered (canon lower (func $log) (memory (core memory $libc "mem"))))
  (core instance $hi (export "log" (func $log_lowered)))
  (core instance $i (instantiate $m (with "h" (instance $hi)) (with "libc" (instance $libc))))
  (type $addt (func (param "a" u32) (param "b" u32) (result u32)))
  (func $add (type $addt) (canon lift (core func $i "add")))
  (func $greet (param "s" string)
    (canon lift (core func $i "greet") (memory (core memory $libc "mem")) (realloc (core func $i "realloc"))))
  (export "add" (func $add))
  (instance $api (export "greet" (func $greet)))
  (export "example:demo/api" (instance $api))
)
