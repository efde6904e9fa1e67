/*
 * A WASI command for the TCK's component tests, built as a core module with clang-14 for wasm32-wasi and wrapped into
 * a WASI 0.2 command component by scripts/build-components.sh (the preview-1 adapter turns its libc calls into
 * wasi:cli, wasi:io and wasi:filesystem imports). It prints one line per fact, errno values as wasi-libc numbers them
 * (the preview-1 numbers: EPERM 63, ENOENT 44, ENOTCAPABLE 76, EROFS 69).
 *   args                 "argc=N", then "arg[I]=TEXT" for each argument
 *   env                  "env NAME=VALUE" for each variable, in order
 *   stdio                "to stdout" on stdout and "to stderr" on stderr
 *   read PATH            "read errno=N" and the content: "read errno=0 content=TEXT"
 *   write PATH TEXT      creates or truncates PATH and writes TEXT: "write errno=N"
 *   escape SECRET        tries the ways out of the preopen /pre (SECRET: the host path of a file outside it)
 *   exit N               exit(N)
 *   spin                 loops forever
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static void read_file(const char *name, const char *path) {
  errno = 0;
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("%s errno=%d\n", name, errno);
    return;
  }
  char buf[128];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  if (n < 0) {
    printf("%s errno=0 read-errno=%d\n", name, errno);
  } else {
    buf[n] = 0;
    printf("%s errno=0 content=%s\n", name, buf);
  }
  close(fd);
}

static void write_file(const char *name, const char *path, const char *text) {
  errno = 0;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    printf("%s errno=%d\n", name, errno);
    return;
  }
  size_t len = strlen(text);
  ssize_t n = write(fd, text, len);
  printf("%s errno=%d\n", name, n == (ssize_t) len ? 0 : errno);
  close(fd);
}

/* /pre holds a.txt, abs-link -> SECRET (absolute), rel-link -> ../secret.txt, up -> ..; SECRET is ../secret.txt */
static void escape(const char *secret) {
  read_file("inside", "/pre/a.txt");
  read_file("dotdot", "/pre/../secret.txt");
  read_file("abs-host", secret);
  read_file("abs-etc", "/etc/passwd");
  read_file("abs-link", "/pre/abs-link");
  read_file("rel-link", "/pre/rel-link");
  read_file("up", "/pre/up/secret.txt");
  errno = 0;
  printf("guest-symlink errno=%d\n", symlink("../secret.txt", "/pre/guest-link") == 0 ? 0 : errno);
  read_file("guest-symlink-follow", "/pre/guest-link");
  write_file("write-dotdot", "/pre/../planted.txt", "planted");
  write_file("write-abs", "/planted.txt", "planted");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: command args|env|stdio|read|write|escape|exit|spin ...\n");
    return 2;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "args") == 0) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
      printf("arg[%d]=%s\n", i, argv[i]);
    }
  } else if (strcmp(cmd, "env") == 0) {
    for (char **e = environ; *e != NULL; e++) {
      printf("env %s\n", *e);
    }
  } else if (strcmp(cmd, "stdio") == 0) {
    printf("to stdout\n");
    fflush(stdout);
    fprintf(stderr, "to stderr\n");
  } else if (strcmp(cmd, "read") == 0 && argc == 3) {
    read_file("read", argv[2]);
  } else if (strcmp(cmd, "write") == 0 && argc == 4) {
    write_file("write", argv[2], argv[3]);
  } else if (strcmp(cmd, "escape") == 0 && argc == 3) {
    escape(argv[2]);
  } else if (strcmp(cmd, "exit") == 0 && argc == 3) {
    printf("exiting with %d\n", atoi(argv[2]));
    fflush(stdout);
    exit(atoi(argv[2]));
  } else if (strcmp(cmd, "spin") == 0) {
    printf("spinning\n");
    fflush(stdout);
    for (volatile unsigned long i = 0;; i++) {
    }
  } else {
    fprintf(stderr, "unknown command %s\n", cmd);
    return 2;
  }
  return 0;
}
