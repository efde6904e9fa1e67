;; Uses SIMD: engines without it must refuse at compile.
(module
  (func (export "splat_sum") (param i32) (result i32)
    (i32x4.extract_lane 0 (i32x4.add (i32x4.splat (local.get 0)) (i32x4.splat (i32.const 1))))))
