// clang-flags: -mexec-model=reactor
/*
 * A WASI reactor for the TCK: no _start; _initialize runs the constructors, then the host calls exports.
 */
#include <stdio.h>

static int counter = 1;

__attribute__((constructor)) static void init(void) {
  counter = 41; /* proves _initialize ran before the first call */
}

__attribute__((export_name("next"))) int next(void) {
  printf("next %d\n", counter + 1);
  fflush(stdout);
  return ++counter;
}
