;; The start section calls the host, which reads the instance's memory through its Caller.
(module
  (import "env" "started" (func $started (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "started")
  (func $start (call $started (i32.const 0) (i32.const 7)))
  (start $start))
