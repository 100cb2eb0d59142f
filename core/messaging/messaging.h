// core/messaging/messaging.h: messages between a child and the contacts the establishment approved.
// A message is an outbox record (kind "message", body {"to": WORKER_ID, "text": "..."}) added in the same
// transaction as the send tap; replies arrive by sync in the inbox table. See docs/sync-protocol.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark {

inline constexpr size_t kMessageMaxChars = 1000;

struct Contact {
  int64_t worker_id = 0;
  std::string name;
  std::string org;
  int unread = 0;  // replies the child has not opened yet
};
// Only allowed contacts, by name.
std::vector<Contact> approved_contacts(Db& db, const std::string& child);

struct ConversationItem {
  bool from_child = false;
  std::string text;
  int64_t at_s = 0;
  std::string state;  // child's messages: waiting, sent, delivered, read, refused; replies: empty
  std::string id;
};
// The child's messages to this contact and the contact's replies, oldest first.
std::vector<ConversationItem> conversation(Db& db, const std::string& child, int64_t worker_id);
// Marks the contact's replies as seen by the child.
void mark_seen(Db& db, const std::string& child, int64_t worker_id, int64_t now_s);

enum class SendStatus { Ok, Empty, TooLong, NotAllowed };
struct SendResult {
  SendStatus status = SendStatus::Ok;
  std::string id;  // outbox id when Ok
};
// Validates (approved contact, 1 to 1,000 characters after cleaning) and adds to the outbox in one transaction.
SendResult send_message(Db& db, const std::string& child, int64_t worker_id, const std::string& text, int64_t now_s);

// Drafts: saved as the child types (empty text deletes), removed when the message is sent.
std::string load_draft(Db& db, const std::string& child, int64_t worker_id);
void save_draft(Db& db, const std::string& child, int64_t worker_id, const std::string& text, int64_t now_s);

}  // namespace waymark
