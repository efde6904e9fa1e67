;; Resources both ways. The host's `file` (example:demo/host) is opened, measured through a
;; borrow and dropped by guest code; the component's own `counter` (example:demo/counters) lives in
;; its linear memory and counts how often its destructor ran.
(component
  (import "example:demo/host" (instance $host
    (export "file" (type $file (sub resource)))
    (export "open" (func (param "name" string) (result (own $file))))
    (export "[method]file.size" (func (param "self" (borrow $file)) (result u32)))))
  (alias export $host "file" (type $file))
  (alias export $host "open" (func $open))
  (alias export $host "[method]file.size" (func $size))

  (core module $state
    (memory (export "mem") 1)
    (global $next (mut i32) (i32.const 1024))
    (global $dropped (mut i32) (i32.const 0))
    (func $bump (export "bump") (param $align i32) (param $size i32) (result i32)
      (local $r i32)
      global.get $next
      local.get $align
      i32.add
      i32.const -1
      i32.add
      i32.const 0
      local.get $align
      i32.sub
      i32.and
      local.tee $r
      local.get $size
      i32.add
      global.set $next
      (block $ok
        global.get $next
        memory.size
        i32.const 16
        i32.shl
        i32.le_u
        br_if $ok
        i32.const 1
        memory.grow
        i32.const -1
        i32.ne
        br_if $ok
        unreachable)
      local.get $r)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      local.get 2
      local.get 3
      call $bump)
    (func (export "dtor") (param i32)
      global.get $dropped i32.const 1 i32.add global.set $dropped)
    (func (export "dropped") (result i32) global.get $dropped))
  (core instance $s (instantiate $state))

  (type $counter (resource (rep i32) (dtor (func $s "dtor"))))
  (core func $new (canon resource.new $counter))
  (core func $rep (canon resource.rep $counter))
  (core func $drop-counter (canon resource.drop $counter))
  (core func $open-l (canon lower (func $open) (memory $s "mem") (realloc (func $s "realloc"))))
  (core func $size-l (canon lower (func $size)))
  (core func $drop-file (canon resource.drop $file))

  (core module $impl
    (import "s" "mem" (memory 1))
    (import "s" "bump" (func $bump (param i32 i32) (result i32)))
    (import "r" "new" (func $new (param i32) (result i32)))
    (import "r" "rep" (func $rep (param i32) (result i32)))
    (import "r" "drop" (func $drop (param i32)))
    (import "h" "open" (func $open (param i32 i32) (result i32)))
    (import "h" "size" (func $size (param i32) (result i32)))
    (import "h" "drop" (func $drop-file (param i32)))
    (func (export "ctor") (param i32) (result i32)
      (local $p i32)
      i32.const 4
      i32.const 4
      call $bump
      local.tee $p
      local.get 0
      i32.store
      local.get $p
      call $new)
    (func (export "get") (param i32) (result i32) local.get 0 i32.load)
    (func (export "inc") (param i32)
      local.get 0 local.get 0 i32.load i32.const 1 i32.add i32.store)
    (func (export "take") (param i32) (result i32)
      (local $v i32)
      local.get 0
      call $rep
      i32.load
      local.set $v
      local.get 0
      call $drop
      local.get $v)
    (func (export "take-plus") (param i32 i32) (result i32)
      (local $v i32)
      local.get 0
      call $rep
      i32.load
      local.get 1
      i32.add
      local.set $v
      local.get 0
      call $drop
      local.get $v)
    (func (export "open-size") (param i32 i32) (result i32)
      (local $h i32) (local $n i32)
      local.get 0
      local.get 1
      call $open
      local.tee $h
      call $size
      local.set $n
      local.get $h
      call $drop-file
      local.get $n)
    (func (export "size-of") (param i32) (result i32)
      (local $n i32)
      local.get 0
      call $size
      local.set $n
      local.get 0
      call $drop-file ;; a borrowed handle is dropped before the call returns
      local.get $n)
    (func (export "keep") (param i32) (result i32) local.get 0))
  (core instance $i (instantiate $impl
    (with "s" (instance $s))
    (with "r" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop-counter))))
    (with "h" (instance (export "open" (func $open-l)) (export "size" (func $size-l)) (export "drop" (func $drop-file))))))

  (func $ctor (param "start" u32) (result (own $counter)) (canon lift (core func $i "ctor")))
  (func $get (param "self" (borrow $counter)) (result u32) (canon lift (core func $i "get")))
  (func $inc (param "self" (borrow $counter)) (canon lift (core func $i "inc")))
  (func $take (param "c" (own $counter)) (result u32) (canon lift (core func $i "take")))
  (func $take-plus (param "c" (own $counter)) (param "n" u32) (result u32)
    (canon lift (core func $i "take-plus")))
  (func $dropped (result u32) (canon lift (core func $s "dropped")))
  (component $api
    (import "counter" (type $c (sub resource)))
    (import "ctor" (func $ctor (param "start" u32) (result (own $c))))
    (import "get" (func $get (param "self" (borrow $c)) (result u32)))
    (import "inc" (func $inc (param "self" (borrow $c))))
    (import "take" (func $take (param "c" (own $c)) (result u32)))
    (import "take-plus" (func $take-plus (param "c" (own $c)) (param "n" u32) (result u32)))
    (import "dropped" (func $dropped (result u32)))
    (export $ce "counter" (type $c))
    (export "[constructor]counter" (func $ctor) (func (param "start" u32) (result (own $ce))))
    (export "[method]counter.get" (func $get) (func (param "self" (borrow $ce)) (result u32)))
    (export "[method]counter.inc" (func $inc) (func (param "self" (borrow $ce))))
    (export "take" (func $take) (func (param "c" (own $ce)) (result u32)))
    (export "take-plus" (func $take-plus) (func (param "c" (own $ce)) (param "n" u32) (result u32)))
    (export "dropped" (func $dropped)))
  (instance $counters (instantiate $api
    (with "counter" (type $counter))
    (with "ctor" (func $ctor))
    (with "get" (func $get))
    (with "inc" (func $inc))
    (with "take" (func $take))
    (with "take-plus" (func $take-plus))
    (with "dropped" (func $dropped))))
  (export "example:demo/counters" (instance $counters))

  (func $open-size (param "name" string) (result u32)
    (canon lift (core func $i "open-size") (memory $s "mem") (realloc (func $s "realloc"))))
  (func $size-of (param "f" (borrow $file)) (result u32) (canon lift (core func $i "size-of")))
  (func $keep (param "f" (own $file)) (result (own $file)) (canon lift (core func $i "keep")))
  (component $files
    (import "file" (type $f (sub resource)))
    (import "open-size" (func $os (param "name" string) (result u32)))
    (import "size-of" (func $so (param "f" (borrow $f)) (result u32)))
    (import "keep" (func $k (param "f" (own $f)) (result (own $f))))
    (export "open-size" (func $os))
    (export "size-of" (func $so))
    (export "keep" (func $k)))
  (instance $uses (instantiate $files
    (with "file" (type $file))
    (with "open-size" (func $open-size))
    (with "size-of" (func $size-of))
    (with "keep" (func $keep))))
  (export "example:demo/uses" (instance $uses))
)
