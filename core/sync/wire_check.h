// core/sync/wire_check.h: the gateway's strict reading of an outbox body a device uploads (/v1/up), so that
// only bodies of their wire type (wire.h) are ever stored. wire.h's parse<T> says whether a body can be read;
// this also says it has nothing else in it (no key the type does not have), that its text fits the limits
// below, and that it is about the record's own child. Records are immutable: what is stored stays forever,
// and every web page must be able to show it, so the check is at the door.
//
// Adding a record kind: add its check to upload_problem (wire_check.cpp) and the kind to kUploadKinds.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace waymark::wire {

// The record kinds a device may upload.
inline constexpr const char* kUploadKinds[] = {"message", "enquiry", "myviews", "plan_answer", "draft"};

// Limits on what an uploaded body may hold (code points of UTF-8; the whole body is at most 64 KiB).
inline constexpr size_t kMaxShortText = 200;     // a listing's title, provider, place; a question's title
inline constexpr size_t kMaxAnswerText = 4000;   // a My Views answer in words, a question to the worker
inline constexpr size_t kMaxAnswers = 100;       // answers in one My Views
inline constexpr size_t kMaxValueDepth = 4;      // nesting inside one My Views answer's raw value

// Why the body of an uploaded record of `kind` for `child` does not fit its wire type, in plain words naming
// the field ("answers 3, text: must be text"); empty when it fits.
std::string upload_problem(const std::string& kind, const std::string& child, const nlohmann::json& body);

struct HistoryRecord;
// The kiosk's reading of a "history" change (a record that followed a transferred child): the same door as an
// upload, so a kiosk stores only what a gateway would have accepted: a kind a device uploads, a sign-in number,
// and a body that upload_problem accepts for that kind and child. Empty when it fits.
std::string history_problem(const HistoryRecord& h);

}  // namespace waymark::wire
