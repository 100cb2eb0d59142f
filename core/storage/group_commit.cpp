#include "core/storage/group_commit.h"

namespace waymark {

void GroupCommit::run(Db& db, const std::function<void(Db&)>& step) {
  Job me{&step, nullptr, false};
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leading_) {
      finished_.wait(lock);
      continue;
    }
    // Lead: take everything handed in so far (our own step among it), run it outside the lock.
    leading_ = true;
    std::vector<Job*> batch;
    batch.swap(queue_);
    lock.unlock();
    run_batch(db, batch);
    lock.lock();
    for (Job* j : batch) j->done = true;
    counts_.commits++;
    counts_.steps += static_cast<long>(batch.size());
    leading_ = false;
    finished_.notify_all();  // the batch's callers, and the next leader among those who came meanwhile
  }
  lock.unlock();
  if (me.error) std::rethrow_exception(me.error);
}

void GroupCommit::run_batch(Db& db, const std::vector<Job*>& batch) {
  try {
    Txn t(db);
    if (batch.size() == 1) {  // alone: its failure is the transaction's, and a savepoint would cost two statements
      try {
        (*batch.front()->step)(db);
      } catch (...) {
        batch.front()->error = std::current_exception();
        return;  // t rolls back
      }
      t.commit();
      return;
    }
    for (Job* j : batch) {
      Savepoint sp(db);
      try {
        (*j->step)(db);
        sp.release();
      } catch (...) {
        j->error = std::current_exception();
        sp.undo();  // throws when the engine lost the whole transaction: the batch fails below
      }
    }
    t.commit();
  } catch (...) {
    const std::exception_ptr lost = std::current_exception();
    for (Job* j : batch)
      if (!j->error) j->error = lost;
  }
}

GroupCommit::Counts GroupCommit::counts() const {
  std::lock_guard lock(mu_);
  return counts_;
}

size_t GroupCommit::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

}  // namespace waymark
