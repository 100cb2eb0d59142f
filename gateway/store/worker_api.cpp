#include "gateway/store/worker_api.h"

#include <utility>
#include <vector>

#include "core/base/secrets.h"
#include "core/base/text.h"
#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"
#include "gateway/store/audit.h"
#include "gateway/store/checks.h"
#include "gateway/store/contacts.h"
#include "gateway/store/feed.h"
#include "gateway/store/sign_in.h"

namespace waymark::gateway {

using nlohmann::json;

namespace {
// Inside the caller's transaction: the record is read (and delivered, if it was not), and the device that
// sent it is told both.
void mark_read(Db& db, const std::string& record_id, const std::string& device_id, bool was_delivered, int64_t now_ms) {
  Stmt u(db, "UPDATE records SET read_at = :now, delivered_at = coalesce(delivered_at, :now) WHERE id = :id");
  u.bind(":now", now_ms).bind(":id", record_id).run();
  if (!was_delivered) emit_receipt(db, record_id, device_id, "delivered", now_ms);
  emit_receipt(db, record_id, device_id, "read", now_ms);
}
}  // namespace

json api_worker_session(Db& db, const json& req, const std::string& address, int64_t now_ms) {
  check_keys(req, {"email", "password"}, {});
  const SignInResult r = sign_in(db, SignInAttempt{str_field(req, "email", 120), str_field(req, "password", 256), address, "worker"}, now_ms);
  if (!r.who) throw ApiError(r.status, r.status == 429 ? "too_many_tries" : "bad_login", r.error);
  if (r.who->kind != PrincipalKind::Worker)
    throw ApiError(403, "not_a_worker", "Only YOT workers can use the worker API. Use the web pages instead.");
  const WebSession s = create_session(db, *r.who, now_ms, SessionVia::Bearer);
  return json{{"token", s.token}, {"worker_id", r.who->id}};
}

int64_t worker_from_token(Db& db, const std::string& bearer, int64_t now_ms) {
  const auto s = session_from_token(db, bearer, now_ms, SessionVia::Bearer);
  if (!s || s->who.kind != PrincipalKind::Worker) throw ApiError(401, "bad_token", "Please sign in again.");
  return s->who.id;
}

json api_worker_sign_out(Db& db, const std::string& bearer, int64_t now_ms) {
  if (!end_session(db, bearer, now_ms, SessionVia::Bearer)) throw ApiError(401, "bad_token", "Please sign in again.");
  return json{{"signed_out", true}, {"time_ms", now_ms}};
}

namespace {
// What the inbox shows of a record, and whom to tell it was delivered: id 0, child 1, first_name 2, body 3,
// received_at 4, delivered_at 5, read_at 6, device_id 7, the establishment's name 8.
constexpr const char* kInboxColumns =
    "SELECT r.id, r.child, ch.first_name, r.body, r.received_at, r.delivered_at, r.read_at, r.device_id, e.name FROM records r "
    "JOIN children ch ON ch.number = r.child JOIN establishments e ON e.id = ch.establishment_id ";

// The answers to "My plan" of the worker's allowed children (addressed to every contact, not to one worker),
// oldest first like the messages. Read as the messages are: "read" once the worker opened them (here through
// /v1/worker/read, or on the child's plan page).
json plan_answers_for(Db& db, int64_t worker_id, std::vector<std::pair<std::string, std::string>>& newly) {
  json out = json::array();
  Stmt s(db, std::string(kInboxColumns) + "JOIN contacts c ON c.child = r.child AND c.worker_id = :w "
                                           "WHERE r.kind = 'plan_answer' AND r.status = 'accepted' AND c.allowed = 1 ORDER BY r.rec_seq");
  s.bind(":w", worker_id);
  while (s.step()) {
    const auto a = wire::parse_text<wire::PlanAnswer>(s.text(3));
    if (!a) continue;  // a body that no longer parses is left out, as on the plan page
    out.push_back(json{{"id", s.text(0)}, {"child", s.text(1)}, {"first_name", s.text(2)}, {"establishment", s.text(8)},
                       {"pathway", a->pathway}, {"answer", a->answer}, {"text", a->text}, {"plan_version", a->plan_version},
                       {"received_at", s.i64(4) / 1000}, {"read", !s.is_null(6)}});
    if (s.is_null(5)) newly.emplace_back(s.text(0), s.text(7));
  }
  return out;
}
}  // namespace

json api_worker_inbox(Db& db, int64_t worker_id, int64_t now_ms) {
  Txn t(db);
  json out = json::array();
  std::vector<std::pair<std::string, std::string>> newly;  // id, device
  Stmt s(db, std::string(kInboxColumns) + "JOIN contacts c ON c.child = r.child AND c.worker_id = r.worker_id "
                                           "WHERE r.worker_id = :w AND r.kind = 'message' AND r.status = 'accepted' AND c.allowed = 1 "
                                           "ORDER BY r.rec_seq");
  s.bind(":w", worker_id);
  while (s.step()) {
    const auto body = wire::parse_text<wire::MessageBody>(s.text(3));
    const std::string text = body ? body->text : std::string();
    out.push_back(json{{"id", s.text(0)}, {"child", s.text(1)}, {"first_name", s.text(2)}, {"establishment", s.text(8)}, {"text", text},
                       {"received_at", s.i64(4) / 1000}, {"read", !s.is_null(6)}});
    if (s.is_null(5)) newly.emplace_back(s.text(0), s.text(7));
  }
  json answers = plan_answers_for(db, worker_id, newly);
  for (const auto& [id, dev] : newly) {
    Stmt u(db, "UPDATE records SET delivered_at = :now WHERE id = :id AND delivered_at IS NULL");
    u.bind(":now", now_ms).bind(":id", id).run();
    emit_receipt(db, id, dev, "delivered", now_ms);
  }
  t.commit();
  return json{{"messages", out}, {"plan_answers", answers}, {"time_ms", now_ms}};
}

json api_worker_read(Db& db, int64_t worker_id, const json& req, int64_t now_ms) {
  check_keys(req, {"ids"}, {});
  const json& ids = req.at("ids");
  if (!ids.is_array() || ids.size() > 500) bad("bad_request", "\"ids\" must be a list of up to 500 ids.");
  Txn t(db);
  int marked = 0;
  for (const json& v : ids) {
    if (!v.is_string() || !sync::is_hex_id(v.get_ref<const std::string&>())) bad("bad_request", "Every id must be 32 hex characters.");
    const std::string& id = v.get_ref<const std::string&>();
    // Messages to this worker, and answers to the plan of a child this worker is an allowed contact of.
    Stmt s(db, "SELECT device_id, delivered_at FROM records WHERE id = :id AND status = 'accepted' AND read_at IS NULL "
               "AND (worker_id = :w OR (kind = 'plan_answer' AND EXISTS (SELECT 1 FROM contacts c WHERE c.child = records.child "
               "AND c.worker_id = :w AND c.allowed = 1)))");
    s.bind(":id", id).bind(":w", worker_id);
    if (!s.step()) continue;
    mark_read(db, id, s.text(0), !s.is_null(1), now_ms);
    marked++;
  }
  t.commit();
  return json{{"marked", marked}, {"time_ms", now_ms}};
}

bool mark_record_opened(Db& db, const std::string& record_id, int64_t now_ms) {
  Txn t(db);
  Stmt s(db, "SELECT device_id, delivered_at FROM records WHERE id = :id AND status = 'accepted' AND read_at IS NULL "
             "AND kind IN ('myviews', 'enquiry', 'plan_answer')");
  s.bind(":id", record_id);
  if (!s.step()) return false;
  mark_read(db, record_id, s.text(0), !s.is_null(1), now_ms);
  t.commit();
  return true;
}

json api_worker_send(Db& db, int64_t worker_id, const json& req, int64_t now_ms) {
  check_keys(req, {"child", "text"}, {});
  const std::string& child = str_field(req, "child", 16);
  const std::string& text = str_field(req, "text", 8 * sync::kMaxMessageChars);
  const size_t n = utf8_length(text);
  if (n == 0 || n > sync::kMaxMessageChars || sanitize_text(text, sync::kMaxMessageChars, true) != text)
    bad("bad_text", "A message must be 1 to 1,000 printable characters.");
  Txn t(db);
  const auto wing = child_wing(db, child);
  if (!wing || !contact_allowed(db, child, worker_id))
    throw ApiError(403, "contact_not_allowed", "You are not an approved contact for that child.");
  const std::string id = random_id();
  Stmt s(db, "INSERT INTO worker_messages(id, worker_id, child, text, sent_at) VALUES(:id, :w, :c, :t, :now)");
  s.bind(":id", id).bind(":w", worker_id).bind(":c", child).bind(":t", text).bind(":now", now_ms).run();
  emit(db, *wing, std::nullopt, "message", wire::WorkerMessage{wire::kWireVersion, id, child, text, worker_id, now_ms / 1000});
  t.commit();
  return json{{"id", id}, {"time_ms", now_ms}};
}

}  // namespace waymark::gateway
