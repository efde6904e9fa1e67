;; Multi-value results and parameters.
(module
  (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  (func (export "reverse4") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
    (local.get 3) (local.get 2) (local.get 1) (local.get 0))
  (func (export "sum10") (param i32 i32 i32 i32 i32 i64 i64 i64 i64 i64) (result i64)
    (i64.add
      (i64.extend_i32_s (i32.add (i32.add (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)) (local.get 3)) (local.get 4)))
      (i64.add (i64.add (i64.add (i64.add (local.get 5) (local.get 6)) (local.get 7)) (local.get 8)) (local.get 9))))
  (func (export "split_i64") (param i64) (result i32 i32)
    (i32.wrap_i64 (local.get 0))
    (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 32))))
  (func (export "three_consts") (result i32 i64 f64) (i32.const -1) (i64.const -2) (f64.const 0.5)))
