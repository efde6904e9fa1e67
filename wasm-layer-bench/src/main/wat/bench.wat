;; Workloads for the JMH suite: a trivial call, a host round trip, recursion, a tight loop and a hash kernel.
(module
  (import "host" "inc" (func $inc (param i32) (result i32)))
  (memory (export "memory") 2)
  (func (export "add_one") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  ;; Java -> wasm -> host -> wasm: one host call per invocation
  (func (export "via_host") (param i32) (result i32) (call $inc (local.get 0)))
  ;; a wasm loop calling the host n times
  (func (export "host_loop") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $inc (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  ;; xorshift steps: arithmetic without memory
  (func (export "xorshift") (param $n i32) (param $x i64) (result i64)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 13))))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 7))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 17))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $x))
  ;; FNV-1a over memory[0..len): the "real work" kernel
  (func (export "fnv1a") (param $len i32) (result i32) (local $h i32) (local $i i32)
    (local.set $h (i32.const 0x811c9dc5))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $i))) (i32.const 0x01000193)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $h)))
