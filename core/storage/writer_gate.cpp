#include "core/storage/writer_gate.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace waymark {

std::shared_ptr<WriterGate> WriterGate::for_file(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) return nullptr;
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) key = path;
  // Gates live as long as some connection holds them; the map keeps only weak references.
  static std::mutex registry_mu;
  static std::map<std::string, std::weak_ptr<WriterGate>> registry;
  std::lock_guard lock(registry_mu);
  if (auto gate = registry[key].lock()) return gate;
  auto gate = std::make_shared<WriterGate>();
  registry[key] = gate;
  std::erase_if(registry, [](const auto& kv) { return kv.second.expired(); });
  return gate;
}

bool WriterGate::enter(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  const uint64_t ticket = next_ticket_++;
  queue_.push_back(ticket);
  const bool mine = turn_.wait_for(lock, timeout, [&] { return !held_ && queue_.front() == ticket; });
  if (!mine) {
    queue_.erase(std::find(queue_.begin(), queue_.end(), ticket));
    turn_.notify_all();  // the writer behind may now be first
    return false;
  }
  queue_.pop_front();
  held_ = true;
  return true;
}

void WriterGate::leave() {
  {
    std::lock_guard lock(mu_);
    held_ = false;
  }
  turn_.notify_all();
}

size_t WriterGate::waiting() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

}  // namespace waymark
