#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "core/catalogue/pack.h"
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

// A shipped migration never changes: a device already past it would never see the change, so the schema would
// differ between devices. Each script is pinned by its SHA-256 (the scripts now live with the modules that own
// their tables, and 1, 12 and 50 are joined from parts: this proves the joins are byte for byte).
TEST(Storage, ShippedMigrationsAreByteForByteUnchanged) {
  const std::map<int, std::string> shipped = {
      {1, "81bd684c3f7fcafecace75af330273cfba0aba27cb6802b723c1810065dbb261"},
      {2, "878146201db2d5d55c7ea4e817de6978fd553217d2cc828be50918babdb25862"},
      {10, "b676c699e19743986f0c6602d4b521980a9097fe8d387e159a8b738b0a12dc60"},
      {11, "00428ea5babc9c55484eb0ce6d9d2ee56229511e868921e0d04ba88dfdea9e53"},
      {12, "7b0bb7a7ad3543dad405144ddf8e713923561bbc917fe29a43ef5e2cafca5809"},
      {13, "b9319d6ec893e36ac6462fabc3d57c6649f487f5309cc43ee28eee814aad670a"},
      {20, "65da12af9af075cf0f39eab75248981c1fdeb8c6aab750e7d30e45cd5332534c"},
      {21, "013b502ffad2a4c5cabf652a05645a919c836854224625cfbb740c4d1e61a2fa"},
      {30, "2a15c2233f7f17f7f98a5ea49a707368dc9ec453d1a31fe41e0d2b99a7786620"},
      {31, "52715a2e688bd46ae534e5c7989b9770fb03a3e5d32e3289a56bf1c43beb7d6a"},
      {40, "89be194683d1a4301580536ccae3a90a991d5a998b51ae98358a059add6dd2a7"},
      {50, "cca8d1fa8ac82ac0114fd18fce6066f46faebd072bdaae4dd5056ba741310d03"},
  };
  for (const Migration& m : device_migrations()) {
    auto it = shipped.find(m.version);
    if (it == shipped.end()) continue;  // newer than this list: add its hash here once it has shipped
    EXPECT_EQ(sha256_hex(m.sql), it->second) << "migration " << m.version << " (" << m.name << ") changed";
  }
  EXPECT_EQ(device_migrations().size() >= shipped.size(), true);
}

// One rule for transactions (core/storage/db.h): a step refuses to run outside one, an action refuses to nest.
TEST(Storage, TransactionRuleIsEnforced) {
  Db db(":memory:");
  migrate(db, device_migrations());
  EXPECT_FALSE(db.in_transaction());
  EXPECT_THROW(meta_set(db, "k", "v"), NotInTransaction);
  EXPECT_THROW(audit(db, 1, "tester", "x"), NotInTransaction);
  {
    Txn t(db);
    EXPECT_TRUE(db.in_transaction());
    meta_set(db, "k", "v");
    EXPECT_THROW({ Txn inner(db); }, DbError) << "an action that opens its own transaction must not run inside another";
    t.commit();
  }
  EXPECT_EQ(meta_get(db, "k"), "v");
}
