;; An exported memory with limits, data, loads, stores and growth.
(module
  (memory (export "memory") 1 4)
  (data (i32.const 0) "hello")
  (func (export "load_i32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load_u8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load_i64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "load_f64") (param i32) (result f64) (f64.load (local.get 0)))
  (func (export "store_i32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store_i64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size)))
