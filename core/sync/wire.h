// core/sync/wire.h: the bodies that travel between kiosk and gateway (docs/sync-protocol.md), each defined
// once as a C++ type with nlohmann's to_json/from_json, used by the kiosk that writes or reads them and by the
// gateway that reads or writes them, so neither side spells the other's key names.
//
// Index
//  - Parsed<T>, parse<T>, parse_text<T>: the only way to read a body: a value, or a refusal with a plain reason (a wrong
//                           type or a missing required field); never an exception to the caller
//  - outbox bodies        : kiosk -> gateway, the "body" text of a /v1/up record, by record kind:
//      MessageBody          "message": a child's message to a worker
//      ListingEnquiry       "enquiry": "I'm interested" in a course, apprenticeship or job
//      WorkerQuestion       "enquiry": a question to the worker ("Where will I live?"), told apart by `topic`
//      MyViewsBody          "myviews": a finalized My Views response
//      PlanAnswer           "plan_answer": a child's answer to one pathway of their plan (agree, talk, own goal)
//      DraftBody            "draft": words a transferred child had not sent (a My Views, an own goal), carried
//                           to their new kiosk as unfinished words (wire_draft.cpp; also the "draft" change)
//  - UpReceipt            : gateway -> kiosk, one per /v1/up record
//  - feed changes         : gateway -> kiosk, the "data" of a /v1/down change, by change kind:
//      RosterChild ("child"), ContactChange ("contact"), MeetingChange ("meeting"),
//      WorkerMessage ("message"), ReceiptChange ("receipt"), PackOffer ("pack"),
//      PlanChange ("plan": the newest plan version), ApplicationChange ("application": an enquiry's state),
//      ChildLeft ("child_left": the child was transferred to another establishment; the kiosk removes them),
//      HistoryRecord ("history": a record the child wrote on another establishment's kiosk, already sent),
//      DraftBody ("draft": the same body the old kiosk uploaded, to the child's new wing)
//
// Versions: every body carries "v" (kWireVersion when written). Records are immutable, so a body stored
// before "v" existed has none, and reads as version 1. A body of a newer version than this build knows is
// refused ("written by a newer version"). Outbox bodies that the gateway stores are read strictly where the
// protocol says so (a message: exactly to, text, v); feed changes tolerate keys they do not know, because a
// newer gateway may send more.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/base/json_limits.h"
#include "core/plan/plan.h"

namespace waymark::wire {

inline constexpr int kWireVersion = 1;  // the version this build writes and the newest it reads

// A refusal inside from_json (a wrong shape); parse<T> turns it into Parsed::error.
struct WireError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class T>
struct Parsed {
  std::optional<T> value;  // set when the body was understood
  std::string error;       // plain words when refused, e.g. "text: must be text"
  bool ok() const { return value.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
};

// ---------------------------------------------------------------- outbox bodies (kiosk -> gateway)
struct MessageBody {  // kind "message"
  int v = kWireVersion;
  int64_t to = 0;    // the worker's id (a contact of the child)
  std::string text;  // 1 to 1,000 code points, valid UTF-8
};

struct ListingEnquiry {  // kind "enquiry": the listing as the child saw it
  int v = kWireVersion;
  std::string listing_id, kind, title, provider, place, la_code, start_date, duration;
  int64_t asked_at = 0;             // unix seconds
  std::optional<std::string> la_name;   // the area's English name, when the device knows it
  std::optional<std::string> title_cy;  // the Welsh title the child read
  std::optional<std::string> read_in;   // "Welsh" when the child read it in Welsh
};

struct WorkerQuestion {  // kind "enquiry": a question for the worker, not about a listing
  int v = kWireVersion;
  std::string topic;     // "release_area": where the child will live after release
  std::string question;  // the words the child sent, in English
  int64_t asked_at = 0;  // unix seconds
};
inline constexpr const char* kTopicReleaseArea = "release_area";
// The worker-facing heading of a question ("Where will I live?"), or empty for a topic this build does not know.
std::string question_heading(const WorkerQuestion& q);

using Enquiry = std::variant<ListingEnquiry, WorkerQuestion>;

struct MyViewsAnswer {
  std::string q;               // the question's id in the form
  std::string title;           // the question as the child read it
  nlohmann::json value;        // the raw answer (null when unanswered)
  bool skipped = false;        // the child chose not to answer
  std::string text;            // the answer in plain words, in the child's language
};
struct MyViewsMeeting {
  int64_t id = 0;
  std::string type;            // meeting_type_code: "review", "planning", ...
  int64_t starts_at = 0;       // unix seconds
};
struct MyViewsBody {  // kind "myviews"
  int v = kWireVersion;
  std::string form;            // form id
  int64_t form_version = 0;
  std::string child;           // sign-in number
  std::string lang;            // "en" or "cy": what the child wrote in
  MyViewsMeeting meeting;
  int64_t started_at = 0, finalized_at = 0;
  std::optional<std::string> supersedes;  // the outbox id of the version this one replaces
  std::vector<MyViewsAnswer> answers;
};

struct PlanAnswer {  // kind "plan_answer": about one pathway of one plan version (docs/plan-format.md)
  int v = kWireVersion;
  std::string pathway;       // a plan::Pathway code: "accommodation", "ete", ...
  std::string answer;        // "agree" (that's right), "talk" (I want to talk about this), "own_goal"
  std::string text;          // own_goal: the child's goal, 1 to plan::kMaxGoalChars; otherwise empty
  int64_t plan_version = 0;  // the version the child read; the worker may have saved a newer one since
  int64_t answered_at = 0;   // unix seconds
  std::string lang;          // "en" or "cy": what the child read the plan in
};
inline constexpr const char* kPlanAnswers[] = {"agree", "talk", "own_goal"};

// "draft" (issue 14): what a child transferred away had started and not sent, uploaded by the old kiosk before it
// removes them and sent by the gateway, as the same body, to the kiosks of their new wing, which put it back as
// a draft they carry on with (core/sync/carried_drafts.h). Never shown to anyone but the child. Read strictly
// both ways (a key of the other `what`, or any unknown key, refuses it): only what a kiosk wrote travels.
struct DraftAnswer {
  std::string q;               // the question's id in the form
  nlohmann::json value;        // the raw answer (null when skipped)
  bool skipped = false;
};
inline constexpr const char* kDraftWhats[] = {"myviews", "plan_goal"};
struct DraftBody {
  int v = kWireVersion;
  std::string child;           // sign-in number
  std::string what;            // "myviews" or "plan_goal"
  int64_t updated_at = 0;      // unix seconds, when the child last changed it: the newer draft of a thing wins
  // what = "myviews": a draft for one meeting, named by the gateway's meeting id, and by its type and time
  std::string meeting, meeting_type;
  int64_t meeting_starts_at = 0;
  std::string form, current_q;  // current_q: where the child was ("" or "review" allowed)
  int64_t form_version = 0;
  std::optional<std::string> supersedes;  // a change after sending: the record id of the sent one it replaces
  std::vector<DraftAnswer> answers;
  // what = "plan_goal": the own goal being typed for one pathway
  std::string pathway, text;   // text: 1 to plan::kMaxGoalChars characters
};

// ---------------------------------------------------------------- /v1/up receipt (gateway -> kiosk)
struct UpReceipt {
  std::string id;
  std::string status;                // "accepted", "refused", "conflict"
  std::optional<std::string> reason; // refused: not_on_wing, contact_not_allowed, bad_body
  std::optional<std::string> detail; // bad_body: what does not fit, in plain words (wire_check.h)
  std::optional<int64_t> server_seq, received_at;
};

// ---------------------------------------------------------------- feed changes (gateway -> kiosk)
// What a roster change carries instead of a PIN hash when it goes where the child cannot sign in (a released
// child, the notice to the wing a child left): a well-formed Argon2id string that no PIN produces (its output
// is all zeros), so devices of every version take the change and none gets a hash to guess against.
inline constexpr const char* kNoPinHash =
    "$argon2id$v=19$m=65536,t=3,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
struct RosterChild {  // "child"
  int v = kWireVersion;
  std::string number, first_name, pin_hash, lang, wing;  // pin_hash: Argon2id, never a PIN
  std::optional<std::string> dob, release_date, release_la;
  bool active = false;
};
struct ContactChange {  // "contact"
  int v = kWireVersion;
  std::string child;
  int64_t worker_id = 0;
  std::string name, org;
  bool allowed = false;
};
struct MeetingChange {  // "meeting"
  int v = kWireVersion;
  std::string id, child, kind, date, time, place, with_whom;  // date YYYY-MM-DD, time HH:MM
  bool cancelled = false;
};
struct WorkerMessage {  // "message": a worker's reply to a child
  int v = kWireVersion;
  std::string id, child, text;
  int64_t worker_id = 0;
  int64_t sent_at = 0;  // unix seconds (gateway time)
};
struct ReceiptChange {  // "receipt"
  int v = kWireVersion;
  std::string id;     // the outbox id
  std::string state;  // "delivered" or "read"
  int64_t at = 0;     // unix seconds
};
struct PackOffer {  // "pack"
  int v = kWireVersion;
  std::string pack_id, sha256, expires;  // sha256: lowercase hex of the whole file; expires YYYY-MM-DD
  int64_t version = 0, size = 0;         // size in bytes, at most sync::kMaxPackBytes
};

struct ChildLeft {  // "child_left": to the wing a child was transferred away from (issue 14)
  int v = kWireVersion;
  std::string child;  // sign-in number; the kiosk removes every record of theirs once nothing of theirs waits
};

// "history": one record the child wrote on a kiosk of another establishment before a transfer (issue 14), sent to
// their new wing so their own messages, My Views, enquiries and plan answers follow them. The kiosk keeps it as
// already sent and never uploads it; wire_check.h's history_problem says whether it may be stored at all.
struct HistoryRecord {
  int v = kWireVersion;
  std::string id;          // the record's id, as the kiosk that wrote it minted it (32 hex)
  std::string kind;        // an upload kind: message, enquiry, myviews, plan_answer
  std::string child;       // sign-in number
  std::string body;        // the outbox body, verbatim (the text the gateway stores)
  int64_t created_at = 0;  // unix seconds, when the child sent it (the writing kiosk's clock)
  std::string state;       // "sent", "delivered" or "read"
  int64_t state_at = 0;    // unix seconds, when it reached that state
};

struct PlanChange {  // "plan": the child's newest plan, whole; a kiosk replaces what it had in one transaction
  int v = kWireVersion;
  std::string child;
  plan::Plan plan;  // version >= 1, saved_by and saved_at set; refused whole when any part is wrong
};
struct ApplicationChange {  // "application": where an "I'm interested" enquiry has got to
  int v = kWireVersion;
  std::string child, listing_id;
  std::string enquiry;             // the enquiry's outbox id, when the gateway has it
  std::string title, provider;     // as the child asked about it, so the kiosk can name it after a pack change
  std::string state;               // a plan::ApplicationState code: finding_out, application_sent, interview, ...
  std::string interview_on;        // YYYY-MM-DD, required for "interview", otherwise empty
  std::string reason;              // "not_this_time": a kind reason for the child, at most plan::kMaxReasonChars
  int64_t updated_at = 0;          // unix seconds (gateway time)
};

// ---------------------------------------------------------------- nlohmann adapters (throw WireError)
#define WAYMARK_WIRE_ADAPTERS(T)             \
  void to_json(nlohmann::json& j, const T& x); \
  void from_json(const nlohmann::json& j, T& x);
WAYMARK_WIRE_ADAPTERS(MessageBody)
WAYMARK_WIRE_ADAPTERS(ListingEnquiry)
WAYMARK_WIRE_ADAPTERS(WorkerQuestion)
WAYMARK_WIRE_ADAPTERS(MyViewsAnswer)
WAYMARK_WIRE_ADAPTERS(MyViewsMeeting)
WAYMARK_WIRE_ADAPTERS(MyViewsBody)
WAYMARK_WIRE_ADAPTERS(UpReceipt)
WAYMARK_WIRE_ADAPTERS(RosterChild)
WAYMARK_WIRE_ADAPTERS(ContactChange)
WAYMARK_WIRE_ADAPTERS(MeetingChange)
WAYMARK_WIRE_ADAPTERS(WorkerMessage)
WAYMARK_WIRE_ADAPTERS(ReceiptChange)
WAYMARK_WIRE_ADAPTERS(PackOffer)
WAYMARK_WIRE_ADAPTERS(PlanAnswer)
WAYMARK_WIRE_ADAPTERS(PlanChange)
WAYMARK_WIRE_ADAPTERS(ApplicationChange)
WAYMARK_WIRE_ADAPTERS(ChildLeft)
WAYMARK_WIRE_ADAPTERS(HistoryRecord)
WAYMARK_WIRE_ADAPTERS(DraftAnswer)
WAYMARK_WIRE_ADAPTERS(DraftBody)
#undef WAYMARK_WIRE_ADAPTERS

// ---------------------------------------------------------------- reading and writing
template <class T>
Parsed<T> parse(const nlohmann::json& j) {
  Parsed<T> out;
  try {
    out.value = j.get<T>();
  } catch (const std::exception& e) {  // WireError, or nlohmann's own for a shape we did not foresee
    out.value.reset();
    out.error = e.what();
  }
  return out;
}
// A field's name as a refusal may show it: as it is when plain printable ASCII, else quoted and escaped, so a
// hostile key (a NUL, a control character,
// broken UTF-8) can neither cut the message short nor reach a log raw.
std::string field_name(const std::string& key);

// From the text stored in an outbox record or the gateway's records table.
template <class T>
Parsed<T> parse_text(const std::string& text) {
  const nlohmann::json j = parse_json_limited(text);  // bounded: a stored body may be hostile
  if (j.is_discarded()) return Parsed<T>{std::nullopt, "not JSON"};
  return parse<T>(j);
}
// An enquiry body is a WorkerQuestion when it names a topic, otherwise a ListingEnquiry.
Parsed<Enquiry> parse_enquiry(const nlohmann::json& j);
Parsed<Enquiry> parse_enquiry_text(const std::string& text);

// The text an outbox record carries: what the gateway stores and compares byte for byte.
template <class T>
std::string body_text(const T& x) {
  return nlohmann::json(x).dump();
}

}  // namespace waymark::wire
