;; Tells the host it started (the `started` import), then spins until stopped.
(component
  (import "started" (func $started))
  (core func $started-l (canon lower (func $started)))
  (core module $m
    (import "h" "started" (func $started))
    (func (export "spin") call $started (loop $l br $l)))
  (core instance $i (instantiate $m (with "h" (instance (export "started" (func $started-l))))))
  (func (export "spin") (canon lift (core func $i "spin")))
)
