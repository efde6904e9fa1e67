;; The hello example: WebAssembly calls a Java function that prints a greeting it reads from wasm memory.
(module
  (import "host" "print" (func $print (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello from Java, WebAssembly!")
  (func (export "run") (call $print (i32.const 0) (i32.const 29))))
