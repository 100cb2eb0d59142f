// core/sync/service.h: the kiosk's background sync. One thread with its own database connection runs a round
// (round.h) every interval, or soon after poke(); the UI thread never waits on the network. What the UI
// needs crosses back through two small doors read once per frame: status() (under a short lock) and
// generation() (an atomic bumped when a round changed local data, so screens know to re-read).
// Outbox writes wake it through one hook: wake_sync_on_outbox_writes (core/messaging/outbox.h).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/accounts/pin_seal.h"
#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark {

class SyncService {
public:
  struct Status {
    int64_t last_ok_ms = 0;     // gateway time of the last good round (0: never)
    bool last_failed = false;
    std::string last_error;
    int rounds = 0;
  };
  // db_path: the device database (opened again on the sync thread). clock: its floor is raised to the
  // gateway's time after each round (an atomic store; safe across threads).
  // seal: the device's PIN pepper (core/accounts/pin_seal.h), or null; it must outlive the service.
  SyncService(std::string db_path, OffsetClock& clock, int interval_ms = 30000, const PinSeal* seal = nullptr);
  ~SyncService();
  void start();
  void stop();
  void poke();          // sync soon (something was added to the outbox); safe from any thread
  Status status() const;
  // Bumped after every round that changed local data, so screens know to re-read.
  int64_t generation() const { return generation_.load(); }
  // Who is signed in at the kiosk now (empty: nobody); a transferred child is not removed while signed in.
  void set_signed_in(const std::string& child);

private:
  void loop();
  std::string db_path_;
  OffsetClock& clock_;
  int interval_ms_;
  const PinSeal* seal_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, poked_ = false;
  std::atomic<bool> cancel_{false};  // stops a pack download between chunks, so stop() does not wait for it
  Status status_;
  std::atomic<int64_t> generation_{0};
  std::string signed_in_;  // under mu_
};

// The one hook that wakes sync after outbox writes: every transaction on `db` (the UI thread's connection)
// that adds to the outbox pokes `sync` once it has committed. Pass nullptr to unhook (before `sync` goes).
void wake_sync_on_outbox_writes(Db& db, SyncService* sync);

}  // namespace waymark
