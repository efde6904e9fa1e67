;; Recursive Fibonacci and a trivial call: enough work for a JIT to compile.
(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "add_one") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
