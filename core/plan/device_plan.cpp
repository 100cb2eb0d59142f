// core/plan/device_plan.cpp: the kiosk's copy of each child's plan and enquiry states (see device_plan.h).
#include "core/plan/device_plan.h"

#include "core/base/dates.h"

namespace waymark {

// 51 (first part): "My plan" on the device (issue 15). Bodies are the plan's JSON (docs/plan-format.md), checked
// by plan::parse_plan before they are stored.
const char* const kPlanDeviceSql = R"SQL(
CREATE TABLE plans (
  child       TEXT PRIMARY KEY,
  version     INTEGER NOT NULL,         -- the gateway's version number; only a newer one replaces the row
  body        TEXT NOT NULL,            -- the whole plan, JSON
  received_at INTEGER NOT NULL
) STRICT;

-- The plan as the child last looked at it: "what changed since you last looked" compares with this.
CREATE TABLE plan_seen (
  child   TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  body    TEXT NOT NULL,
  seen_at INTEGER NOT NULL
) STRICT;

CREATE TABLE applications (
  child        TEXT NOT NULL,
  listing_id   TEXT NOT NULL,
  enquiry      TEXT NOT NULL,           -- the enquiry's outbox id, or empty
  title        TEXT NOT NULL,
  provider     TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('finding_out','application_sent','interview','place_offered',
                                              'place_confirmed','not_this_time')),
  interview_on TEXT NOT NULL,
  reason       TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (child, listing_id)
) STRICT;

-- An own goal the child is still typing, per pathway.
CREATE TABLE plan_drafts (
  child      TEXT NOT NULL,
  pathway    TEXT NOT NULL,
  text       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (child, pathway)
) STRICT;
)SQL";

// 51 (second part): the outbox's kind list gains "plan_answer". SQLite cannot change a CHECK in place, so the
// table is rebuilt by its documented procedure (copy, drop, rename, recreate the indexes and the trigger) with
// foreign keys off for this one migration and checked before it commits (core/storage/migrations.cpp).
const char* const kOutboxPlanAnswerSql = R"SQL(
CREATE TABLE outbox_new (
  id         TEXT PRIMARY KEY,
  seq        INTEGER NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('message','enquiry','myviews','plan_answer')),
  child      TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state      TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','sent','delivered','read','refused')),
  state_at   INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;
INSERT INTO outbox_new(id, seq, kind, child, body, created_at, state, state_at, attempts, last_error)
  SELECT id, seq, kind, child, body, created_at, state, state_at, attempts, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_by_state ON outbox(state, seq);
CREATE INDEX outbox_by_child ON outbox(child, kind, seq);
CREATE TRIGGER outbox_immutable BEFORE UPDATE OF id, seq, kind, child, body, created_at ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox records are immutable; supersede with a new record'); END;
)SQL";

namespace plan {

bool store_plan(Db& db, const std::string& child, const Plan& p, int64_t now_s) {
  Stmt s(db,
         "INSERT INTO plans(child, version, body, received_at) VALUES(:c, :v, :b, :now) "
         "ON CONFLICT(child) DO UPDATE SET version = excluded.version, body = excluded.body, "
         "received_at = excluded.received_at WHERE excluded.version > plans.version");
  s.bind(":c", child).bind(":v", p.version).bind(":b", plan_to_json(p).dump()).bind(":now", now_s).run();
  return db.changes() > 0;
}

namespace {
std::optional<Plan> read_body(Db& db, const char* sql, const std::string& child) {
  Stmt s(db, sql);
  s.bind(":c", child);
  if (!s.step()) return std::nullopt;
  auto p = parse_plan_text(s.text(0));
  if (!p.ok()) return std::nullopt;  // stored after a check, so only a damaged row lands here: show no plan
  return std::move(p.plan);
}
}  // namespace

std::optional<Plan> load_plan(Db& db, const std::string& child) {
  return read_body(db, "SELECT body FROM plans WHERE child = :c", child);
}

PlanChanges changes_since_seen(Db& db, const std::string& child) {
  PlanChanges out;
  const auto now = load_plan(db, child);
  if (!now) return out;
  out.have_plan = true;
  const auto seen = read_body(db, "SELECT body FROM plan_seen WHERE child = :c", child);
  if (!seen) {
    out.never_looked = true;
    return out;
  }
  const nlohmann::json a = plan_to_json(*seen), b = plan_to_json(*now);
  for (Pathway p : kPathways) {
    const char* code = pathway_code(p);
    const auto& pa = a["pathways"].contains(code) ? a["pathways"][code] : nlohmann::json();
    const auto& pb = b["pathways"].contains(code) ? b["pathways"][code] : nlohmann::json();
    if (pa != pb) out.pathways.push_back(p);
  }
  out.day_out = a.value("day_out", nlohmann::json()) != b.value("day_out", nlohmann::json());
  return out;
}

void mark_plan_seen(Db& db, const std::string& child, int64_t now_s) {
  Txn t(db);
  Stmt s(db,
         "INSERT INTO plan_seen(child, version, body, seen_at) SELECT child, version, body, :now FROM plans "
         "WHERE child = :c ON CONFLICT(child) DO UPDATE SET version = excluded.version, body = excluded.body, "
         "seen_at = excluded.seen_at");
  s.bind(":c", child).bind(":now", now_s).run();
  t.commit();
}

void store_application(Db& db, const std::string& child, const Application& a) {
  Stmt s(db,
         "INSERT INTO applications(child, listing_id, enquiry, title, provider, state, interview_on, reason, updated_at) "
         "VALUES(:c, :l, :e, :t, :p, :s, :i, :r, :u) ON CONFLICT(child, listing_id) DO UPDATE SET "
         "enquiry = excluded.enquiry, title = excluded.title, provider = excluded.provider, state = excluded.state, "
         "interview_on = excluded.interview_on, reason = excluded.reason, updated_at = excluded.updated_at");
  s.bind(":c", child).bind(":l", a.listing_id).bind(":e", a.enquiry).bind(":t", a.title).bind(":p", a.provider);
  s.bind(":s", application_state_code(a.state)).bind(":i", a.interview_on).bind(":r", a.reason);
  s.bind(":u", a.updated_at).run();
}

namespace {
constexpr const char* kAppCols = "listing_id, enquiry, title, provider, state, interview_on, reason, updated_at";
Application read_application(Stmt& s) {
  Application a;
  a.listing_id = s.text(0);
  a.enquiry = s.text(1);
  a.title = s.text(2);
  a.provider = s.text(3);
  a.state = parse_application_state(s.text(4)).value_or(ApplicationState::FindingOut);
  a.interview_on = s.text(5);
  a.reason = s.text(6);
  a.updated_at = s.i64(7);
  return a;
}
}  // namespace

std::vector<Application> applications_for(Db& db, const std::string& child) {
  std::vector<Application> out;
  Stmt s(db, std::string("SELECT ") + kAppCols + " FROM applications WHERE child = :c ORDER BY updated_at DESC, listing_id");
  s.bind(":c", child);
  while (s.step()) out.push_back(read_application(s));
  return out;
}

std::optional<Application> application_for(Db& db, const std::string& child, const std::string& listing_id) {
  Stmt s(db, std::string("SELECT ") + kAppCols + " FROM applications WHERE child = :c AND listing_id = :l");
  s.bind(":c", child).bind(":l", listing_id);
  if (!s.step()) return std::nullopt;
  return read_application(s);
}

}  // namespace plan
}  // namespace waymark
