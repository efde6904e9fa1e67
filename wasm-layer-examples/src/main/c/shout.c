/*
 * A WASI command for the WasiShout example: it hands each argument to the host function host.upper, which
 * upper-cases it in place in this program's memory, then prints the arguments with printf (WASI's fd_write).
 * Exits 2 when given nothing to shout.
 */
#include <stdio.h>
#include <string.h>

__attribute__((import_module("host"), import_name("upper")))
extern int host_upper(char *text, int length);

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: shout WORD...\n");
    return 2;
  }
  int changed = 0;
  for (int i = 1; i < argc; i++) {
    changed += host_upper(argv[i], (int) strlen(argv[i]));
    printf("%s%s", i > 1 ? " " : "", argv[i]);
  }
  printf("! (%d letters raised)\n", changed);
  return 0;
}
