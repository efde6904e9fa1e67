;; tck:limits: component calls under the store's limits (ComponentLimitsTest).
;;   export "tck:limits/api": spin() tells the host it started (tck:limits/host#started) and loops forever;
;;     count(n: u64) -> u64 loops n times and returns n; grow(pages: u32) -> s32 is memory.grow;
;;     length(s: string) -> u32 takes a string, which the host copies in through realloc (which traps when memory
;;     cannot grow).
(component
  (import "tck:limits/host" (instance $host
    (export "started" (func))))
  (alias export $host "started" (func $h-started))
  (core func $started (canon lower (func $h-started)))
  (core module $m
    (import "host" "started" (func $started))
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 16))
    (func (export "spin")
      (call $started)
      (loop $forever (br $forever)))
    (func (export "count") (param $n i64) (result i64)
      (local $i i64)
      (block $done
        (loop $next
          (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
          (local.set $i (i64.add (local.get $i) (i64.const 1)))
          (br $next)))
      (local.get $i))
    (func (export "grow") (param $pages i32) (result i32) (memory.grow (local.get $pages)))
    (func (export "length") (param $ptr i32) (param $len i32) (result i32) (local.get $len))
    (func (export "realloc") (param $old i32) (param $oldsize i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32) (local $end i32) (local $bytes i32)
      (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (local.set $end (i32.add (local.get $p) (local.get $size)))
      (if (i32.lt_u (local.get $end) (local.get $p)) (then unreachable))
      (local.set $bytes (i32.shl (memory.size) (i32.const 16)))
      (if (i32.gt_u (local.get $end) (local.get $bytes))
        (then
          (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $bytes)) (i32.const 65535))
                                              (i32.const 16)))
                      (i32.const -1))
            (then unreachable))))
      (global.set $heap (local.get $end))
      (local.get $p)))
  (core instance $m (instantiate $m (with "host" (instance (export "started" (func $started))))))
  (func $spin (canon lift (core func $m "spin")))
  (func $count (param "n" u64) (result u64) (canon lift (core func $m "count")))
  (func $grow (param "pages" u32) (result s32) (canon lift (core func $m "grow")))
  (func $length (param "s" string) (result u32) (canon lift (core func $m "length")
    (memory (core memory $m "memory")) (realloc (core func $m "realloc"))))
  (instance $api
    (export "spin" (func $spin)) (export "count" (func $count)) (export "grow" (func $grow))
    (export "length" (func $length)))
  (export "tck:limits/api" (instance $api)))
