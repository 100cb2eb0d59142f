// tests/core/stmt_cache_test.cpp: the prepared statements a SQLite connection keeps (core/storage/db.h,
// StmtCache): reused by SQL text, bounded, emptied when the schema may change, never holding a lock or a
// value between uses, and safe when a statement outlives its connection.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "core/storage/db.h"
#include "tests/core/test_dirs.h"

using namespace waymark;
using waymark::test::TempDir;

namespace {
// Every statement prepared on the connection, kept or in use.
int statements_on(const Db& db) {
  int n = 0;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db.raw(), nullptr); s; s = sqlite3_next_stmt(db.raw(), s)) n++;
  return n;
}
int busy_statements_on(const Db& db) {
  int n = 0;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db.raw(), nullptr); s; s = sqlite3_next_stmt(db.raw(), s))
    n += sqlite3_stmt_busy(s) ? 1 : 0;
  return n;
}
int64_t count_rows(Db& db) {
  Stmt s(db, "SELECT count(*) FROM t");
  s.step();
  return s.i64(0);
}
}  // namespace

TEST(StmtCache, TheSameTextIsPreparedOnceAndComesBackWithNoBindingsOrRows) {
  TempDir d;
  Db db(d.file("x.db"));
  db.exec("CREATE TABLE t(a INTEGER, b TEXT)");
  for (int i = 0; i < 50; i++) {
    Txn t(db);
    Stmt ins(db, "INSERT INTO t(a, b) VALUES(:a, :b)");
    ins.bind(":a", i).bind(":b", "row " + std::to_string(i)).run();
    t.commit();
  }
  // INSERT, BEGIN IMMEDIATE and COMMIT, each once.
  EXPECT_EQ(statements_on(db), 3);
  EXPECT_EQ(db.statements()->size(), 3u);
  EXPECT_EQ(count_rows(db), 50);
  {
    // Left with a row pending: given back reset, so it holds no read transaction open...
    Stmt q(db, "SELECT a FROM t ORDER BY a");
    ASSERT_TRUE(q.step());
  }
  EXPECT_EQ(busy_statements_on(db), 0);
  // ...and its next user starts from the first row, with no value left bound from before.
  Stmt q(db, "SELECT a FROM t ORDER BY a");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.i64(0), 0);
  Stmt p(db, "SELECT :x IS NULL");
  p.bind(":x", 5);
  ASSERT_TRUE(p.step());
  EXPECT_EQ(p.i64(0), 0);
}

TEST(StmtCache, TheSameTextTwiceAtOnceGetsTwoStatements) {
  TempDir d;
  Db db(d.file("x.db"));
  db.exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1), (2), (3);");
  const char* sql = "SELECT a FROM t WHERE a >= :min ORDER BY a";
  Stmt outer(db, sql);
  outer.bind(":min", 1);
  int pairs = 0;
  while (outer.step()) {
    Stmt inner(db, sql);  // the same text while the first is mid-way: its own statement
    inner.bind(":min", outer.i64(0));
    while (inner.step()) pairs++;
  }
  EXPECT_EQ(pairs, 3 + 2 + 1);
  EXPECT_LE(db.statements()->size(), 1u);
}

TEST(StmtCache, KeepsAtMostItsCapacity) {
  TempDir d;
  Db db(d.file("x.db"));
  for (size_t i = 0; i < StmtCache::kCapacity * 2; i++) {
    Stmt s(db, "SELECT " + std::to_string(i));
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.i64(0), static_cast<int64_t>(i));
  }
  EXPECT_EQ(db.statements()->size(), StmtCache::kCapacity);
  EXPECT_EQ(statements_on(db), static_cast<int>(StmtCache::kCapacity));
  // The newest are the ones kept: the last text is there, the first is not.
  const std::string last = "SELECT " + std::to_string(StmtCache::kCapacity * 2 - 1);
  { Stmt s(db, last); }
  EXPECT_EQ(statements_on(db), static_cast<int>(StmtCache::kCapacity));
  { Stmt s(db, "SELECT 0"); }
  EXPECT_EQ(statements_on(db), static_cast<int>(StmtCache::kCapacity));
}

TEST(StmtCache, ASchemaChangeEmptiesItAndQueriesSeeTheNewSchema) {
  TempDir d;
  Db db(d.file("x.db"));
  db.exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1);");
  auto columns = [&] {
    Stmt s(db, "SELECT * FROM t");
    s.step();
    return sqlite3_column_count(sqlite3_next_stmt(db.raw(), nullptr));
  };
  EXPECT_EQ(columns(), 1);
  EXPECT_EQ(db.statements()->size(), 1u);
  db.exec("ALTER TABLE t ADD COLUMN b TEXT");
  EXPECT_EQ(db.statements()->size(), 0u);
  EXPECT_EQ(statements_on(db), 0);
  EXPECT_EQ(columns(), 2);
  db.set_user_version(7);  // the end of a migration
  EXPECT_EQ(db.statements()->size(), 0u);
}

TEST(StmtCache, AStatementMayOutliveItsConnection) {
  TempDir d;
  auto db = std::make_unique<Db>(d.file("x.db"));
  db->exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1);");
  { Stmt kept(*db, "SELECT a FROM t"); }
  auto open = std::make_unique<Stmt>(*db, "SELECT a FROM t");
  ASSERT_TRUE(open->step());
  db.reset();     // the connection goes first (finalizing what it kept)...
  open.reset();   // ...and the statement still borrowed finalizes itself: no leak, no use after free
  Db again(d.file("x.db"));
  EXPECT_EQ(count_rows(again), 1);
}

TEST(StmtCache, AFailedStatementIsReusable) {
  TempDir d;
  Db db(d.file("x.db"));
  db.exec("CREATE TABLE t(a INTEGER PRIMARY KEY)");
  const char* sql = "INSERT INTO t(a) VALUES(:a)";
  Stmt(db, sql).bind(":a", 1).run();
  EXPECT_THROW(Stmt(db, sql).bind(":a", 1).run(), DbError);  // a broken constraint
  Stmt(db, sql).bind(":a", 2).run();
  EXPECT_EQ(count_rows(db), 2);
  EXPECT_THROW(Stmt(db, "SELECT nonsense FROM"), DbError);  // a text that does not prepare is not kept
  EXPECT_EQ(db.statements()->size(), 2u);                  // the INSERT and the count
}
