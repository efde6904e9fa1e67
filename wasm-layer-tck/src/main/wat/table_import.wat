;; Calls through a table the host supplies.
(module
  (type $i_i (func (param i32) (result i32)))
  (import "env" "table" (table 2 funcref))
  (func (export "call_at") (param i32 i32) (result i32) (call_indirect (type $i_i) (local.get 1) (local.get 0)))
  (func (export "size") (result i32) (table.size 0)))
