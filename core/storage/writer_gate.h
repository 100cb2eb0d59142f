// core/storage/writer_gate.h: one queue, per database file in this process, for the connections that want to
// write it. SQLite lets one writer in at a time and makes the others poll: its busy handler sleeps 1, 2, 5, 10,
// ... up to 100 ms between tries, so a writer that arrives just after another can sleep 25 ms or more for a lock
// held 2 ms, and under a steady stream of writers the unlucky ones wait for several such sleeps (the gateway's
// p99 under messages was 89 ms while its median was 4). Waiting here instead, in arrival order, hands the lock
// straight to the next writer when the last one commits. BEGIN IMMEDIATE still runs after the gate, with the
// busy timeout, for writers in other processes (a `waymark-gateway` command beside `serve`, `waymarkctl`
// beside the kiosk).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

namespace waymark {

class WriterGate {
public:
  // The one gate for the file at `path` (by its canonical name), shared by every connection in this process;
  // null for an in-memory or temporary database, which no other connection can open.
  static std::shared_ptr<WriterGate> for_file(const std::string& path);

  // Waits in turn; false when `timeout` passed first (the caller's place in the queue is given up).
  bool enter(std::chrono::milliseconds timeout);
  void leave();
  // Writers waiting now (for tests).
  size_t waiting() const;

private:
  mutable std::mutex mu_;
  std::condition_variable turn_;
  std::deque<uint64_t> queue_;  // tickets of the writers waiting, in arrival order
  uint64_t next_ticket_ = 0;
  bool held_ = false;
};

}  // namespace waymark
