/* Runs a fixed SQL workload on an in-memory SQLite database and prints one checksum line (bench-large.sh). */
#include <stdio.h>
#include "sqlite3.h"

static long long total;

static int add(void *unused, int n, char **values, char **names) {
  (void) unused;
  (void) names;
  for (int i = 0; i < n; i++) {
    for (const char *c = values[i]; c && *c; c++) total = total * 31 + *c;
  }
  return 0;
}

int main(void) {
  sqlite3 *db;
  char *err = 0;
  const char *sql =
      "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
      " INSERT INTO t SELECT i, 'name' || (i * 7919 % 1000), (i * 31 % 977) / 7.0 FROM n;"
      "CREATE INDEX t_name ON t(name);"
      "SELECT name, count(*), round(avg(score), 3) FROM t GROUP BY name ORDER BY 2 DESC, 1 LIMIT 20;"
      "SELECT count(*) FROM t a JOIN t b ON a.name = b.name WHERE a.id < 2000 AND b.id < 2000;";
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 2;
  if (sqlite3_exec(db, sql, add, 0, &err) != SQLITE_OK) {
    fprintf(stderr, "sqlite: %s\n", err);
    return 1;
  }
  sqlite3_close(db);
  printf("sqlite %s checksum %lld\n", sqlite3_libversion(), total);
  return 0;
}
