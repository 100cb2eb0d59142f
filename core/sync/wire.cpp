#include "core/sync/wire.h"
#include "core/base/json_limits.h"

#include <algorithm>
#include <initializer_list>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "core/sync/sync_proto.h"

namespace waymark::wire {

std::string field_name(const std::string& key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != '"'; });
  return plain ? key : nlohmann::json(key).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

using nlohmann::json;

namespace {

[[noreturn]] void refuse(const std::string& what) { throw WireError(what); }

void need_object(const json& j) {
  if (!j.is_object()) refuse("the body must be a JSON object");
}
// Strict bodies (the protocol lists every key): anything else is refused.
void only_keys(const json& j, std::initializer_list<const char*> keys) {
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; }))
      refuse(field_name(it.key()) + ": not a field of this body");
}
const json& need(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end()) refuse(std::string(k) + ": missing");
  return *it;
}
std::string req_str(const json& j, const char* k) {
  const json& v = need(j, k);
  if (!v.is_string()) refuse(std::string(k) + ": must be text");
  return v.get<std::string>();
}
int64_t req_int(const json& j, const char* k) {
  const json& v = need(j, k);
  if (!v.is_number_integer()) refuse(std::string(k) + ": must be a whole number");
  return v.get<int64_t>();
}
// Absent or null: none.
std::optional<std::string> opt_str(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) refuse(std::string(k) + ": must be text");
  return it->get<std::string>();
}
std::optional<int64_t> opt_int(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) refuse(std::string(k) + ": must be a whole number");
  return it->get<int64_t>();
}
std::string str_or(const json& j, const char* k) { return opt_str(j, k).value_or(std::string()); }
bool bool_or(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return false;
  if (!it->is_boolean()) refuse(std::string(k) + ": must be true or false");
  return it->get<bool>();
}
// "v": absent in bodies written before it existed, which are version 1.
int version_of(const json& j) {
  const int64_t v = opt_int(j, "v").value_or(1);
  if (v < 1) refuse("v: must be 1 or more");
  if (v > kWireVersion) refuse("v: written by a newer version (" + std::to_string(v) + ") than this one understands");
  return static_cast<int>(v);
}
void put_opt(json& j, const char* k, const std::optional<std::string>& v) {
  if (v) j[k] = *v;
}
bool lower_hex64(const std::string& h) {
  return h.size() == 64 &&
         std::all_of(h.begin(), h.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

// ---------------------------------------------------------------- outbox bodies
void to_json(json& j, const MessageBody& x) { j = json{{"v", x.v}, {"to", x.to}, {"text", x.text}}; }
void from_json(const json& j, MessageBody& x) {
  need_object(j);
  only_keys(j, {"v", "to", "text"});
  x.v = version_of(j);
  x.to = req_int(j, "to");
  x.text = req_str(j, "text");
  const size_t n = utf8_length(x.text);
  if (!utf8_valid(x.text) || n == 0 || n > sync::kMaxMessageChars)
    refuse("text: must be 1 to " + std::to_string(sync::kMaxMessageChars) + " characters of UTF-8");
}

void to_json(json& j, const ListingEnquiry& x) {
  j = json{{"v", x.v},         {"listing_id", x.listing_id}, {"kind", x.kind},         {"title", x.title},
           {"provider", x.provider}, {"place", x.place},     {"la_code", x.la_code},   {"start_date", x.start_date},
           {"duration", x.duration}, {"asked_at", x.asked_at}};
  put_opt(j, "la_name", x.la_name);
  put_opt(j, "title_cy", x.title_cy);
  put_opt(j, "read_in", x.read_in);
}
void from_json(const json& j, ListingEnquiry& x) {
  need_object(j);
  x.v = version_of(j);
  x.listing_id = req_str(j, "listing_id");
  x.kind = req_str(j, "kind");
  x.title = req_str(j, "title");
  x.provider = str_or(j, "provider");
  x.place = str_or(j, "place");
  x.la_code = str_or(j, "la_code");
  x.start_date = str_or(j, "start_date");
  x.duration = str_or(j, "duration");
  x.asked_at = req_int(j, "asked_at");
  x.la_name = opt_str(j, "la_name");
  x.title_cy = opt_str(j, "title_cy");
  x.read_in = opt_str(j, "read_in");
}

void to_json(json& j, const WorkerQuestion& x) {
  j = json{{"v", x.v}, {"topic", x.topic}, {"question", x.question}, {"asked_at", x.asked_at}};
}
void from_json(const json& j, WorkerQuestion& x) {
  need_object(j);
  x.v = version_of(j);
  x.topic = req_str(j, "topic");
  x.question = req_str(j, "question");
  x.asked_at = req_int(j, "asked_at");
}

std::string question_heading(const WorkerQuestion& q) {
  if (q.topic == kTopicReleaseArea) return "Where will I live?";
  return {};
}

Parsed<Enquiry> parse_enquiry(const json& j) {
  Parsed<Enquiry> out;
  if (j.is_object() && j.contains("topic")) {
    auto q = parse<WorkerQuestion>(j);
    if (q) out.value = Enquiry(*q);
    else out.error = q.error;
  } else {
    auto l = parse<ListingEnquiry>(j);
    if (l) out.value = Enquiry(*l);
    else out.error = l.error;
  }
  return out;
}

Parsed<Enquiry> parse_enquiry_text(const std::string& text) {
  const json j = parse_json_limited(text);
  if (j.is_discarded()) return Parsed<Enquiry>{std::nullopt, "not JSON"};
  return parse_enquiry(j);
}

void to_json(json& j, const MyViewsAnswer& x) {
  j = json{{"q", x.q}, {"title", x.title}, {"value", x.value}, {"skipped", x.skipped}, {"text", x.text}};
}
void from_json(const json& j, MyViewsAnswer& x) {
  need_object(j);
  x.q = req_str(j, "q");
  x.title = str_or(j, "title");
  x.value = j.contains("value") ? j["value"] : json(nullptr);
  x.skipped = bool_or(j, "skipped");
  x.text = str_or(j, "text");
}

void to_json(json& j, const MyViewsMeeting& x) { j = json{{"id", x.id}, {"type", x.type}, {"starts_at", x.starts_at}}; }
void from_json(const json& j, MyViewsMeeting& x) {
  need_object(j);
  x.id = req_int(j, "id");
  x.type = req_str(j, "type");
  x.starts_at = req_int(j, "starts_at");
}

void to_json(json& j, const MyViewsBody& x) {
  j = json{{"v", x.v},
           {"kind", "myviews"},
           {"form", x.form},
           {"form_version", x.form_version},
           {"child", x.child},
           {"lang", x.lang},
           {"meeting", x.meeting},
           {"started_at", x.started_at},
           {"finalized_at", x.finalized_at},
           {"supersedes", x.supersedes ? json(*x.supersedes) : json(nullptr)},
           {"answers", x.answers}};
}
void from_json(const json& j, MyViewsBody& x) {
  need_object(j);
  x.v = version_of(j);
  if (str_or(j, "kind") != "myviews") refuse("kind: must be \"myviews\"");
  x.form = req_str(j, "form");
  x.form_version = req_int(j, "form_version");
  x.child = req_str(j, "child");
  x.lang = req_str(j, "lang");
  x.meeting = need(j, "meeting").get<MyViewsMeeting>();
  x.started_at = req_int(j, "started_at");
  x.finalized_at = req_int(j, "finalized_at");
  x.supersedes = opt_str(j, "supersedes");
  const json& a = need(j, "answers");
  if (!a.is_array()) refuse("answers: must be a list");
  x.answers = a.get<std::vector<MyViewsAnswer>>();
}

// ---------------------------------------------------------------- /v1/up receipt
void to_json(json& j, const UpReceipt& x) {
  j = json{{"id", x.id}, {"status", x.status}};
  put_opt(j, "reason", x.reason);
  put_opt(j, "detail", x.detail);
  if (x.server_seq) j["server_seq"] = *x.server_seq;
  if (x.received_at) j["received_at"] = *x.received_at;
}
void from_json(const json& j, UpReceipt& x) {
  need_object(j);
  x.id = req_str(j, "id");
  x.status = req_str(j, "status");
  x.reason = opt_str(j, "reason");
  x.detail = opt_str(j, "detail");
  x.server_seq = opt_int(j, "server_seq");
  x.received_at = opt_int(j, "received_at");
}

// ---------------------------------------------------------------- feed changes
void to_json(json& j, const RosterChild& x) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
  j = json{{"v", x.v},       {"number", x.number},         {"first_name", x.first_name}, {"pin_hash", x.pin_hash},
           {"lang", x.lang}, {"dob", opt(x.dob)},          {"release_date", opt(x.release_date)},
           {"release_la", opt(x.release_la)},              {"wing", x.wing},             {"active", x.active}};
}
void from_json(const json& j, RosterChild& x) {
  need_object(j);
  x.v = version_of(j);
  x.number = req_str(j, "number");
  x.pin_hash = req_str(j, "pin_hash");
  if (x.pin_hash.rfind("$argon2id$", 0) != 0) refuse("pin_hash: must be an Argon2id hash");
  x.first_name = str_or(j, "first_name");
  x.lang = str_or(j, "lang");
  x.wing = str_or(j, "wing");
  x.dob = opt_str(j, "dob");
  x.release_date = opt_str(j, "release_date");
  x.release_la = opt_str(j, "release_la");
  x.active = bool_or(j, "active");
}

void to_json(json& j, const ContactChange& x) {
  j = json{{"v", x.v}, {"child", x.child}, {"worker_id", x.worker_id}, {"name", x.name}, {"org", x.org}, {"allowed", x.allowed}};
}
void from_json(const json& j, ContactChange& x) {
  need_object(j);
  x.v = version_of(j);
  x.child = req_str(j, "child");
  x.worker_id = req_int(j, "worker_id");
  x.name = str_or(j, "name");
  x.org = str_or(j, "org");
  x.allowed = bool_or(j, "allowed");
}

void to_json(json& j, const MeetingChange& x) {
  j = json{{"v", x.v},         {"id", x.id},     {"child", x.child},          {"kind", x.kind},
           {"date", x.date},   {"time", x.time}, {"place", x.place},          {"with_whom", x.with_whom},
           {"cancelled", x.cancelled}};
}
void from_json(const json& j, MeetingChange& x) {
  need_object(j);
  x.v = version_of(j);
  x.id = req_str(j, "id");
  if (x.id.empty()) refuse("id: must not be empty");
  x.child = req_str(j, "child");
  x.kind = str_or(j, "kind");
  x.date = str_or(j, "date");
  x.time = str_or(j, "time");
  x.place = str_or(j, "place");
  x.with_whom = str_or(j, "with_whom");
  x.cancelled = bool_or(j, "cancelled");
}

void to_json(json& j, const WorkerMessage& x) {
  j = json{{"v", x.v}, {"id", x.id}, {"child", x.child}, {"worker_id", x.worker_id}, {"text", x.text}, {"sent_at", x.sent_at}};
}
void from_json(const json& j, WorkerMessage& x) {
  need_object(j);
  x.v = version_of(j);
  x.id = req_str(j, "id");
  x.child = req_str(j, "child");
  x.worker_id = req_int(j, "worker_id");
  x.text = req_str(j, "text");
  x.sent_at = opt_int(j, "sent_at").value_or(0);
  if (x.id.empty() || x.text.empty()) refuse("a message needs an id and some text");
}

void to_json(json& j, const ReceiptChange& x) { j = json{{"v", x.v}, {"id", x.id}, {"state", x.state}, {"at", x.at}}; }
void from_json(const json& j, ReceiptChange& x) {
  need_object(j);
  x.v = version_of(j);
  x.id = req_str(j, "id");
  x.state = req_str(j, "state");
  if (x.id.empty()) refuse("id: must not be empty");
  if (x.state != "delivered" && x.state != "read") refuse("state: must be \"delivered\" or \"read\"");
  x.at = opt_int(j, "at").value_or(0);
}

void to_json(json& j, const ChildLeft& x) { j = json{{"v", x.v}, {"child", x.child}}; }
void from_json(const json& j, ChildLeft& x) {
  need_object(j);
  x.v = version_of(j);
  x.child = req_str(j, "child");
  if (x.child.empty() || x.child.size() > 16) refuse("child: 1 to 16 characters");
}

void to_json(json& j, const PackOffer& x) {
  j = json{{"v", x.v}, {"pack_id", x.pack_id}, {"version", x.version}, {"sha256", x.sha256}, {"size", x.size}, {"expires", x.expires}};
}
void from_json(const json& j, PackOffer& x) {
  need_object(j);
  x.v = version_of(j);
  x.pack_id = req_str(j, "pack_id");
  x.version = req_int(j, "version");
  x.sha256 = req_str(j, "sha256");
  x.size = req_int(j, "size");
  x.expires = req_str(j, "expires");
  if (x.pack_id.empty() || x.pack_id.size() > 64) refuse("pack_id: must be 1 to 64 characters");
  if (!lower_hex64(x.sha256)) refuse("sha256: must be 64 lowercase hex digits");
  if (x.version < 1) refuse("version: must be 1 or more");
  if (x.size < 1 || static_cast<uint64_t>(x.size) > sync::kMaxPackBytes) refuse("size: must be 1 byte to 64 MiB");
  if (!parse_date(x.expires)) refuse("expires: must be a date, YYYY-MM-DD");
}

void to_json(json& j, const HistoryRecord& x) {
  j = json{{"v", x.v},         {"id", x.id},       {"kind", x.kind},     {"child", x.child},
           {"body", x.body},   {"created_at", x.created_at}, {"state", x.state}, {"state_at", x.state_at}};
}
void from_json(const json& j, HistoryRecord& x) {
  need_object(j);
  x.v = version_of(j);
  x.id = req_str(j, "id");
  x.kind = req_str(j, "kind");
  x.child = req_str(j, "child");
  x.body = req_str(j, "body");
  x.created_at = req_int(j, "created_at");
  x.state = req_str(j, "state");
  x.state_at = opt_int(j, "state_at").value_or(x.created_at);
  if (!sync::is_hex_id(x.id)) refuse("id: must be a record id (32 hex digits)");
  if (x.child.empty() || x.child.size() > 16) refuse("child: 1 to 16 characters");
  if (x.state != "sent" && x.state != "delivered" && x.state != "read") refuse("state: must be \"sent\", \"delivered\" or \"read\"");
  if (x.body.size() > sync::kMaxBodyBytes) refuse("body: at most 64 KiB");
  if (x.created_at < 0 || x.state_at < 0) refuse("created_at, state_at: must not be negative");
}

}  // namespace waymark::wire
