// core/storage/group_commit.h: many callers' writes in one durable commit. A commit is the costly part of a short
// write (SQLite's fsync of the WAL, PostgreSQL's flush, and on PostgreSQL the gateway's writer lock held through
// it): when several requests each store a few records, the second waits for the first's flush, the third for
// both, and so on. Here the first caller to arrive leads: it opens one write transaction on its own connection,
// runs every step handed in by then (its own first), each in a savepoint of its own, commits once, and hands each
// caller its result; callers that arrive meanwhile wait and go together in the next commit. A step that throws
// has only its own changes undone, and its caller gets what it threw; the others commit. Nothing is answered
// before it is on disk.
//
// One GroupCommit serves one database (a gateway node keeps one for its store). A step may run on another
// caller's connection and thread, so it must use only the Db it is given and must not open a transaction.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "core/storage/db.h"

namespace waymark {

class GroupCommit {
public:
  // Runs `step` in a shared write transaction and returns once that transaction committed. Rethrows what the
  // step threw (its own changes undone), or the commit's error (nothing of the batch kept).
  void run(Db& db, const std::function<void(Db&)>& step);

  // Commits so far, and steps they carried (for tests and the benchmark).
  struct Counts {
    long commits = 0;
    long steps = 0;
  };
  Counts counts() const;
  // Steps handed in and not yet taken by a leader (for tests).
  size_t queued() const;

private:
  struct Job {
    const std::function<void(Db&)>* step;
    std::exception_ptr error;
    bool done = false;
  };
  static void run_batch(Db& db, const std::vector<Job*>& batch);
  mutable std::mutex mu_;
  std::condition_variable finished_;
  std::vector<Job*> queue_;  // handed in, not yet taken by a leader
  bool leading_ = false;     // a batch is running
  Counts counts_;
};

}  // namespace waymark
