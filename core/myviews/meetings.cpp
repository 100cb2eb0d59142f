#include "core/myviews/meetings.h"

#include "core/myviews/demo_meetings.h"
#include "core/storage/meta_keys.h"

#include <sqlite3.h>

#include <ctime>

#include "core/base/dates.h"
#include "core/storage/device_store.h"
#include "core/base/text.h"

namespace waymark {

// 20: meetings and who is invited.
const char* const kMeetingsSql = R"SQL(
CREATE TABLE meetings (
  id         INTEGER PRIMARY KEY,
  child      TEXT NOT NULL REFERENCES children(number) ON DELETE CASCADE,
  type       TEXT NOT NULL CHECK (type IN ('initial_planning','review','pre_release','final_release',
                                           'community_planning','other')),
  starts_at  INTEGER NOT NULL,              -- unix seconds
  video      INTEGER NOT NULL DEFAULT 0 CHECK (video IN (0,1)),
  place      TEXT NOT NULL DEFAULT '',
  source_id  TEXT UNIQUE                    -- the id the gateway gives it (NULL for demo data)
) STRICT;
CREATE INDEX meetings_by_child ON meetings(child, starts_at);
CREATE TABLE meeting_people (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  pos        INTEGER NOT NULL,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  role       TEXT NOT NULL,
  PRIMARY KEY (meeting_id, pos)
) STRICT;
)SQL";

namespace {
struct TypeName {
  MeetingType t;
  const char* code;
};
const TypeName kTypes[] = {{MeetingType::InitialPlanning, "initial_planning"}, {MeetingType::Review, "review"},
                           {MeetingType::PreRelease, "pre_release"},           {MeetingType::FinalRelease, "final_release"},
                           {MeetingType::CommunityPlanning, "community_planning"}, {MeetingType::Other, "other"}};
const char* const kRoles[] = {"yot_worker", "key_worker", "education", "health", "family",
                              "social_worker", "housing", "careers", "you", "other"};

std::vector<Invitee> load_people(Db& db, int64_t meeting_id) {
  std::vector<Invitee> out;
  Stmt s(db, "SELECT name, role FROM meeting_people WHERE meeting_id = :m ORDER BY pos");
  s.bind(":m", meeting_id);
  while (s.step()) out.push_back(Invitee{s.text(0), s.text(1)});
  return out;
}

Meeting read_meeting(Db& db, Stmt& s) {
  Meeting m;
  m.id = s.i64(0);
  m.child = s.text(1);
  m.type = parse_meeting_type(s.text(2)).value_or(MeetingType::Other);
  m.starts_at = s.i64(3);
  m.video = s.i64(4) != 0;
  m.place = s.text(5);
  m.invited = load_people(db, m.id);
  return m;
}
constexpr const char* kCols = "id, child, type, starts_at, video, place";
}  // namespace

const char* meeting_type_code(MeetingType t) {
  for (const TypeName& n : kTypes)
    if (n.t == t) return n.code;
  return "other";
}

std::optional<MeetingType> parse_meeting_type(const std::string& code) {
  for (const TypeName& n : kTypes)
    if (code == n.code) return n.t;
  return std::nullopt;
}

bool valid_role_code(const std::string& code) {
  for (const char* r : kRoles)
    if (code == r) return true;
  return false;
}

int64_t meeting_add(Db& db, const Meeting& m) {
  if (m.child.empty()) throw DbError(SQLITE_CONSTRAINT, "a meeting needs the child's number");
  if (!m.video && sanitize_text(m.place, 80, false).empty())
    throw DbError(SQLITE_CONSTRAINT, "a meeting needs a place, or to be a video call");
  if (m.invited.size() > 20) throw DbError(SQLITE_CONSTRAINT, "a meeting can list at most 20 people");
  for (const Invitee& p : m.invited) {
    if (sanitize_text(p.name, 80, false).empty()) throw DbError(SQLITE_CONSTRAINT, "every invited person needs a name");
    if (!valid_role_code(p.role)) throw DbError(SQLITE_CONSTRAINT, "unknown role \"" + p.role + "\"");
  }
  require_transaction(db, "meeting_add");
  Stmt s(db, "INSERT INTO meetings(child, type, starts_at, video, place) VALUES(:c, :t, :at, :v, :p)");
  s.bind(":c", m.child).bind(":t", meeting_type_code(m.type)).bind(":at", m.starts_at).bind(":v", m.video ? 1 : 0);
  s.bind(":p", sanitize_text(m.place, 80, false)).run();
  const int64_t id = db.last_insert_rowid();
  int pos = 0;
  for (const Invitee& p : m.invited) {
    Stmt ins(db, "INSERT INTO meeting_people(meeting_id, pos, name, role) VALUES(:m, :pos, :n, :r)");
    ins.bind(":m", id).bind(":pos", pos++).bind(":n", sanitize_text(p.name, 80, false)).bind(":r", p.role).run();
  }
  return id;
}

std::optional<Meeting> meeting_get(Db& db, const std::string& child, int64_t id) {
  Stmt s(db, std::string("SELECT ") + kCols + " FROM meetings WHERE id = :id AND child = :c");
  s.bind(":id", id).bind(":c", child);
  if (!s.step()) return std::nullopt;
  return read_meeting(db, s);
}

std::vector<Meeting> meetings_upcoming(Db& db, const std::string& child, int64_t now_s) {
  std::vector<Meeting> out;
  Stmt s(db, std::string("SELECT ") + kCols +
                 " FROM meetings WHERE child = :c AND starts_at > :from ORDER BY starts_at, id");
  s.bind(":c", child).bind(":from", now_s - 2 * 3600);
  while (s.step()) out.push_back(read_meeting(db, s));
  return out;
}

std::optional<Meeting> meeting_next(Db& db, const std::string& child, int64_t now_s) {
  auto all = meetings_upcoming(db, child, now_s);
  if (all.empty()) return std::nullopt;
  return all.front();
}

namespace {
// unix time of local day `today + days` at hh:mm (close enough across a clock change for demo data)
int64_t local_at(int64_t now_s, int days, int hh, int mm) {
  const int64_t midnight = now_s - (now_s % 60) - static_cast<int64_t>(local_minutes_of_day(now_s)) * 60;
  return midnight + static_cast<int64_t>(days) * 86400 + hh * 3600 + mm * 60;
}
}  // namespace

void seed_demo_meetings(Db& db, const Clock& clock) {
  if (meta_get(db, kMetaDemoMeetingsSeeded) == "1") return;
  const int64_t now = clock.now_s();
  Txn txn(db);
  // The same meetings, under the same gateway ids, as `waymark-gateway demo-seed` (demo_meetings.h): a sync
  // then updates these rather than adding a second set.
  const CivilDate today = local_date(now);
  for (const DemoMeeting& d : demo_meetings()) {
    Stmt here(db, "SELECT 1 FROM children WHERE number = :c");
    here.bind(":c", d.child);
    if (!here.step()) continue;  // a child of another establishment's demo
    Meeting m;
    m.child = d.child;
    m.type = parse_meeting_type(d.kind).value_or(MeetingType::Other);
    m.starts_at = local_at(now, demo_meeting_offset(d, today), d.hh, d.mm);
    m.video = std::string(d.place) == "video";
    m.place = m.video ? "" : d.place;
    m.invited = d.invited;
    const int64_t id = meeting_add(db, m);
    Stmt u(db, "UPDATE meetings SET source_id = :s WHERE id = :id");
    u.bind(":s", d.id).bind(":id", id).run();
  }
  meta_set(db, kMetaDemoMeetingsSeeded, "1");
  txn.commit();
}

}  // namespace waymark
