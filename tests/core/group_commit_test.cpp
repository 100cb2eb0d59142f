// tests/core/group_commit_test.cpp: writes handed in while another commit is running go together in the next
// one (core/storage/group_commit.h); a step that fails has only its own changes undone; a transaction lost as
// a whole fails every caller in it and keeps nothing; nobody returns before their write is committed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/storage/db.h"
#include "core/storage/group_commit.h"
#include "tests/core/test_dirs.h"
#include "tests/core/wait_until.h"

using namespace waymark;
using waymark::test::TempDir;
using waymark::test::wait_until;
using namespace std::chrono_literals;

namespace {
Db open_db(const TempDir& dir) {
  Db db(dir.file("g.db"));
  db.exec("CREATE TABLE IF NOT EXISTS t(x INTEGER PRIMARY KEY)");
  return db;
}

void insert(Db& db, int64_t x) {
  Stmt s(db, "INSERT INTO t(x) VALUES(:x)");
  s.bind(":x", x).run();
}

std::string rows(Db& db) {
  Stmt s(db, "SELECT coalesce(group_concat(x), '') FROM (SELECT x FROM t ORDER BY x)");
  s.step();
  return s.text(0);
}

// Runs `first` as the leader's step, and, while it runs, hands in `others` one after another (each queued
// before the next starts), so they all go in the next commit, in that order. Returns what each of `others` threw.
std::vector<std::string> batch_behind(const TempDir& dir, GroupCommit& gc, const std::function<void(Db&)>& first,
                                      const std::vector<std::function<void(Db&)>>& others) {
  std::atomic<bool> leader_running{false}, release_leader{false};
  std::thread leader([&] {
    Db db = open_db(dir);
    gc.run(db, [&](Db& w) {
      first(w);
      leader_running = true;
      wait_until([&] { return release_leader.load(); });
    });
  });
  wait_until([&] { return leader_running.load(); });
  std::vector<std::string> errors(others.size());
  std::vector<std::thread> followers;
  for (size_t i = 0; i < others.size(); ++i) {
    followers.emplace_back([&, i] {
      Db db = open_db(dir);
      try {
        gc.run(db, others[i]);
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
    wait_until([&] { return gc.queued() == i + 1; });
  }
  release_leader = true;
  leader.join();
  for (auto& f : followers) f.join();
  return errors;
}
}  // namespace

TEST(GroupCommit, StepsHandedInDuringACommitGoTogetherInTheNext) {
  TempDir dir;
  GroupCommit gc;
  const auto errors = batch_behind(dir, gc, [](Db& w) { insert(w, 1); },
                                   {[](Db& w) { insert(w, 2); }, [](Db& w) { insert(w, 3); },
                                    [](Db& w) { insert(w, 4); }});
  EXPECT_EQ(errors, (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(gc.counts().commits, 2);  // the leader's own, then the three together
  EXPECT_EQ(gc.counts().steps, 4);
  Db check = open_db(dir);
  EXPECT_EQ(rows(check), "1,2,3,4");
}

TEST(GroupCommit, AStepThatFailsHasOnlyItsOwnChangesUndone) {
  TempDir dir;
  GroupCommit gc;
  const auto errors = batch_behind(dir, gc, [](Db& w) { insert(w, 1); },
                                   {[](Db& w) { insert(w, 2); },
                                    [](Db& w) {
                                      insert(w, 3);
                                      throw std::runtime_error("that record cannot be stored");
                                    },
                                    [](Db& w) { insert(w, 2); },  // a constraint failure: undone alone too
                                    [](Db& w) { insert(w, 4); }});
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "that record cannot be stored");
  EXPECT_NE(errors[2], "");
  EXPECT_EQ(errors[3], "");
  Db check = open_db(dir);
  EXPECT_EQ(rows(check), "1,2,4");
}

TEST(GroupCommit, ATransactionLostAsAWholeFailsEveryCallerInItAndKeepsNothing) {
  TempDir dir;
  GroupCommit gc;
  const auto errors = batch_behind(dir, gc, [](Db& w) { insert(w, 1); },
                                   {[](Db& w) { insert(w, 2); },
                                    [](Db& w) {
                                      Stmt s(w, "ROLLBACK");  // as the engine does on a full disk
                                      s.run();
                                    },
                                    [](Db& w) { insert(w, 4); }});
  for (const std::string& e : errors) EXPECT_NE(e, "") << "a caller was told its write was kept";
  Db check = open_db(dir);
  EXPECT_EQ(rows(check), "1");
  // The next write goes through as usual.
  gc.run(check, [](Db& w) { insert(w, 5); });
  EXPECT_EQ(rows(check), "1,5");
}

TEST(GroupCommit, NobodyReturnsBeforeTheirWriteIsCommitted) {
  TempDir dir;
  GroupCommit gc;
  std::vector<std::thread> callers;
  std::atomic<int> seen_committed{0};
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&, i] {
      Db db = open_db(dir);
      for (int k = 0; k < 20; ++k) {
        const int64_t x = i * 100 + k;
        gc.run(db, [x](Db& w) { insert(w, x); });
        Db other = open_db(dir);  // another connection sees it at once
        Stmt s(other, "SELECT 1 FROM t WHERE x = :x");
        s.bind(":x", x);
        if (s.step()) seen_committed++;
      }
    });
  }
  for (auto& c : callers) c.join();
  EXPECT_EQ(seen_committed.load(), 160);
  EXPECT_EQ(gc.counts().steps, 160);
  EXPECT_LE(gc.counts().commits, 160);
}
