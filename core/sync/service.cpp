#include "core/sync/service.h"

#include <algorithm>
#include <chrono>

#include "core/storage/device_store.h"
#include "core/sync/round.h"
#include "core/sync/sync_state.h"

namespace waymark {

SyncService::SyncService(std::string db_path, OffsetClock& clock, int interval_ms, const PinSeal* seal)
    : db_path_(std::move(db_path)), clock_(clock), interval_ms_(interval_ms), seal_(seal) {}

SyncService::~SyncService() { stop(); }

void SyncService::start() {
  if (thread_.joinable()) return;
  stop_ = false;
  cancel_ = false;
  thread_ = std::thread([this] { loop(); });
}

void SyncService::stop() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncService::poke() {
  {
    std::lock_guard lk(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

void SyncService::set_signed_in(const std::string& child) {
  std::lock_guard lk(mu_);
  signed_in_ = child;
}

SyncService::Status SyncService::status() const {
  std::lock_guard lk(mu_);
  return status_;
}

void SyncService::loop() {
  try {
    Db db(db_path_);
    {
      std::lock_guard lk(mu_);
      status_.last_ok_ms = last_sync_ms(db);
    }
    const int64_t floor = gateway_time_floor(db);
    if (floor > 0) clock_.set_floor_ms(floor);
    SyncLink link;  // one connection (or TLS session) from round to round
    SyncOptions so;
    so.link = &link;
    so.cancel = &cancel_;
    so.pin_seal = seal_;
    so.in_session = [this](const std::string& child) {
      std::lock_guard lk(mu_);
      return !child.empty() && child == signed_in_;
    };
    for (;;) {
      SyncReport r = sync_once(db, clock_, so);
      {
        std::lock_guard lk(mu_);
        status_.rounds++;
        status_.last_failed = !r.ok;
        status_.last_error = r.ok ? r.pack_error : r.error;  // a pack still downloading is not a failed round
        if (r.ok) status_.last_ok_ms = r.gateway_time_ms;
      }
      if (r.gateway_time_ms > 0) clock_.set_floor_ms(r.gateway_time_ms);
      if (r.changes > 0 || r.sent > 0 || !r.pack_installed.empty()) generation_++;
      std::unique_lock lk(mu_);
      cv_.wait_for(lk, std::chrono::milliseconds(r.ok ? interval_ms_ : std::min(interval_ms_, 10000)),
                   [this] { return stop_ || poked_; });
      if (stop_) return;
      poked_ = false;
    }
  } catch (const std::exception& e) {
    std::lock_guard lk(mu_);
    status_.last_failed = true;
    status_.last_error = std::string("sync stopped: ") + e.what();
  }
}

void wake_sync_on_outbox_writes(Db& db, SyncService* sync) {
  if (sync) db.set_commit_listener([sync] { sync->poke(); });
  else db.set_commit_listener(nullptr);
}

}  // namespace waymark
