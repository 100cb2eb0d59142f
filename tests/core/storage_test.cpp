#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "core/storage/db.h"
#include "core/storage/device_store.h"
#include "core/storage/migrations.h"
#include "tests/core/test_dirs.h"

using namespace waymark;
using waymark::test::TempDir;

TEST(Storage, OpensWithDurableSettings) {
  TempDir d;
  Db db(d.file("x.db"));
  EXPECT_EQ(db.pragma_text("journal_mode"), "wal");
  EXPECT_EQ(db.pragma_text("synchronous"), "2");  // FULL
  EXPECT_EQ(db.pragma_text("foreign_keys"), "1");
  EXPECT_NE(db.pragma_text("busy_timeout"), "0");
}

TEST(Storage, NamedBindsOnly) {
  TempDir d;
  Db db(d.file("x.db"));
  db.exec("CREATE TABLE t(a TEXT, b INTEGER)");
  Stmt ins(db, "INSERT INTO t(a, b) VALUES(:a, :b)");
  ins.bind(":a", "Robert'); DROP TABLE t;--").bind(":b", 7).run();
  Stmt q(db, "SELECT a, b FROM t");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "Robert'); DROP TABLE t;--");
  EXPECT_EQ(q.i64(1), 7);
  EXPECT_THROW(Stmt(db, "SELECT :x").bind(":nope", 1), DbError);
}

TEST(Storage, TransactionRollsBackUnlessCommitted) {
  TempDir d;
  Db db(d.file("x.db"));
  db.exec("CREATE TABLE t(a INTEGER)");
  {
    Txn t(db);
    Stmt(db, "INSERT INTO t VALUES(:v)").bind(":v", 1).run();
  }
  {
    Txn t(db);
    Stmt(db, "INSERT INTO t VALUES(:v)").bind(":v", 2).run();
    t.commit();
  }
  Stmt q(db, "SELECT group_concat(a) FROM t");
  q.step();
  EXPECT_EQ(q.text(0), "2");
}

TEST(Storage, MigrationsRunOnceInOrder) {
  TempDir d;
  Db db(d.file("x.db"));
  EXPECT_EQ(migrate(db, device_migrations()), device_migrations().back().version);
  EXPECT_EQ(db.user_version(), device_migrations().back().version);
  EXPECT_EQ(migrate(db, device_migrations()), device_migrations().back().version);  // again: nothing to do
}

TEST(Storage, RefusesADatabaseFromTheFuture) {
  TempDir d;
  Db db(d.file("x.db"));
  db.set_user_version(999);
  EXPECT_THROW(migrate(db, device_migrations()), DbError);
}

TEST(Storage, FailedMigrationLeavesThePreviousVersion) {
  TempDir d;
  Db db(d.file("x.db"));
  std::vector<Migration> ms = {{1, "one", "CREATE TABLE a(x INTEGER);"},
                               {2, "two", "CREATE TABLE b(x INTEGER); CREATE TABLE a(x INTEGER);"}};  // fails halfway
  EXPECT_THROW(migrate(db, ms), DbError);
  EXPECT_EQ(db.user_version(), 1);
  Stmt q(db, "SELECT count(*) FROM sqlite_master WHERE name = 'b'");
  q.step();
  EXPECT_EQ(q.i64(0), 0) << "half of migration 2 was kept";
}

// A process killed in the middle of a migration (after its SQL ran, before commit) leaves the database at
// the previous version with none of the half-done migration, and the next start completes it.
TEST(Storage, KillDuringMigrationIsSurvived) {
  TempDir d;
  const std::string path = d.file("x.db");
  for (int target = 1; target <= device_migrations().back().version; target++) {
    if (std::none_of(device_migrations().begin(), device_migrations().end(),
                     [&](const Migration& m) { return m.version == target; }))
      continue;
    pid_t pid = fork();
    if (pid == 0) {
      Db db(path);
      MigrateOptions o;
      o.before_commit = [&](int v) {
        if (v == target) kill(getpid(), SIGKILL);
      };
      migrate(db, device_migrations(), o);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child should have been killed in migration " << target;
    Db db(path);
    EXPECT_EQ(db.quick_check(), "ok");
    // the version before target in the list (numbers jump between the blocks each part owns)
    int previous = 0;
    for (const Migration& m : device_migrations())
      if (m.version < target) previous = m.version;
    EXPECT_EQ(db.user_version(), previous) << "killed in migration " << target;
  }
  Db db(path);
  migrate(db, device_migrations());
  EXPECT_EQ(db.user_version(), device_migrations().back().version);
  EXPECT_EQ(db.integrity_check(), "ok");
}

TEST(DeviceStore, CleanAndUncleanShutdown) {
  TempDir d;
  {
    DeviceOpenOptions o;
    o.track_running = true;
    auto r = open_device(d.path(), o);
    ASSERT_TRUE(r.db) << r.error;
    EXPECT_FALSE(r.was_unclean);
  }
  // still marked as running by this (live) process: not unclean
  {
    auto r = open_device(d.path());
    EXPECT_FALSE(r.was_unclean);
  }
  // a marker left by a process that is gone means the last run did not stop cleanly
  std::ofstream(d.file("waymark.running")) << 999999 << "\n";
  {
    auto r = open_device(d.path());
    ASSERT_TRUE(r.db) << r.error;
    EXPECT_TRUE(r.was_unclean);
  }
  mark_clean_shutdown(d.path());
  EXPECT_FALSE(open_device(d.path()).was_unclean);
}

TEST(DeviceStore, DamagedFileIsRefusedAndKept) {
  TempDir d;
  {
    auto r = open_device(d.path());
    ASSERT_TRUE(r.db);
    Txn t(*r.db);
    for (int i = 0; i < 200; i++) meta_set(*r.db, "k" + std::to_string(i), std::string(300, 'x'));
    t.commit();
    r.db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  // scribble over the middle of the file, as a failing disk might
  const std::string path = device_db_path(d.path());
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    std::string junk(3000, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  std::ifstream before(path, std::ios::binary);
  std::string bytes_before((std::istreambuf_iterator<char>(before)), {});
  std::ofstream(d.file("waymark.running")) << 999999 << "\n";
  auto r = open_device(d.path());
  EXPECT_FALSE(r.db);
  EXPECT_NE(r.error.find("damaged"), std::string::npos) << r.error;
  std::ifstream after(path, std::ios::binary);
  std::string bytes_after((std::istreambuf_iterator<char>(after)), {});
  EXPECT_EQ(bytes_before, bytes_after) << "the damaged file must be left exactly as it was";
}

TEST(DeviceStore, AuditIsAppendOnly) {
  TempDir d;
  auto r = open_device(d.path());
  ASSERT_TRUE(r.db);
  {
    Txn t(*r.db);
    audit(*r.db, 1, "tester", "did-a-thing");
    t.commit();
  }
  EXPECT_THROW(r.db->exec("UPDATE audit SET actor = 'someone else'"), DbError);
  EXPECT_THROW(r.db->exec("DELETE FROM audit"), DbError);
}
