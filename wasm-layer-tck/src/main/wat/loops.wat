;; Code that runs until stopped, and a bounded loop to spend fuel.
(module
  (func (export "spin") (loop $l (br $l)))
  (func (export "count_down") (param $n i64) (result i64)
    (block $done
      (loop $l
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $l)))
    (local.get $n)))
