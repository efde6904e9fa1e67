/*
 * A hostile WASI command for the TCK's sandbox tests: it calls the raw wasi_snapshot_preview1 imports (declared here
 * with plain i32/i64 parameters, so pointers and lengths are whatever the guest chooses) and prints raw WASI errno
 * numbers, one line per case: "case-name errno=N" plus fields (content=..., size=..., type=...). Preopens are found by
 * their guest names, never by number.
 *   GROUP CASE|all [ARG...]   run one case of a group, or all of them; a final line "done" says the guest survived
 *   groups: escape (preopen /pre; ARG: host path of the outside secret), renumber (/pre), readonly (/ro, /rw)
 *   badargs CASE              one call with bad pointers or lengths (/rw, /rw2), then "done" if the guest survived
 *   exit N                    raw proc_exit(N), N parsed as a signed 32-bit number
 *   race-rename MS            rename R<->d and L<->d in /pre for MS milliseconds; prints the counts
 *   race-read MS              open and read /pre/d/x/victim.txt for MS milliseconds (alternately with and without
 *                             LOOKUP_SYMLINK_FOLLOW); prints the counts
 *   readdir PATH BUFSIZE      list a directory (a preopen's guest name, or PREOPEN/SUB opened with path_open) with
 *                             fd_readdir and a buffer of BUFSIZE bytes, following cookies
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(n) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#n)))

IMPORT(args_get) int32_t w_args_get(int32_t argv, int32_t buf);
IMPORT(environ_get) int32_t w_environ_get(int32_t environ, int32_t buf);
IMPORT(clock_time_get) int32_t w_clock_time_get(int32_t id, int64_t precision, int32_t out);
IMPORT(fd_allocate) int32_t w_fd_allocate(int32_t fd, int64_t offset, int64_t len);
IMPORT(fd_close) int32_t w_fd_close(int32_t fd);
IMPORT(fd_filestat_get) int32_t w_fd_filestat_get(int32_t fd, int32_t out);
IMPORT(fd_filestat_set_size) int32_t w_fd_filestat_set_size(int32_t fd, int64_t size);
IMPORT(fd_filestat_set_times) int32_t w_fd_filestat_set_times(int32_t fd, int64_t atim, int64_t mtim, int32_t flags);
IMPORT(fd_pread) int32_t w_fd_pread(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset, int32_t out);
IMPORT(fd_prestat_get) int32_t w_fd_prestat_get(int32_t fd, int32_t out);
IMPORT(fd_prestat_dir_name) int32_t w_fd_prestat_dir_name(int32_t fd, int32_t path, int32_t len);
IMPORT(fd_pwrite) int32_t w_fd_pwrite(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset, int32_t out);
IMPORT(fd_read) int32_t w_fd_read(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t out);
IMPORT(fd_readdir) int32_t w_fd_readdir(int32_t fd, int32_t buf, int32_t len, int64_t cookie, int32_t out);
IMPORT(fd_renumber) int32_t w_fd_renumber(int32_t fd, int32_t to);
IMPORT(fd_write) int32_t w_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t out);
IMPORT(path_create_directory) int32_t w_path_create_directory(int32_t fd, int32_t path, int32_t len);
IMPORT(path_filestat_get) int32_t w_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t len,
    int32_t out);
IMPORT(path_filestat_set_times) int32_t w_path_filestat_set_times(int32_t fd, int32_t flags, int32_t path,
    int32_t len, int64_t atim, int64_t mtim, int32_t fst);
IMPORT(path_link) int32_t w_path_link(int32_t old_fd, int32_t old_flags, int32_t old_path, int32_t old_len,
    int32_t new_fd, int32_t new_path, int32_t new_len);
IMPORT(path_open) int32_t w_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t len, int32_t oflags,
    int64_t base, int64_t inheriting, int32_t fdflags, int32_t out);
IMPORT(path_readlink) int32_t w_path_readlink(int32_t fd, int32_t path, int32_t len, int32_t buf, int32_t buf_len,
    int32_t out);
IMPORT(path_remove_directory) int32_t w_path_remove_directory(int32_t fd, int32_t path, int32_t len);
IMPORT(path_rename) int32_t w_path_rename(int32_t fd, int32_t old_path, int32_t old_len, int32_t new_fd,
    int32_t new_path, int32_t new_len);
IMPORT(path_symlink) int32_t w_path_symlink(int32_t old_path, int32_t old_len, int32_t fd, int32_t new_path,
    int32_t new_len);
IMPORT(path_unlink_file) int32_t w_path_unlink_file(int32_t fd, int32_t path, int32_t len);
IMPORT(poll_oneoff) int32_t w_poll_oneoff(int32_t in, int32_t out, int32_t n, int32_t retptr);
IMPORT(proc_exit) _Noreturn void w_proc_exit(int32_t code);
IMPORT(random_get) int32_t w_random_get(int32_t buf, int32_t len);

#define P(x) ((int32_t) (uintptr_t) (x))
#define FOLLOW 1
#define O_CREAT 1
#define O_DIRECTORY 2
#define O_EXCL 4
#define O_TRUNC 8
#define R_READ (1ull << 1)
#define R_SEEK (1ull << 2)
#define R_WRITE (1ull << 6)
#define R_ALLOCATE (1ull << 8)
#define R_FILESTAT_GET (1ull << 21)
#define R_SET_SIZE (1ull << 22)
#define R_SET_TIMES (1ull << 23)
#define R_ALL 0x1FFFFFFFull
/* a directory fd's rights: everything but the rights that make wasmtime open for writing (then EISDIR) */
#define R_DIR (R_ALL & ~(R_WRITE | R_ALLOCATE | R_SET_SIZE | 1ull /* datasync */))
#define HUGE 0x7FFFFFF0
#define FST_ATIM 1
#define FST_MTIM 4

static const char *arg; /* the group's extra argument, if any */

/* ---- helpers ---- */

static int32_t preopen(const char *name) {
  static char buf[256];
  for (int32_t fd = 3; fd < 64; fd++) {
    uint32_t prestat[2];
    if (w_fd_prestat_get(fd, P(prestat)) != 0) {
      continue; /* closed or not a directory preopen (e.g. after fd_renumber) */
    }
    uint32_t len = prestat[1];
    if (len >= sizeof buf || w_fd_prestat_dir_name(fd, P(buf), (int32_t) len) != 0) {
      continue;
    }
    buf[len] = 0;
    if (strcmp(buf, name) == 0) {
      return fd;
    }
  }
  printf("no preopen %s\n", name);
  fflush(stdout);
  exit(3);
}

static int32_t open_at(int32_t dir, int32_t flags, const char *path, int32_t oflags, uint64_t rights, int32_t *fd) {
  return w_path_open(dir, flags, P(path), (int32_t) strlen(path), oflags, (int64_t) rights, (int64_t) R_ALL, 0, P(fd));
}

static void print_escaped(const char *key, const unsigned char *b, size_t n) {
  printf(" %s=", key);
  for (size_t i = 0; i < n; i++) {
    if (b[i] >= 0x21 && b[i] < 0x7f && b[i] != '\\') {
      putchar(b[i]);
    } else {
      printf("\\x%02x", b[i]);
    }
  }
}

static void print_errno(const char *name, int32_t e) {
  printf("%s errno=%d\n", name, e);
}

/* Reads up to 64 bytes of fd from its current offset and prints them as " content=..." (or " read-errno=N"). */
static void print_content(int32_t fd) {
  static unsigned char buf[64];
  uint32_t iov[2] = {(uint32_t) P(buf), sizeof buf};
  uint32_t n = 0;
  int32_t e = w_fd_read(fd, P(iov), 1, P(&n));
  if (e != 0) {
    printf(" read-errno=%d", e);
  } else {
    print_escaped("content", buf, n);
  }
}

/* path_open for reading; prints "name errno=N" and, when it opened, the start of the content. */
static void try_open(const char *name, int32_t dir, int32_t flags, const char *path, size_t len) {
  int32_t fd = -1;
  int32_t e = w_path_open(dir, flags, P(path), (int32_t) len, 0, (int64_t) (R_READ | R_SEEK | R_FILESTAT_GET),
      (int64_t) R_ALL, 0, P(&fd));
  printf("%s errno=%d", name, e);
  if (e == 0) {
    print_content(fd);
    (void) w_fd_close(fd);
  }
  printf("\n");
}

static void try_open_str(const char *name, int32_t dir, int32_t flags, const char *path) {
  try_open(name, dir, flags, path, strlen(path));
}

static int32_t str_symlink(const char *target, int32_t dir, const char *path) {
  return w_path_symlink(P(target), (int32_t) strlen(target), dir, P(path), (int32_t) strlen(path));
}

static int32_t str_link(int32_t od, int32_t flags, const char *op, int32_t nd, const char *np) {
  return w_path_link(od, flags, P(op), (int32_t) strlen(op), nd, P(np), (int32_t) strlen(np));
}

static int32_t str_rename(int32_t od, const char *op, int32_t nd, const char *np) {
  return w_path_rename(od, P(op), (int32_t) strlen(op), nd, P(np), (int32_t) strlen(np));
}

/* filestat: dev u64, ino u64, filetype u8 (+7), nlink u64, size u64, atim, mtim, ctim: 64 bytes */
static void try_filestat(const char *name, int32_t dir, int32_t flags, const char *path) {
  static uint64_t st[8];
  int32_t e = w_path_filestat_get(dir, flags, P(path), (int32_t) strlen(path), P(st));
  printf("%s errno=%d", name, e);
  if (e == 0) {
    printf(" type=%u size=%llu", (unsigned) (st[2] & 0xff), (unsigned long long) st[4]);
  }
  printf("\n");
}

static void try_readlink(const char *name, int32_t dir, const char *path) {
  static unsigned char buf[512];
  uint32_t n = 0;
  int32_t e = w_path_readlink(dir, P(path), (int32_t) strlen(path), P(buf), sizeof buf, P(&n));
  printf("%s errno=%d", name, e);
  if (e == 0) {
    print_escaped("text", buf, n > sizeof buf ? sizeof buf : n);
  }
  printf("\n");
}

static uint64_t now_ns(void) {
  uint64_t t = 0;
  if (w_clock_time_get(1 /* monotonic */, 1, P(&t)) != 0) {
    printf("clock errno\n");
    exit(3);
  }
  return t;
}

/* ---- escape: /pre holds a.txt, sub/b.txt, sub/in-up -> ../a.txt, abs-link -> <outside secret>,
   rel-link -> ../secret.txt, up -> .., loop-a <-> loop-b, in-link -> a.txt; ../secret.txt is outside ---- */

static int32_t pre;
static char big[8192];

static void esc_dotdot(void) { try_open_str("dotdot", pre, FOLLOW, "../secret.txt"); }
static void esc_sub_dotdot(void) { try_open_str("sub-dotdot", pre, FOLLOW, "sub/../../secret.txt"); }
static void esc_sub_dotdot_inside(void) { try_open_str("sub-dotdot-inside", pre, FOLLOW, "sub/../a.txt"); }
static void esc_abs_etc(void) { try_open_str("abs-etc", pre, FOLLOW, "/etc/passwd"); }
static void esc_abs_host(void) { try_open_str("abs-host", pre, FOLLOW, arg); }
static void esc_abs_link(void) {
  try_open_str("abs-link-follow", pre, FOLLOW, "abs-link");
  try_open_str("abs-link-nofollow", pre, 0, "abs-link");
}
static void esc_rel_link(void) {
  try_open_str("rel-link-follow", pre, FOLLOW, "rel-link");
  try_open_str("rel-link-nofollow", pre, 0, "rel-link");
}
static void esc_guest_symlink(void) {
  print_errno("guest-symlink", str_symlink("../secret.txt", pre, "s"));
  try_open_str("guest-symlink-follow", pre, FOLLOW, "s");
  try_open_str("guest-symlink-nofollow", pre, 0, "s");
}
static void esc_guest_symlink_abs(void) {
  print_errno("guest-symlink-abs", str_symlink(arg, pre, "s2"));
  try_open_str("guest-symlink-abs-follow", pre, FOLLOW, "s2");
}
static void esc_up(void) {
  try_open_str("up-follow", pre, FOLLOW, "up/secret.txt");
  try_open_str("up-nofollow", pre, 0, "up/secret.txt");
  int32_t fd = -1;
  int32_t e = open_at(pre, FOLLOW, "up", O_DIRECTORY, R_DIR, &fd);
  print_errno("up-dir", e);
  if (e == 0) {
    try_open_str("up-dir-secret", fd, FOLLOW, "secret.txt");
  }
  try_filestat("up-filestat", pre, FOLLOW, "up");
}
static void esc_loop(void) {
  try_open_str("loop-follow", pre, FOLLOW, "loop-a");
  try_open_str("loop-nofollow", pre, 0, "loop-a");
  try_open_str("loop-through", pre, FOLLOW, "loop-a/x");
}
static void esc_inside_links(void) {
  try_open_str("in-link", pre, FOLLOW, "in-link");
  try_open_str("sub-in-up", pre, FOLLOW, "sub/in-up");
}
static void esc_hardlink(void) {
  print_errno("hardlink-out", str_link(pre, 0, "../secret.txt", pre, "hl"));
  try_open_str("hardlink-out-open", pre, 0, "hl");
  print_errno("hardlink-via-symlink", str_link(pre, FOLLOW, "rel-link", pre, "hl2"));
  try_open_str("hardlink-via-symlink-open", pre, 0, "hl2");
  print_errno("hardlink-via-abs-symlink", str_link(pre, FOLLOW, "abs-link", pre, "hl3"));
  try_open_str("hardlink-via-abs-symlink-open", pre, 0, "hl3");
}
static void esc_rename(void) {
  print_errno("rename-out", str_rename(pre, "a.txt", pre, "../moved"));
  print_errno("rename-in", str_rename(pre, "../secret.txt", pre, "stolen"));
  try_open_str("rename-in-open", pre, 0, "stolen");
  print_errno("rename-over-up", str_rename(pre, "a.txt", pre, "up/moved"));
}
static void esc_dirfd(void) {
  int32_t sub = -1;
  int32_t e = open_at(pre, FOLLOW, "sub", O_DIRECTORY, R_DIR, &sub);
  print_errno("dirfd-open", e);
  if (e == 0) {
    try_open_str("dirfd-escape", sub, FOLLOW, "../../secret.txt");
    try_open_str("dirfd-parent", sub, FOLLOW, "../a.txt");
    try_open_str("dirfd-own", sub, FOLLOW, "b.txt");
  }
}
static void esc_long(void) {
  memset(big, 'a', 5000);
  big[5000] = 0;
  try_open_str("long-name", pre, FOLLOW, big);
  size_t n = 0;
  while (n + 2 + 5 < 5000) { /* "./" repeated, then a.txt: 4999 bytes that stay inside */
    big[n++] = '.';
    big[n++] = '/';
  }
  strcpy(big + n, "a.txt");
  try_open("long-path", pre, FOLLOW, big, strlen(big));
  n = 0;
  for (int i = 0; i < 150; i++) { /* 300 components "sub/.." then a.txt */
    memcpy(big + n, "sub/../", 7);
    n += 7;
  }
  strcpy(big + n, "a.txt");
  try_open_str("components-300", pre, FOLLOW, big);
  n = 0;
  for (int i = 0; i < 300; i++) {
    memcpy(big + n, "../", 3);
    n += 3;
  }
  strcpy(big + n, "secret.txt");
  try_open_str("dotdot-300", pre, FOLLOW, big);
}
static void esc_nul(void) {
  static const char mid[] = "a.txt\0../../secret.txt";
  try_open("nul-middle", pre, FOLLOW, mid, sizeof mid - 1);
  try_open("nul-end", pre, FOLLOW, "a.txt", 6);
  try_open("nul-only", pre, FOLLOW, "\0", 1);
  try_open("empty", pre, FOLLOW, "", 0);
}
static void esc_filestat(void) {
  try_filestat("filestat-rel-follow", pre, FOLLOW, "rel-link");
  try_filestat("filestat-rel-nofollow", pre, 0, "rel-link");
  try_filestat("filestat-abs-follow", pre, FOLLOW, "abs-link");
  try_filestat("filestat-dotdot", pre, FOLLOW, "../secret.txt");
  try_filestat("filestat-inside", pre, FOLLOW, "in-link");
}
static void esc_readlink(void) {
  try_readlink("readlink-rel", pre, "rel-link");
  try_readlink("readlink-abs", pre, "abs-link");
  try_readlink("readlink-outside", pre, "../secret.txt");
}

/* A directory fd on sub, then sub renamed and replaced by a link to the preopen's parent: the fd's host path now leads
   out. What goes through the fd must stay in the real directory (wasm-layer-wasi refuses what it does by path). */
static void esc_stale_dir(void) {
  int32_t sub = -1;
  print_errno("stale-dir-link", str_symlink("b.txt", pre, "sub/l"));
  int32_t e = open_at(pre, FOLLOW, "sub", O_DIRECTORY, R_DIR, &sub);
  print_errno("stale-dir-open", e);
  if (e != 0) {
    return;
  }
  print_errno("stale-dir-rename", str_rename(pre, "sub", pre, "sub2"));
  print_errno("stale-dir-swap", str_symlink("..", pre, "sub"));
  try_open_str("stale-dir-own", sub, 0, "b.txt");
  try_readlink("stale-dir-readlink", sub, "l");
  try_open_str("stale-dir-follow", sub, FOLLOW, "l");
  try_open_str("stale-dir-secret", sub, FOLLOW, "secret.txt");
  print_errno("stale-dir-mkdir", w_path_create_directory(sub, P("new"), 3));
}

/* ---- renumber: a file fd renumbered over the /pre preopen, then the preopen's number used ---- */

static void ren_over_preopen(void) {
  int32_t f = -1;
  int32_t e = open_at(pre, FOLLOW, "a.txt", 0, R_READ, &f);
  print_errno("renumber-open", e);
  if (e != 0) {
    return;
  }
  print_errno("renumber", w_fd_renumber(f, pre));
  uint32_t prestat[2];
  print_errno("renumber-prestat", w_fd_prestat_get(pre, P(prestat)));
  try_open_str("renumber-open-inside", pre, FOLLOW, "a.txt");
  try_open_str("renumber-open-dotdot", pre, FOLLOW, "../secret.txt");
  printf("renumber-read");
  print_content(pre);
  printf("\n");
  print_errno("renumber-old-fd-close", w_fd_close(f));
}

/* ---- readonly: /ro holds f.txt, emptydir/, subdir/g.txt; /rw holds w.txt ---- */

static int32_t ro, rw;

static void ro_open_flags(void) {
  int32_t fd = -1;
  print_errno("creat", open_at(ro, 0, "new.txt", O_CREAT, R_READ | R_WRITE, &fd));
  print_errno("creat-read-rights", open_at(ro, 0, "new.txt", O_CREAT, R_READ, &fd));
  print_errno("trunc", open_at(ro, 0, "f.txt", O_TRUNC, R_READ | R_WRITE, &fd));
  print_errno("trunc-read-rights", open_at(ro, 0, "f.txt", O_TRUNC, R_READ, &fd));
  print_errno("excl", open_at(ro, 0, "new.txt", O_CREAT | O_EXCL, R_READ | R_WRITE, &fd));
  print_errno("excl-existing", open_at(ro, 0, "f.txt", O_CREAT | O_EXCL, R_READ | R_WRITE, &fd));
}
static void write_ops(const char *prefix, int32_t fd) {
  char name[64];
  static const char x[] = "PWNED";
  uint32_t iov[2] = {(uint32_t) P(x), 5};
  uint32_t n = 0;
  snprintf(name, sizeof name, "%s-fd-write", prefix);
  print_errno(name, w_fd_write(fd, P(iov), 1, P(&n)));
  snprintf(name, sizeof name, "%s-fd-pwrite", prefix);
  print_errno(name, w_fd_pwrite(fd, P(iov), 1, 0, P(&n)));
  snprintf(name, sizeof name, "%s-fd-set-size", prefix);
  print_errno(name, w_fd_filestat_set_size(fd, 0));
  snprintf(name, sizeof name, "%s-fd-allocate", prefix);
  print_errno(name, w_fd_allocate(fd, 0, 65536));
  snprintf(name, sizeof name, "%s-fd-set-times", prefix);
  print_errno(name, w_fd_filestat_set_times(fd, 1000000000ll, 1000000000ll, FST_ATIM | FST_MTIM));
}
static void ro_open_write(void) {
  int32_t fd = -1;
  int32_t e = open_at(ro, 0, "f.txt", 0, R_READ | R_WRITE, &fd);
  print_errno("open-write", e);
  if (e == 0) {
    write_ops("open-write", fd);
  }
}
static void ro_open_all_rights(void) {
  int32_t fd = -1;
  int32_t e = open_at(ro, 0, "f.txt", 0, R_ALL, &fd);
  print_errno("open-all-rights", e);
  if (e == 0) {
    write_ops("open-all-rights", fd);
  }
}
static void ro_open_read(void) {
  int32_t fd = -1;
  int32_t e = open_at(ro, 0, "f.txt", 0, R_READ | R_SEEK | R_SET_SIZE | R_ALLOCATE | R_SET_TIMES, &fd);
  print_errno("open-read", e);
  if (e == 0) {
    write_ops("open-read", fd);
  }
}
static void ro_path_ops(void) {
  const char *f = "f.txt";
  print_errno("path-set-times", w_path_filestat_set_times(ro, 0, P(f), 5, 1000000000ll, 1000000000ll,
      FST_ATIM | FST_MTIM));
  print_errno("path-set-times-dir", w_path_filestat_set_times(ro, 0, P("subdir"), 6, 1000000000ll, 1000000000ll,
      FST_ATIM | FST_MTIM));
  print_errno("mkdir", w_path_create_directory(ro, P("newdir"), 6));
  print_errno("rmdir", w_path_remove_directory(ro, P("emptydir"), 8));
  print_errno("unlink", w_path_unlink_file(ro, P(f), 5));
  print_errno("symlink", str_symlink("f.txt", ro, "sl"));
}
static void ro_renames(void) {
  print_errno("rename-within", str_rename(ro, "f.txt", ro, "g.txt"));
  print_errno("rename-ro-to-rw", str_rename(ro, "f.txt", rw, "moved.txt"));
  print_errno("rename-rw-to-ro", str_rename(rw, "w.txt", ro, "w.txt"));
  print_errno("rename-dir-ro-to-rw", str_rename(ro, "subdir", rw, "subdir"));
}
static void ro_links(void) {
  int32_t e = str_link(ro, 0, "f.txt", rw, "hl.txt");
  print_errno("link-ro-to-rw", e);
  if (e == 0) {
    int32_t fd = -1;
    int32_t o = open_at(rw, 0, "hl.txt", 0, R_READ | R_WRITE, &fd);
    print_errno("link-ro-to-rw-open", o);
    if (o == 0) {
      write_ops("link-ro-to-rw", fd);
    }
  }
  print_errno("link-rw-to-ro", str_link(rw, 0, "w.txt", ro, "hl.txt"));
  print_errno("link-within-ro", str_link(ro, 0, "f.txt", ro, "hl.txt"));
}
static void ro_subdir(void) {
  int32_t sub = -1;
  int32_t e = open_at(ro, 0, "subdir", O_DIRECTORY, R_DIR, &sub);
  print_errno("subdir-open", e);
  if (e == 0) {
    int32_t fd = -1;
    print_errno("subdir-creat", open_at(sub, 0, "new.txt", O_CREAT, R_READ | R_WRITE, &fd));
    print_errno("subdir-mkdir", w_path_create_directory(sub, P("newdir"), 6));
    print_errno("subdir-unlink", w_path_unlink_file(sub, P("g.txt"), 5));
  }
}

/* ---- badargs: guest-chosen pointers and lengths, one call per case (wasmtime traps on an out-of-bounds or
   misaligned pointer, as the witx docs say a function shall, which ends the run); /rw holds w.txt, r.txt,
   scratch.bin (64 bytes) and link -> w.txt, /rw2 is empty ---- */

static uint32_t mem_end(void) {
  return (uint32_t) __builtin_wasm_memory_size(0) * 65536u;
}

static char small[64] __attribute__((aligned(8)));
static uint32_t iov[2];
static uint32_t ptrs[16];
static uint32_t n_out;

static int32_t scratch(void) {
  int32_t fd = -1;
  int32_t e = open_at(rw, 0, "scratch.bin", O_CREAT, R_READ | R_WRITE | R_SEEK, &fd);
  if (e != 0) {
    printf("scratch errno=%d\n", e);
    fflush(stdout);
    exit(3);
  }
  return fd;
}

/* fd-{write,read,pwrite,pread}-VARIANT on a scratch file in /rw; returns 0 if name is not such a case */
static int iov_case(const char *name) {
  static const char *const fns[] = {"fd-write-", "fd-read-", "fd-pwrite-", "fd-pread-"};
  for (int f = 0; f < 4; f++) {
    size_t len = strlen(fns[f]);
    if (strncmp(name, fns[f], len) != 0) {
      continue;
    }
    const char *v = name + len;
    int32_t iovs = P(iov), count = 1, out = P(&n_out);
    iov[0] = (uint32_t) P(small);
    iov[1] = 8;
    if (strcmp(v, "iovs-oob") == 0) {
      iovs = (int32_t) (mem_end() - 4);
    } else if (strcmp(v, "iovs-misaligned") == 0) {
      iovs = P(small) + 1;
    } else if (strcmp(v, "iov-huge-len") == 0) {
      iov[1] = HUGE;
    } else if (strcmp(v, "iovs-huge-count") == 0) {
      count = HUGE;
    } else if (strcmp(v, "iov-buf-oob") == 0) {
      iov[0] = mem_end() - 4;
    } else if (strcmp(v, "result-oob") == 0) {
      out = (int32_t) mem_end();
    } else {
      return 0;
    }
    int32_t fd = scratch();
    int32_t e;
    switch (f) {
      case 0: e = w_fd_write(fd, iovs, count, out); break;
      case 1: e = w_fd_read(fd, iovs, count, out); break;
      case 2: e = w_fd_pwrite(fd, iovs, count, 0, out); break;
      default: e = w_fd_pread(fd, iovs, count, 0, out); break;
    }
    print_errno(name, e);
    return 1;
  }
  return 0;
}

static int bad(const char *c) {
  int32_t end = (int32_t) mem_end();
  int32_t fd = -1;
  strcpy(small, "w.txt");
  if (iov_case(c)) {
    return 1;
  } else if (strcmp(c, "path-open-huge-len") == 0) {
    print_errno(c, w_path_open(rw, 0, P(small), HUGE, 0, (int64_t) R_READ, 0, 0, P(&fd)));
  } else if (strcmp(c, "path-open-oob-path") == 0) {
    print_errno(c, w_path_open(rw, 0, end - 2, 5, 0, (int64_t) R_READ, 0, 0, P(&fd)));
  } else if (strcmp(c, "path-open-oob-result") == 0) {
    print_errno(c, w_path_open(rw, 0, P(small), 5, 0, (int64_t) R_READ, 0, 0, end));
  } else if (strcmp(c, "args-get-oob-argv") == 0) {
    print_errno(c, w_args_get(end - 4, P(big)));
  } else if (strcmp(c, "args-get-oob-buf") == 0) {
    print_errno(c, w_args_get(P(ptrs), end - 4));
  } else if (strcmp(c, "environ-get-oob-environ") == 0) {
    print_errno(c, w_environ_get(end, P(big))); /* one variable: its pointer would be the 4 bytes at end */
  } else if (strcmp(c, "environ-get-oob-buf") == 0) {
    print_errno(c, w_environ_get(P(ptrs), end - 2)); /* "E=v\0" straddles the end */
  } else if (strcmp(c, "prestat-dir-name-oob") == 0) {
    print_errno(c, w_fd_prestat_dir_name(rw, end - 1, 3));
  } else if (strcmp(c, "prestat-dir-name-huge-len") == 0) {
    print_errno(c, w_fd_prestat_dir_name(rw, P(small), HUGE));
  } else if (strcmp(c, "prestat-get-oob") == 0) {
    print_errno(c, w_fd_prestat_get(rw, end));
  } else if (strcmp(c, "readlink-oob-buf") == 0) {
    print_errno(c, w_path_readlink(rw, P("link"), 4, end - 2, 64, P(&n_out)));
  } else if (strcmp(c, "readlink-huge-len") == 0) {
    print_errno(c, w_path_readlink(rw, P("link"), 4, P(small), HUGE, P(&n_out)));
  } else if (strcmp(c, "readdir-oob-buf") == 0) {
    print_errno(c, w_fd_readdir(rw, end - 16, 4096, 0, P(&n_out)));
  } else if (strcmp(c, "readdir-huge-len") == 0) {
    print_errno(c, w_fd_readdir(rw, P(small), HUGE, 0, P(&n_out)));
  } else if (strcmp(c, "readdir-huge-cookie") == 0) {
    int32_t e = w_fd_readdir(rw, P(big), 1024, (int64_t) 0x7FFFFFFFFFFFFFF0ll, P(&n_out));
    printf("%s errno=%d used=%u\n", c, e, e == 0 ? n_out : 0);
  } else if (strcmp(c, "random-oob") == 0) {
    print_errno(c, w_random_get(end - 4, 16));
  } else if (strcmp(c, "random-huge-len") == 0) {
    print_errno(c, w_random_get(P(small), HUGE));
  } else if (strcmp(c, "clock-oob") == 0) {
    print_errno(c, w_clock_time_get(0, 1, end - 4));
  } else if (strcmp(c, "clock-misaligned") == 0) {
    print_errno(c, w_clock_time_get(0, 1, P(small) + 1));
  } else if (strcmp(c, "clock-bad-id") == 0) {
    print_errno(c, w_clock_time_get(99, 1, P(small)));
  } else if (strcmp(c, "poll-huge-count") == 0) {
    memset(big, 0, sizeof big);
    print_errno(c, w_poll_oneoff(P(big), P(big + 4096), 0x7FFFFFFF, P(&n_out)));
  } else if (strcmp(c, "poll-zero") == 0) {
    print_errno(c, w_poll_oneoff(P(big), P(big + 4096), 0, P(&n_out)));
  } else if (strcmp(c, "readonly-fd") == 0) {
    int32_t e = open_at(rw, 0, "w.txt", 0, R_READ, &fd);
    print_errno("readonly-fd-open", e);
    if (e == 0) {
      print_errno("readonly-fd-set-size", w_fd_filestat_set_size(fd, 0));
      print_errno("readonly-fd-allocate", w_fd_allocate(fd, 0, 65536));
    }
  } else if (strcmp(c, "across-preopens") == 0) {
    int32_t rw2 = preopen("/rw2");
    print_errno("link-across-preopens", str_link(rw, 0, "w.txt", rw2, "w-link.txt"));
    print_errno("rename-across-preopens", str_rename(rw, "r.txt", rw2, "r-moved.txt"));
  } else {
    return 0;
  }
  return 1;
}

static int run_bad(const char *which) {
  if (!bad(which)) {
    printf("unknown case %s\n", which);
    return 64;
  }
  printf("done\n");
  return 0;
}

/* ---- the case tables ---- */

typedef struct {
  const char *name;
  void (*run)(void);
} Case;

static const Case ESCAPE[] = {
    {"dotdot", esc_dotdot}, {"sub-dotdot", esc_sub_dotdot}, {"sub-dotdot-inside", esc_sub_dotdot_inside},
    {"abs-etc", esc_abs_etc}, {"abs-host", esc_abs_host}, {"abs-link", esc_abs_link}, {"rel-link", esc_rel_link},
    {"guest-symlink", esc_guest_symlink}, {"guest-symlink-abs", esc_guest_symlink_abs}, {"up", esc_up},
    {"loop", esc_loop}, {"inside-links", esc_inside_links}, {"hardlink", esc_hardlink}, {"rename", esc_rename},
    {"dirfd", esc_dirfd}, {"long", esc_long}, {"nul", esc_nul}, {"filestat", esc_filestat},
    {"readlink", esc_readlink}, {"stale-dir", esc_stale_dir}, {0, 0}};
static const Case RENUMBER[] = {{"over-preopen", ren_over_preopen}, {0, 0}};
static const Case READONLY[] = {
    {"open-flags", ro_open_flags}, {"open-write", ro_open_write}, {"open-all-rights", ro_open_all_rights},
    {"open-read", ro_open_read}, {"path-ops", ro_path_ops}, {"renames", ro_renames}, {"links", ro_links},
    {"subdir", ro_subdir}, {0, 0}};

static int run_cases(const Case *cases, const char *which) {
  int found = 0;
  for (const Case *c = cases; c->name; c++) {
    if (strcmp(which, "all") == 0 || strcmp(which, c->name) == 0) {
      c->run();
      found = 1;
    }
  }
  if (!found) {
    printf("unknown case %s\n", which);
    return 64;
  }
  printf("done\n");
  return 0;
}

/* ---- race ---- */

static int race_rename(uint64_t ms) {
  uint64_t end = now_ns() + ms * 1000000ull;
  long rounds = 0, failed = 0;
  int32_t last = 0;
  while (now_ns() < end) {
    int32_t e[4];
    e[0] = str_rename(pre, "R", pre, "d");
    e[1] = str_rename(pre, "d", pre, "R");
    e[2] = str_rename(pre, "L", pre, "d");
    e[3] = str_rename(pre, "d", pre, "L");
    for (int i = 0; i < 4; i++) {
      if (e[i] != 0) {
        failed++;
        last = e[i];
      }
    }
    rounds++;
  }
  printf("renamer rounds=%ld failed=%ld last-errno=%d\n", rounds, failed, last);
  return 0;
}

static int race_read(uint64_t ms) {
  static long errnos[80];
  static unsigned char buf[32];
  uint64_t end = now_ns() + ms * 1000000ull;
  long attempts = 0, opens = 0, decoy = 0, outside = 0, other = 0;
  while (now_ns() < end) {
    int32_t fd = -1;
    int32_t e = open_at(pre, (attempts & 1) ? FOLLOW : 0, "d/x/victim.txt", 0, R_READ, &fd);
    attempts++;
    if (e != 0) {
      errnos[e >= 0 && e < 80 ? e : 79]++;
      continue;
    }
    opens++;
    uint32_t iov[2] = {(uint32_t) P(buf), sizeof buf};
    uint32_t n = 0;
    e = w_fd_read(fd, P(iov), 1, P(&n));
    (void) w_fd_close(fd);
    if (e != 0) {
      errnos[e >= 0 && e < 80 ? e : 79]++;
    } else if (n == 5 && memcmp(buf, "decoy", 5) == 0) {
      decoy++;
    } else if (n == 7 && memcmp(buf, "OUTSIDE", 7) == 0) {
      outside++;
    } else {
      other++;
    }
  }
  printf("reader attempts=%ld opens=%ld decoy=%ld outside=%ld other=%ld errnos=", attempts, opens, decoy, outside,
      other);
  const char *sep = "";
  for (int i = 0; i < 80; i++) {
    if (errnos[i]) {
      printf("%s%d:%ld", sep, i, errnos[i]);
      sep = ",";
    }
  }
  printf("\n");
  return 0;
}

/* ---- readdir ---- */

static int list_dir(const char *path, uint32_t bufsize) {
  static unsigned char buf[4096];
  static char name[256];
  if (bufsize > sizeof buf) {
    return 64;
  }
  strncpy(name, path, sizeof name - 1);
  char *slash = strchr(name + 1, '/');
  int32_t dir;
  if (slash) {
    *slash = 0;
    int32_t base = preopen(name);
    int32_t e = open_at(base, FOLLOW, slash + 1, O_DIRECTORY, R_DIR, &dir);
    if (e != 0) {
      print_errno("open", e);
      return 0;
    }
  } else {
    dir = preopen(name);
  }
  uint64_t cookie = 0;
  int calls = 0;
  for (;;) {
    uint32_t used = 0;
    int32_t e = w_fd_readdir(dir, P(buf), (int32_t) bufsize, (int64_t) cookie, P(&used));
    calls++;
    if (e != 0) {
      print_errno("readdir", e);
      return 0;
    }
    uint32_t off = 0;
    int complete = 0;
    while (off + 24 <= used) {
      uint64_t next;
      uint32_t namlen;
      memcpy(&next, buf + off, 8);
      memcpy(&namlen, buf + off + 16, 4);
      uint8_t type = buf[off + 20];
      if (off + 24 + namlen > used) {
        break; /* truncated: read again from this entry's cookie */
      }
      printf("entry type=%u", type);
      print_escaped("name", buf + off + 24, namlen);
      printf("\n");
      cookie = next;
      complete++;
      off += 24 + namlen;
    }
    if (used < bufsize) {
      break; /* the end of the directory */
    }
    if (complete == 0) {
      printf("entry larger than the buffer\n");
      return 0;
    }
    if (calls > 10000) {
      printf("too many calls\n");
      return 0;
    }
  }
  printf("calls=%d\n", calls);
  printf("done\n");
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    return 64;
  }
  const char *cmd = argv[1];
  arg = argc > 3 ? argv[3] : "";
  if (strcmp(cmd, "exit") == 0 && argc == 3) {
    fflush(stdout);
    w_proc_exit((int32_t) strtol(argv[2], NULL, 10));
  }
  if (strcmp(cmd, "readdir") == 0 && argc == 4) {
    return list_dir(argv[2], (uint32_t) atoi(argv[3]));
  }
  if (strcmp(cmd, "race-rename") == 0 && argc == 3) {
    pre = preopen("/pre");
    return race_rename((uint64_t) atoi(argv[2]));
  }
  if (strcmp(cmd, "race-read") == 0 && argc == 3) {
    pre = preopen("/pre");
    return race_read((uint64_t) atoi(argv[2]));
  }
  if (argc < 3) {
    return 64;
  }
  if (strcmp(cmd, "escape") == 0) {
    pre = preopen("/pre");
    return run_cases(ESCAPE, argv[2]);
  }
  if (strcmp(cmd, "renumber") == 0) {
    pre = preopen("/pre");
    return run_cases(RENUMBER, argv[2]);
  }
  if (strcmp(cmd, "readonly") == 0) {
    ro = preopen("/ro");
    rw = preopen("/rw");
    return run_cases(READONLY, argv[2]);
  }
  if (strcmp(cmd, "badargs") == 0) {
    rw = preopen("/rw");
    return run_bad(argv[2]);
  }
  printf("unknown command %s\n", cmd);
  return 64;
}
