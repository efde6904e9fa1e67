;; v128 across the host boundary.
(module
  (func (export "v128_id") (param v128) (result v128) (local.get 0))
  (func (export "v128_add_i32x4") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1))))
