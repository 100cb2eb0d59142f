// tests/core/writer_gate_test.cpp: this process's writers of one SQLite file wait in turn, in arrival order, and
// are let in as soon as the writer before them finishes (core/storage/writer_gate.h), instead of polling the
// file lock with SQLite's growing sleeps; a writer in another process is still waited for with the busy
// timeout; and WAL checkpoints leave the committing connections for a thread of their own
// (core/storage/checkpointer.h).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "core/storage/checkpointer.h"
#include "core/storage/db.h"
#include "tests/core/test_dirs.h"
#include "tests/core/wait_until.h"

using namespace waymark;
using waymark::test::TempDir;
using waymark::test::wait_until;
using namespace std::chrono_literals;

namespace {
Db make_db(const std::string& path, int busy_ms = 5000) {
  Db db(path, DbOptions{.busy_timeout_ms = busy_ms});
  db.exec("CREATE TABLE IF NOT EXISTS t(x INTEGER, pad BLOB)");
  return db;
}

// WAL frames not yet copied into the database file, asked of a connection of its own.
// Returns {frames in the WAL, frames copied}, after waiting out a checkpoint running elsewhere (SQLITE_BUSY).
std::pair<int, int> checkpoint_probe(const std::string& path) {
  Db probe(path);
  int wal = 0, copied = 0;
  while (sqlite3_wal_checkpoint_v2(probe.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal, &copied) == SQLITE_BUSY)
    std::this_thread::sleep_for(1ms);
  return {wal, copied};
}
int wal_frames_left(const std::string& path) { return checkpoint_probe(path).first; }

// Each transaction adds `rows` rows of about two pages each.
void write_pages(Db& db, int transactions, int rows = 1) {
  for (int i = 0; i < transactions; ++i) {
    Txn t(db);
    for (int r = 0; r < rows; ++r) {
      Stmt s(db, "INSERT INTO t(x, pad) VALUES(:x, zeroblob(8000))");
      s.bind(":x", int64_t{i}).run();
    }
    t.commit();
  }
}
}  // namespace

TEST(WriterGate, WritersGoInTheOrderTheyCame) {
  auto gate = std::make_shared<WriterGate>();
  ASSERT_TRUE(gate->enter(1s));
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread> writers;
  for (int i = 0; i < 4; ++i) {
    writers.emplace_back([&, i] {
      ASSERT_TRUE(gate->enter(60s));
      {
        std::lock_guard lock(mu);
        order.push_back(i);
      }
      gate->leave();
    });
    wait_until([&] { return gate->waiting() == static_cast<size_t>(i + 1); });  // i is queued before i+1 starts
  }
  gate->leave();
  for (auto& w : writers) w.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(gate->waiting(), 0u);
}

TEST(WriterGate, AWriterThatGivesUpLeavesTheQueueAndTheOneBehindGoesOn) {
  auto gate = std::make_shared<WriterGate>();
  ASSERT_TRUE(gate->enter(1s));
  EXPECT_FALSE(gate->enter(20ms));  // held: it gives up
  EXPECT_EQ(gate->waiting(), 0u);
  bool later_got_in = false;
  std::thread later([&] {
    later_got_in = gate->enter(60s);
    if (later_got_in) gate->leave();
  });
  wait_until([&] { return gate->waiting() == 1; });
  gate->leave();
  later.join();
  EXPECT_TRUE(later_got_in);
}

TEST(WriterGate, ConnectionsToOneFileShareOneGateAndOthersDoNot) {
  TempDir dir;
  EXPECT_EQ(WriterGate::for_file(dir.file("a.db")), WriterGate::for_file(dir.path() + "/./a.db"));
  EXPECT_NE(WriterGate::for_file(dir.file("a.db")), WriterGate::for_file(dir.file("b.db")));
  EXPECT_EQ(WriterGate::for_file(":memory:"), nullptr);
  EXPECT_EQ(WriterGate::for_file(""), nullptr);
}

TEST(WriterGate, ASecondWriterInTheProcessWaitsItsTurnAndThenWrites) {
  TempDir dir;
  Db a = make_db(dir.file("g.db"));
  Db b = make_db(dir.file("g.db"));
  auto gate = WriterGate::for_file(dir.file("g.db"));
  auto held = std::make_unique<Txn>(a);
  std::thread second([&] {
    Txn t(b);  // queued behind `held`
    Stmt s(b, "INSERT INTO t(x) VALUES(2)");
    s.run();
    t.commit();
  });
  wait_until([&] { return gate->waiting() == 1; });
  Stmt s(a, "INSERT INTO t(x) VALUES(1)");
  s.run();
  held->commit();
  held.reset();
  second.join();
  Stmt rows(a, "SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY rowid)");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.text(0), "1,2");
}

TEST(WriterGate, AWriterKeptWaitingPastTheBusyTimeoutGetsAPlainErrorAndChangesNothing) {
  TempDir dir;
  Db a = make_db(dir.file("g.db"));
  Db b = make_db(dir.file("g.db"), 30);
  Txn held(a);
  try {
    Txn t(b);
    FAIL() << "a second writer got in while the first held the file";
  } catch (const DbError& e) {
    EXPECT_EQ(e.code(), SQLITE_BUSY);
    EXPECT_NE(std::string(e.what()).find("another writer in this program"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(b.in_transaction());
  EXPECT_EQ(WriterGate::for_file(dir.file("g.db"))->waiting(), 0u);
}

TEST(WriterGate, AWriterInAnotherProcessIsStillWaitedForAndAFailedBeginGivesTheTurnBack) {
  TempDir dir;
  Db a = make_db(dir.file("g.db"), 30);
  // A connection that is not a Db stands for another process: it takes the file lock without the gate.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("g.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_THROW(Txn t(a), DbError);  // BEGIN IMMEDIATE timed out on the file lock
  ASSERT_EQ(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  // The failed BEGIN left the gate: the next writer of this process is not kept out by it.
  Db b = make_db(dir.file("g.db"), 30);
  Txn t(b);
  t.commit();
  EXPECT_EQ(WriterGate::for_file(dir.file("g.db"))->waiting(), 0u);
}

TEST(Checkpointer, AnAttachedConnectionNoLongerCheckpointsInItsOwnCommit) {
  TempDir dir;
  const std::string path = dir.file("c.db");
  Db keep = make_db(path);  // keeps the WAL from being folded in by the last close
  {
    Checkpointer never(path, 1 << 30);
    Db db = make_db(path);
    never.attach(db);
    write_pages(db, 60, 10);  // about 1,200 pages: past SQLite's own 1,000-page checkpoint
    EXPECT_EQ(never.runs(), 0);
    EXPECT_GT(wal_frames_left(path), 1000);  // nobody copied them: the commit did not checkpoint
  }
  // A connection without one still checkpoints in its commit, as before.
  Db plain = make_db(path);
  plain.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  write_pages(plain, 60, 10);
  EXPECT_LT(wal_frames_left(path), 1000);
}

TEST(Checkpointer, ItsThreadCopiesTheWalOnceItIsLongEnough) {
  TempDir dir;
  const std::string path = dir.file("c.db");
  Db keep = make_db(path);
  Checkpointer checkpoints(path, 50);
  Db db = make_db(path);
  checkpoints.attach(db);
  write_pages(db, 10);  // about 20 pages: not yet
  EXPECT_EQ(checkpoints.runs(), 0);
  write_pages(db, 40);
  wait_until([&] { return checkpoints.runs() >= 1; });
  const auto [wal, copied] = checkpoint_probe(path);
  EXPECT_EQ(wal, copied);
  Stmt n(db, "SELECT count(*) FROM t");
  ASSERT_TRUE(n.step());
  EXPECT_EQ(n.i64(0), 50);
}
