// gateway/store/web_children.h: what the web inbox and the security review read about children, and the view
// log of who looked at what. The pages check allocation before they read (gateway/web/request.h).
//
// Index
//  - allocation : which children a worker may see (an allowed contact row; see docs/web-inbox.md)
//  - child data : conversation, My Views and enquiry records, meetings
//  - view log   : append-only record of who looked at which child's data
//  - roster     : the establishment's whole roster, for the security review
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"
#include "gateway/store/web_accounts.h"

namespace waymark::gateway {

// ---------------------------------------------------------------- allocation
// A child is allocated to a worker when the contacts row (child, worker) has allowed = 1, and both the
// worker and the child are active. This is the same rule the device API uses for who a child may message.
bool child_allocated(Db& db, int64_t worker_id, const std::string& child);

struct ChildSummary {
  std::string number, first_name, release_date, release_la, wing, lang;
  std::string establishment;  // its name: a worker's children may be in several establishments
  std::string next_meeting_kind, next_meeting_date, next_meeting_time;  // empty when none is booked
  int unread = 0;
  int myviews = 0;
  int enquiries = 0;
  int new_plan_answers = 0;   // the child's answers to the plan the worker has not opened yet
  int64_t plan_version = 0;   // 0: no plan yet
};
std::vector<ChildSummary> allocated_children(Db& db, int64_t worker_id, const std::string& today);
std::optional<ChildSummary> allocated_child(Db& db, int64_t worker_id, const std::string& child,
                                            const std::string& today);

// ---------------------------------------------------------------- child data
struct ConversationItem {
  std::string id;
  bool from_child = false;
  std::string text;
  int64_t at_ms = 0;
  std::string state;  // from the child: "new" (not read yet) or "read"; to the child: "sent"
  std::string worker_name;
};
// Messages between this worker and the child, oldest first.
std::vector<ConversationItem> conversation(Db& db, int64_t worker_id, const std::string& child);
std::vector<std::string> unread_ids(Db& db, int64_t worker_id, const std::string& child);

struct ChildRecord {
  std::string id;
  int64_t received_ms = 0, created_s = 0;
  nlohmann::json body;  // parsed; always an object (a body that is not one, or not JSON, is {"text": raw})
};
// Accepted records of a kind ("myviews" or "enquiry") for the child, newest first.
std::vector<ChildRecord> child_records(Db& db, const std::string& child, const std::string& kind);
std::optional<ChildRecord> child_record(Db& db, const std::string& child, const std::string& kind,
                                        const std::string& id);

struct WebMeeting {
  std::string id, child, kind, date, time, place, with_whom;
  bool cancelled = false;
};
std::vector<WebMeeting> child_meetings(Db& db, const std::string& child);
std::optional<WebMeeting> meeting_by_id(Db& db, const std::string& id);

// ---------------------------------------------------------------- view log
// `what` is what was looked at, in words ("Meetings", "My Views for the review meeting, Tue 3 Dec 2026");
// `ref` the record or meeting id when it was one (never shown: it keeps two records with the same words apart).
// A look by the same person at the same thing of the same child within kRepeatLookMs of the last one
// written is the same look: nothing more is written, so reloading a page does not fill the log.
inline constexpr int64_t kRepeatLookMs = 5 * 60 * 1000;
void log_view(Db& db, const Principal& who, const std::string& child, const std::string& what, int64_t now_ms,
              const std::string& ref = "");
struct ViewRow {
  int64_t at_ms = 0;
  std::string actor, child, what;
};
std::vector<ViewRow> views_of_child(Db& db, const std::string& child, int limit);
// The latest looks at children now at one establishment (a security reviewer sees only their own).
std::vector<ViewRow> recent_views(Db& db, int64_t establishment_id, int limit);

// One establishment's whole roster (for its security review): number, first name, wing.
struct RosterRow {
  std::string number, first_name, wing;
};
std::vector<RosterRow> roster(Db& db, int64_t establishment_id);
// The establishment a security staff member reviews (gateway migration 107; 1 for staff from before).
int64_t security_staff_establishment(Db& db, int64_t staff_id);

}  // namespace waymark::gateway
