;; A memory that starts at 3 pages, above a 2-page cap.
(module (memory (export "memory") 3))
