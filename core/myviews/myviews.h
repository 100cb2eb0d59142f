// core/myviews/myviews.h: a child's My Views responses: drafts saved on every change, sending, and changes after
// sending. Nothing a child writes is lost: every answer change is one committed write transaction
// (synchronous=FULL), so a crash or power cut loses at most the keystroke in flight.
//
// Index
//  - Response / ResponseState : a draft or a sent response for one meeting, with its form id and version
//  - start / resume           : myviews_open_for_meeting (the draft in progress, else a new one)
//  - autosave                 : myviews_set_answer, myviews_skip, myviews_clear_answer, myviews_set_position
//  - send                     : myviews_send: freezes the response and adds it to the outbox in one transaction
//  - change after sending     : myviews_supersede: a new draft that says which sent response it replaces
//  - state for home           : myviews_state ("not started", "started", "sent", "read by your worker")
//  - followed from elsewhere  : myviews_place_sent (a transferred child's sent My Views; myviews_history.cpp)
//  - unsent, carried          : myviews_unsent, myviews_place_draft (a transferred child's drafts; myviews_carry.cpp)
//  - kMyViewsSql              : migration 21 (form versions, responses, answers)
//
// A child only reaches their own responses: every function takes the child's number and checks it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/clock.h"
#include "core/storage/db.h"
#include "core/myviews/forms.h"
#include "core/myviews/meetings.h"

namespace waymark {

extern const char* const kMyViewsSql;  // migration 21

struct Answer {
  nlohmann::json value;  // null when skipped
  bool skipped = false;
  int64_t rev = 0;       // how many times this answer changed
};

struct Response {
  int64_t id = 0;
  std::string child;
  int64_t meeting_id = 0;
  std::string form_id;
  int form_version = 0;
  bool sent = false;
  std::string current_q;       // where the child was (resume here)
  int64_t created_at = 0, updated_at = 0, sent_at = 0;
  std::string outbox_id;       // the id minted when sent
  int64_t supersedes = 0;      // local id of the sent response this one replaces (0: none)
  std::map<std::string, Answer> answers;
};

// Refused: the gateway refused the sent version (its reason is on the outbox item); it is never sent again.
enum class ViewsState { NotStarted, Started, Sent, Read, Refused };
const char* views_state_code(ViewsState s);  // "not_started", "started", "sent", "read", "refused"

struct SaveResult {
  bool ok = false;
  std::string error;  // plain reason (bad value, already sent, not yours)
};

// The draft for this meeting if there is one, else a new draft on the newest installed form version.
// Returns nullopt with a reason when no form is installed or the meeting is not the child's.
std::optional<Response> myviews_open_for_meeting(Db& db, const std::string& child, int64_t meeting_id,
                                                 const std::string& form_id, int64_t now_s, std::string* error);
std::optional<Response> myviews_get(Db& db, const std::string& child, int64_t response_id);
// The newest response (draft or sent) for a meeting, and the newest sent one.
std::optional<Response> myviews_latest(Db& db, const std::string& child, int64_t meeting_id);
std::optional<Response> myviews_latest_sent(Db& db, const std::string& child, int64_t meeting_id);
std::vector<Response> myviews_all(Db& db, const std::string& child);

// Autosave: each call is one committed transaction. Also moves the resume point to that question.
SaveResult myviews_set_answer(Db& db, const std::string& child, int64_t response_id, const std::string& qid,
                              const nlohmann::json& value, int64_t now_s);
SaveResult myviews_skip(Db& db, const std::string& child, int64_t response_id, const std::string& qid, int64_t now_s);
SaveResult myviews_clear_answer(Db& db, const std::string& child, int64_t response_id, const std::string& qid,
                                int64_t now_s);
SaveResult myviews_set_position(Db& db, const std::string& child, int64_t response_id, const std::string& qid,
                                int64_t now_s);

// Questions that must be answered before sending and are not (ids, in form order).
std::vector<std::string> myviews_missing(const FormDef& form, const Response& r);

struct SendResult {
  bool ok = false;
  std::string outbox_id;
  std::string error;
};
// Freezes the response (a trigger refuses any later change), writes the outbox record (kind "myviews")
// in the same transaction. `hook` (tests) runs inside the transaction after both writes, before commit.
SendResult myviews_send(Db& db, const std::string& child, int64_t response_id, const std::string& lang, int64_t now_s,
                        const std::function<void()>& hook = {});
// The outbox body a send writes (exposed for tests and the gateway's reader).
std::string myviews_body(const FormDef& form, const Response& r, const Meeting& m, const std::string& lang,
                         const std::string& supersedes_outbox_id, int64_t now_s);

// A change after sending: a new draft for the same meeting, on the newest form version, carrying over the
// answers that are still valid, marked as replacing the sent one. If such a draft exists, returns it.
std::optional<Response> myviews_supersede(Db& db, const std::string& child, int64_t sent_response_id,
                                          int64_t now_s, std::string* error);

// Into an empty draft: each answer that is valid for `form` (a question it has, a value it accepts, a skip only
// where skipping is allowed); the others are left out. Inside the caller's transaction. Returns how many.
int myviews_copy_answers(Db& db, int64_t response_id, const FormDef& form, const std::map<std::string, Answer>& answers,
                         int64_t now_s);

// The state home shows for a meeting.
ViewsState myviews_state(Db& db, const std::string& child, int64_t meeting_id);

// A My Views the child sent on another establishment's kiosk (record_id: its history record, core/messaging/
// history.h), made a sent response here: for the meeting of the same type and time (one is added when this kiosk
// has none), with the answers as sent, replacing the response it superseded. Inside the caller's transaction.
// False when it cannot be shown yet (its form version is not installed here); true when placed or already there.
namespace wire {
struct MyViewsBody;
}
bool myviews_place_sent(Db& db, const std::string& record_id, const std::string& child, const wire::MyViewsBody& body,
                        int64_t sent_at);

// A transferred child's unsent words (core/sync/carried_drafts.h). myviews_unsent: each draft of theirs here, as
// a draft body, its meeting named by the gateway's id. myviews_place_draft (inside the caller's transaction): one
// carried here put back as their draft for that meeting, on the newest version of its form with the answers that
// still fit; nothing when this kiosk has a draft as new or a response they sent since. False when it must wait
// (the meeting or any version of the form is not here yet), true when done.
namespace wire {
struct DraftBody;
}
std::vector<wire::DraftBody> myviews_unsent(Db& db, const std::string& child);
bool myviews_place_draft(Db& db, const wire::DraftBody& d);

// Demo data: meetings for 1001 and 1002 and the forms from assets/forms (called by seed_demo).
void seed_demo_myviews(Db& db, const Clock& clock);

}  // namespace waymark
