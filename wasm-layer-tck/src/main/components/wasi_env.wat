;; tck:wasi: a typed component importing WASI 0.2 and a host function side by side (ComponentWasiTest).
;;   export "tck:wasi/api": args() and env() return what wasi:cli/environment@0.2.0 gives; tell(s) passes s to the
;;     host's tck:wasi/host#note.
(component
  (import "wasi:cli/environment@0.2.0" (instance $env
    (export "get-environment" (func (result (list (tuple string string)))))
    (export "get-arguments" (func (result (list string))))))
  (import "tck:wasi/host" (instance $host
    (export "note" (func (param "s" string)))))
  (alias export $env "get-environment" (func $get-env))
  (alias export $env "get-arguments" (func $get-args))
  (alias export $host "note" (func $note))

  (core module $libc
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 16))
    (func $realloc (export "realloc") (param $old i32) (param $oldsize i32) (param $align i32) (param $size i32)
      (result i32)
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
      (if (local.get $old)
        (then
          (memory.copy (local.get $p) (local.get $old)
            (select (local.get $oldsize) (local.get $size) (i32.lt_u (local.get $oldsize) (local.get $size))))))
      (local.get $p))
    (func (export "reset") (param i32) (global.set $heap (i32.const 16))))
  (core instance $libc (instantiate $libc))

  (core func $get-env' (canon lower (func $get-env) (memory (core memory $libc "memory"))
    (realloc (core func $libc "realloc"))))
  (core func $get-args' (canon lower (func $get-args) (memory (core memory $libc "memory"))
    (realloc (core func $libc "realloc"))))
  (core func $note' (canon lower (func $note) (memory (core memory $libc "memory"))))
  (core module $m
    (import "libc" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (import "wasi" "get-environment" (func $get-env (param i32)))
    (import "wasi" "get-arguments" (func $get-args (param i32)))
    (import "host" "note" (func $note (param i32 i32)))
    (func $retptr (result i32) (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    ;; the lowered import writes the list's pointer and length where the lifted result is read from
    (func (export "env") (result i32)
      (local $r i32)
      (local.set $r (call $retptr))
      (call $get-env (local.get $r))
      (local.get $r))
    (func (export "args") (result i32)
      (local $r i32)
      (local.set $r (call $retptr))
      (call $get-args (local.get $r))
      (local.get $r))
    (func (export "tell") (param i32 i32) (call $note (local.get 0) (local.get 1))))
  (core instance $m (instantiate $m (with "libc" (instance $libc))
    (with "wasi" (instance (export "get-environment" (func $get-env')) (export "get-arguments" (func $get-args'))))
    (with "host" (instance (export "note" (func $note'))))))

  (func $env (result (list (tuple string string))) (canon lift (core func $m "env")
    (memory (core memory $libc "memory")) (post-return (core func $libc "reset"))))
  (func $args (result (list string)) (canon lift (core func $m "args")
    (memory (core memory $libc "memory")) (post-return (core func $libc "reset"))))
  (func $tell (param "s" string) (canon lift (core func $m "tell")
    (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (instance $api (export "env" (func $env)) (export "args" (func $args)) (export "tell" (func $tell)))
  (export "tck:wasi/api" (instance $api)))
