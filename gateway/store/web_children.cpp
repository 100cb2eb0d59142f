#include "gateway/store/web_children.h"

#include <string>

#include "core/base/json_limits.h"
#include "core/sync/wire.h"

namespace waymark::gateway {

using nlohmann::json;

// ================================================================= allocation
bool child_allocated(Db& db, int64_t worker_id, const std::string& child) {
  Stmt s(db,
         "SELECT 1 FROM contacts c JOIN workers w ON w.id = c.worker_id JOIN children ch ON ch.number = c.child "
         "WHERE c.child = :c AND c.worker_id = :w AND c.allowed = 1 AND w.active = 1 AND ch.active = 1");
  s.bind(":c", child).bind(":w", worker_id);
  return s.step();
}

namespace {
const char* kSummarySql =
    "SELECT ch.number, ch.first_name, coalesce(ch.release_date, ''), coalesce(ch.release_la, ''), ch.wing, ch.lang, "
    " (SELECT count(*) FROM records r WHERE r.child = ch.number AND r.worker_id = :w AND r.kind = 'message' "
    "    AND r.status = 'accepted' AND r.read_at IS NULL), "
    " (SELECT count(*) FROM records r WHERE r.child = ch.number AND r.kind = 'myviews' AND r.status = 'accepted'), "
    " (SELECT count(*) FROM records r WHERE r.child = ch.number AND r.kind = 'enquiry' AND r.status = 'accepted'), "
    " (SELECT count(*) FROM records r WHERE r.child = ch.number AND r.kind = 'plan_answer' AND r.status = 'accepted' "
    "    AND r.read_at IS NULL), "
    " (SELECT coalesce(max(version), 0) FROM plan_versions p WHERE p.child = ch.number), e.name "
    "FROM contacts c JOIN workers w ON w.id = c.worker_id JOIN children ch ON ch.number = c.child "
    "JOIN establishments e ON e.id = ch.establishment_id "
    "WHERE c.worker_id = :w AND c.allowed = 1 AND w.active = 1 AND ch.active = 1";

ChildSummary read_summary(Db& db, Stmt& s, const std::string& today) {
  ChildSummary c;
  c.number = s.text(0);
  c.first_name = s.text(1);
  c.release_date = s.text(2);
  c.release_la = s.text(3);
  c.wing = s.text(4);
  c.lang = s.text(5);
  c.unread = s.i32(6);
  c.myviews = s.i32(7);
  c.enquiries = s.i32(8);
  c.new_plan_answers = s.i32(9);
  c.plan_version = s.i64(10);
  c.establishment = s.text(11);
  Stmt m(db,
         "SELECT kind, date, time FROM meetings WHERE child = :c AND cancelled = 0 AND date >= :today "
         "ORDER BY date, time LIMIT 1");
  m.bind(":c", c.number).bind(":today", today);
  if (m.step()) {
    c.next_meeting_kind = m.text(0);
    c.next_meeting_date = m.text(1);
    c.next_meeting_time = m.text(2);
  }
  return c;
}
}  // namespace

std::vector<ChildSummary> allocated_children(Db& db, int64_t worker_id, const std::string& today) {
  std::vector<ChildSummary> out;
  Stmt s(db, std::string(kSummarySql) + " ORDER BY ch.first_name, ch.number");
  s.bind(":w", worker_id);
  while (s.step()) out.push_back(read_summary(db, s, today));
  return out;
}

std::optional<ChildSummary> allocated_child(Db& db, int64_t worker_id, const std::string& child, const std::string& today) {
  Stmt s(db, std::string(kSummarySql) + " AND ch.number = :c");
  s.bind(":w", worker_id).bind(":c", child);
  if (!s.step()) return std::nullopt;
  return read_summary(db, s, today);
}

// ================================================================= child data
std::vector<ConversationItem> conversation(Db& db, int64_t worker_id, const std::string& child) {
  std::vector<ConversationItem> out;
  Stmt s(db,
         "SELECT r.id, 1, r.body, r.received_at, CASE WHEN r.read_at IS NULL THEN 'new' ELSE 'read' END, w.name, r.rec_seq "
         "FROM records r JOIN workers w ON w.id = r.worker_id "
         "WHERE r.child = :c AND r.worker_id = :w AND r.kind = 'message' AND r.status = 'accepted' "
         "UNION ALL SELECT m.id, 0, m.text, m.sent_at, 'sent', w.name, 0 FROM worker_messages m "
         "JOIN workers w ON w.id = m.worker_id WHERE m.child = :c AND m.worker_id = :w "
         "ORDER BY 4, 7");
  s.bind(":c", child).bind(":w", worker_id);
  while (s.step()) {
    ConversationItem it;
    it.id = s.text(0);
    it.from_child = s.i64(1) != 0;
    it.text = s.text(2);
    if (it.from_child) {
      const auto body = wire::parse_text<wire::MessageBody>(it.text);
      it.text = body ? body->text : std::string();
    }
    it.at_ms = s.i64(3);
    it.state = s.text(4);
    it.worker_name = s.text(5);
    out.push_back(std::move(it));
  }
  return out;
}

std::vector<std::string> unread_ids(Db& db, int64_t worker_id, const std::string& child) {
  std::vector<std::string> out;
  Stmt s(db,
         "SELECT id FROM records WHERE child = :c AND worker_id = :w AND kind = 'message' AND status = 'accepted' "
         "AND read_at IS NULL ORDER BY rec_seq");
  s.bind(":c", child).bind(":w", worker_id);
  while (s.step()) out.push_back(s.text(0));
  return out;
}

namespace {
ChildRecord read_record(Stmt& s) {
  ChildRecord r;
  r.id = s.text(0);
  r.received_ms = s.i64(1);
  r.created_s = s.i64(2);
  // Stored before bodies were checked, a body may be anything: bounded like an upload, and not an object
  // (or not JSON at all) it is shown as its text.
  r.body = parse_json_limited(s.text(3));
  if (r.body.is_discarded() || !r.body.is_object()) r.body = json{{"text", s.text(3)}};
  return r;
}
}  // namespace

std::vector<ChildRecord> child_records(Db& db, const std::string& child, const std::string& kind) {
  std::vector<ChildRecord> out;
  Stmt s(db,
         "SELECT id, received_at, created_at, body FROM records WHERE child = :c AND kind = :k AND status = 'accepted' "
         "ORDER BY rec_seq DESC");
  s.bind(":c", child).bind(":k", kind);
  while (s.step()) out.push_back(read_record(s));
  return out;
}

std::optional<ChildRecord> child_record(Db& db, const std::string& child, const std::string& kind, const std::string& id) {
  Stmt s(db,
         "SELECT id, received_at, created_at, body FROM records WHERE child = :c AND kind = :k AND id = :id "
         "AND status = 'accepted'");
  s.bind(":c", child).bind(":k", kind).bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_record(s);
}

namespace {
WebMeeting read_meeting(Stmt& s) {
  return WebMeeting{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.i64(7) != 0};
}
}  // namespace

std::vector<WebMeeting> child_meetings(Db& db, const std::string& child) {
  std::vector<WebMeeting> out;
  Stmt s(db,
         "SELECT id, child, kind, date, time, place, with_whom, cancelled FROM meetings WHERE child = :c "
         "ORDER BY date, time, id");
  s.bind(":c", child);
  while (s.step()) out.push_back(read_meeting(s));
  return out;
}

std::optional<WebMeeting> meeting_by_id(Db& db, const std::string& id) {
  Stmt s(db, "SELECT id, child, kind, date, time, place, with_whom, cancelled FROM meetings WHERE id = :id");
  s.bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_meeting(s);
}

// ================================================================= view log
namespace {
bool looked_lately(Db& db, const std::string& actor, const std::string& child, const std::string& what, const std::string& ref,
                   int64_t now_ms) {
  Stmt s(db, "SELECT 1 FROM web_views WHERE child = :c AND actor = :a AND what = :w AND ref = :r AND at > :since");
  s.bind(":c", child).bind(":a", actor).bind(":w", what).bind(":r", ref).bind(":since", now_ms - kRepeatLookMs);
  return s.step();
}
}  // namespace

void log_view(Db& db, const Principal& who, const std::string& child, const std::string& what, int64_t now_ms,
              const std::string& ref) {
  const std::string actor = who.label();
  if (looked_lately(db, actor, child, what, ref, now_ms)) return;  // a read first: a reload costs no write
  Txn t(db);
  if (looked_lately(db, actor, child, what, ref, now_ms)) return;  // the same look from a second tab just now
  Stmt s(db, "INSERT INTO web_views(at, actor, child, what, ref) VALUES(:at, :a, :c, :w, :r)");
  s.bind(":at", now_ms).bind(":a", actor).bind(":c", child).bind(":w", what).bind(":r", ref).run();
  t.commit();
}

namespace {
std::vector<ViewRow> read_views(Stmt& s) {
  std::vector<ViewRow> out;
  while (s.step()) out.push_back(ViewRow{s.i64(0), s.text(1), s.text(2), s.text(3)});
  return out;
}
}  // namespace

std::vector<ViewRow> views_of_child(Db& db, const std::string& child, int limit) {
  Stmt s(db, "SELECT at, actor, child, what FROM web_views WHERE child = :c ORDER BY seq DESC LIMIT :n");
  s.bind(":c", child).bind(":n", limit);
  return read_views(s);
}

std::vector<ViewRow> recent_views(Db& db, int64_t establishment_id, int limit) {
  Stmt s(db,
         "SELECT v.at, v.actor, v.child, v.what FROM web_views v JOIN children ch ON ch.number = v.child "
         "WHERE ch.establishment_id = :e ORDER BY v.seq DESC LIMIT :n");
  s.bind(":e", establishment_id).bind(":n", limit);
  return read_views(s);
}

std::vector<RosterRow> roster(Db& db, int64_t establishment_id) {
  std::vector<RosterRow> out;
  Stmt s(db,
         "SELECT number, first_name, wing FROM children WHERE active = 1 AND establishment_id = :e "
         "ORDER BY wing, first_name, number");
  s.bind(":e", establishment_id);
  while (s.step()) out.push_back(RosterRow{s.text(0), s.text(1), s.text(2)});
  return out;
}

int64_t security_staff_establishment(Db& db, int64_t staff_id) {
  Stmt s(db, "SELECT establishment_id FROM security_staff WHERE id = :i");
  s.bind(":i", staff_id);
  return s.step() ? s.i64(0) : 0;
}

}  // namespace waymark::gateway
