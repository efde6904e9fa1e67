;; A WASI 0.2 command with no imports whose wasi:cli/run returns err: Wasi.run reports exit status 1.
(component
  (core module $m
    ;; result<_, _> is returned flat as its discriminant: 1 is err
    (func (export "run") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance)))
