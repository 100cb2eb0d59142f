// core/storage/checkpointer.h: WAL checkpoints on a thread of their own, for a process whose connections commit
// on behalf of people waiting for an answer (the gateway's request threads). By default SQLite checkpoints in
// whichever connection's commit takes the WAL past 1,000 pages: that one request copies the pages into the
// database file and fsyncs it before it can answer, while the writers queued behind it wait too. Here the
// attached connections only report the WAL's size after each commit, and this thread runs a PASSIVE checkpoint,
// which never blocks a writer or a reader (it copies what no reader still needs; SQLite starts the WAL again
// from its beginning at a later commit once all of it is copied).
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/storage/db.h"

namespace waymark {

class Checkpointer {
public:
  // `path` is the SQLite file; `pages` is the WAL size that asks for a checkpoint (SQLite's own default 1,000).
  explicit Checkpointer(std::string path, int pages = 1000);
  // Stops the thread after one last checkpoint. Every attached connection must be closed first.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // From now on `db` (a connection to the same file) leaves its checkpoints to this thread.
  void attach(Db& db);
  // How many checkpoints the thread has run (for tests).
  int runs() const;

private:
  void run();
  std::string path_;
  int pages_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  int runs_ = 0;
  std::thread thread_;
};

}  // namespace waymark
