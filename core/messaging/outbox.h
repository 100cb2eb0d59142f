// core/messaging/outbox.h: what leaves the device. A record is finalized once: its id is minted here (128 random
// bits), its per-device sequence number is taken from a counter that only goes up, and its body is frozen
// (a trigger refuses any change to id, seq, kind, child or body). Only the delivery state moves:
//   waiting -> sent -> delivered -> read      (or refused, with a reason, when the gateway says no)
// outbox_add must run inside the caller's write transaction, together with the change that caused it
// (the "I'm interested" tap, the My Views send), so both happen or neither does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark {

extern const char* const kOutboxSql;  // migration 2

struct OutboxItem {
  std::string id;
  int64_t seq = 0;
  std::string kind;   // "message", "enquiry", "myviews"
  std::string child;  // sign-in number
  std::string body;   // JSON text, immutable
  int64_t created_at = 0;
  std::string state;  // "waiting", "sent", "delivered", "read", "refused"
  int64_t state_at = 0;
  int attempts = 0;
  std::string last_error;
};

// Adds a finalized record; returns its id. Inside a transaction (db.h).
std::string outbox_add(Db& db, const std::string& kind, const std::string& child, const std::string& body_json,
                       int64_t now_s);
std::vector<OutboxItem> outbox_pending(Db& db, int limit);  // waiting, in sequence order
std::vector<OutboxItem> outbox_for_child(Db& db, const std::string& child, const std::string& kind);
std::optional<OutboxItem> outbox_get(Db& db, const std::string& id);
// Moves the state forward only (a late "delivered" never overwrites "read"). Inside a transaction (db.h).
void outbox_advance(Db& db, const std::string& id, const std::string& state, int64_t now_s,
                    const std::string& error = {});
int outbox_state_rank(const std::string& state);

// What has not left yet, for IT (doctor, status, wipe): counts only, no bodies.
struct OutboxBacklog {
  int64_t waiting = 0;                      // not yet accepted by the gateway
  std::optional<int64_t> oldest_waiting_at; // created_at of the oldest waiting record; none when nothing waits
  int64_t total = 0;                        // every record, whatever its state
};
OutboxBacklog outbox_backlog(Db& db);

}  // namespace waymark
