#include "core/storage/checkpointer.h"

#include <sqlite3.h>

#include <cstdio>

namespace waymark {

Checkpointer::Checkpointer(std::string path, int pages) : path_(std::move(path)), pages_(pages) {
  thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::attach(Db& db) {
  db.set_wal_listener([this](int pages) {
    if (pages < pages_) return;
    {
      std::lock_guard lock(mu_);
      due_ = true;
    }
    wake_.notify_one();
  });
}

int Checkpointer::runs() const {
  std::lock_guard lock(mu_);
  return runs_;
}

void Checkpointer::run() {
  std::unique_ptr<Db> db;
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return due_ || stopping_; });
    const bool last = stopping_;
    due_ = false;
    lock.unlock();
    try {
      if (!db) db = std::make_unique<Db>(path_, DbOptions{.create = false});
      int wal = 0, copied = 0;
      const int rc = sqlite3_wal_checkpoint_v2(db->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal, &copied);
      // BUSY: another checkpoint (a command's, or the file's last close) is running; the next commit asks again.
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        std::fprintf(stderr, "waymark: checkpoint of %s failed: %s\n", path_.c_str(), sqlite3_errstr(rc));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "waymark: checkpoint of %s failed: %s\n", path_.c_str(), e.what());
    }
    lock.lock();
    ++runs_;
    if (last) return;
  }
}

}  // namespace waymark
