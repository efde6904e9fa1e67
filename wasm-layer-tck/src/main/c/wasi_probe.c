/*
 * A WASI command for the TCK: one program, a subcommand per behaviour, so every engine runs the same bytes.
 *   args                 print each argument on its own line
 *   env NAME...          print NAME=value (or NAME unset) for each name
 *   cat PATH             copy a file to stdout
 *   write PATH TEXT      write TEXT to a file (exit 2 and errno text on stderr if refused)
 *   ls DIR               list a directory, sorted (engines list in different orders)
 *   stdin                copy stdin to stdout
 *   stderr TEXT          write TEXT to stderr
 *   exit N               exit with status N
 *   time                 print the realtime clock's seconds
 *   random N             print N random bytes (at most 64) in hex
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "ls %s: refused\n", dir);
    return 2;
  }
  char *names[256];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 256) {
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
      names[n++] = strdup(e->d_name);
    }
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  for (int i = 0; i < n; i++) {
    printf("%s\n", names[i]);
  }
  return 0;
}

static int copy(FILE *in) {
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    fwrite(buf, 1, n, stdout);
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: wasi_probe COMMAND ...\n");
    return 64;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "args") == 0) {
    for (int i = 0; i < argc; i++) {
      printf("%s\n", argv[i]);
    }
    return 0;
  }
  if (strcmp(cmd, "env") == 0) {
    for (int i = 2; i < argc; i++) {
      const char *v = getenv(argv[i]);
      if (v) {
        printf("%s=%s\n", argv[i], v);
      } else {
        printf("%s unset\n", argv[i]);
      }
    }
    return 0;
  }
  if (strcmp(cmd, "cat") == 0 && argc == 3) {
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
      fprintf(stderr, "cat %s: refused\n", argv[2]);
      return 2;
    }
    copy(f);
    fclose(f);
    return 0;
  }
  if (strcmp(cmd, "write") == 0 && argc == 4) {
    FILE *f = fopen(argv[2], "wb");
    if (!f || fputs(argv[3], f) < 0 || fclose(f) != 0) {
      fprintf(stderr, "write %s: refused\n", argv[2]);
      return 2;
    }
    return 0;
  }
  if (strcmp(cmd, "ls") == 0 && argc == 3) {
    return list(argv[2]);
  }
  if (strcmp(cmd, "stdin") == 0) {
    return copy(stdin);
  }
  if (strcmp(cmd, "stderr") == 0 && argc == 3) {
    fputs(argv[2], stderr);
    return 0;
  }
  if (strcmp(cmd, "exit") == 0 && argc == 3) {
    fflush(stdout);
    exit(atoi(argv[2]));
  }
  if (strcmp(cmd, "time") == 0) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("%lld\n", (long long) ts.tv_sec);
    return 0;
  }
  if (strcmp(cmd, "random") == 0 && argc == 3) {
    unsigned char buf[64];
    int n = atoi(argv[2]);
    if (n < 0 || n > 64 || getentropy(buf, (size_t) n) != 0) {
      fprintf(stderr, "random: refused\n");
      return 2;
    }
    for (int i = 0; i < n; i++) {
      printf("%02x", buf[i]);
    }
    printf("\n");
    return 0;
  }
  fprintf(stderr, "unknown command %s\n", cmd);
  return 64;
}
