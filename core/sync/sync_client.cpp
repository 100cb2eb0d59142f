#include "core/sync/sync_client.h"
#include "core/base/clock.h"
#include "core/base/json_limits.h"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/storage/device_store.h"
#include "core/myviews/meetings.h"
#include "core/catalogue/pack.h"
#include "core/messaging/outbox.h"
#include "core/base/dates.h"
#include <ctime>
#include "core/ops/provisioning.h"
#include "core/base/secrets.h"
#include "core/sync/sync_proto.h"
#include "core/base/text.h"

namespace waymark {

using nlohmann::json;

// 30: what sync brings to the device: contacts, messages from workers, receipts, meetings (see docs/sync-protocol.md)
const char* const kSyncMigration = R"SQL(
CREATE TABLE contacts (
  child     TEXT NOT NULL,
  worker_id INTEGER NOT NULL,
  name      TEXT NOT NULL,
  org       TEXT NOT NULL,
  allowed   INTEGER NOT NULL,
  PRIMARY KEY (child, worker_id)
) STRICT;

CREATE TABLE inbox (
  id         TEXT PRIMARY KEY,          -- the gateway's id: a page applied twice adds nothing
  child      TEXT NOT NULL,
  worker_id  INTEGER NOT NULL,
  text       TEXT NOT NULL,
  sent_at    INTEGER NOT NULL,          -- unix seconds (gateway time)
  server_seq INTEGER NOT NULL,
  seen_at    INTEGER                    -- when the child first opened it
) STRICT;
CREATE INDEX inbox_by_child ON inbox(child, worker_id, server_seq);

CREATE TABLE receipts (
  id    TEXT NOT NULL,                  -- outbox id
  state TEXT NOT NULL CHECK (state IN ('delivered','read')),
  at    INTEGER NOT NULL,
  PRIMARY KEY (id, state)
) STRICT;

CREATE TABLE synced_meetings (
  id        TEXT PRIMARY KEY,
  child     TEXT NOT NULL,
  kind      TEXT NOT NULL,
  date      TEXT NOT NULL,
  time      TEXT NOT NULL,
  place     TEXT NOT NULL,
  with_whom TEXT NOT NULL,
  cancelled INTEGER NOT NULL
) STRICT;
CREATE INDEX synced_meetings_by_child ON synced_meetings(child, date);

-- What a child is still writing: saved as they type, so a crash or a walk-away loses nothing.
CREATE TABLE message_drafts (
  child      TEXT NOT NULL,
  worker_id  INTEGER NOT NULL,
  text       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (child, worker_id)
) STRICT;
)SQL";

// 31: content packs the gateway offered (a `pack` change) and what became of each: wanted (being fetched
// into DATA/packs/partial-SHA256), installed, refused (with the reason, never fetched again) or superseded
// (a newer one came). No child data: a wipe keeps it.
const char* const kSyncPackMigration = R"SQL(
CREATE TABLE pack_downloads (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  pack_id    TEXT NOT NULL,
  version    INTEGER NOT NULL CHECK (version >= 1),
  size       INTEGER NOT NULL CHECK (size >= 1),
  expires    TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('wanted','installed','refused','superseded')),
  offered_at INTEGER NOT NULL,        -- unix seconds (device clock) the change was applied
  done_at    INTEGER,
  attempts   INTEGER NOT NULL DEFAULT 0,
  reason     TEXT                     -- refused: why; wanted: the last download problem
) STRICT;
CREATE INDEX pack_downloads_by_state ON pack_downloads(state, version);
CREATE TABLE IF NOT EXISTS wipe_keep (
  name TEXT PRIMARY KEY,
  why  TEXT NOT NULL
) STRICT;
INSERT OR IGNORE INTO wipe_keep(name, why) VALUES
  ('pack_downloads', 'content packs offered by the gateway (no child data)');
)SQL";

namespace {

int64_t wall_ms() { return wall_now_ms(); }

void curl_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::string* out;
  size_t limit = sync::kMaxResponseBytes;
  bool too_big = false;
};
size_t on_data(char* p, size_t size, size_t n, void* ud) {
  auto* s = static_cast<Sink*>(ud);
  const size_t len = size * n;
  if (s->out->size() + len > s->limit) {
    s->too_big = true;
    return 0;  // aborts the transfer
  }
  s->out->append(p, len);
  return len;
}

// meta keys
// gateway_url, device_id, last_sync_at and gateway_time are the names core/ops/provisioning.h (doctor, status) reads.
constexpr const char* kUrl = kMetaGatewayUrl;
constexpr const char* kPin = "sync_pin";
constexpr const char* kDevice = kMetaDeviceId;
constexpr const char* kKey = "sync_device_key";
constexpr const char* kEpoch = "sync_epoch";
constexpr const char* kCursor = "sync_cursor";
constexpr const char* kResendAfter = "sync_resend_after";
constexpr const char* kGatewayTime = "gateway_time_ms";

int64_t meta_i64(Db& db, const char* k) {
  try {
    return std::stoll(meta_get(db, k, "0"));
  } catch (const std::exception&) {
    return 0;
  }
}

void raise_gateway_time(Db& db, int64_t t) {
  if (t > meta_i64(db, kGatewayTime)) meta_set(db, kGatewayTime, std::to_string(t));
}

struct Session {
  HttpClient http;
  std::string device_id, secret_key;
  int64_t skew_ms = 0;  // gateway time - our time, learnt from a "clock" refusal
  const Clock& clock;
};

struct Answer {
  bool ok = false;
  json body;
  std::string error, code;
};

Answer signed_post(Session& s, const std::string& path, const json& req) {
  const std::string body = req.dump();
  Answer a;
  for (int attempt = 0; attempt < 2; attempt++) {
    const int64_t t = wall_ms() + s.skew_ms;
    const std::string sig = sync::base64_encode(
        sync::sign_detached(sync::string_to_sign("POST", path, s.device_id, t, body), s.secret_key));
    HttpResult r = s.http.post(path, body,
                               {"X-Waymark-Device: " + s.device_id, "X-Waymark-Time: " + std::to_string(t),
                                "X-Waymark-Signature: " + sig});
    if (r.status == 0) {
      a.error = r.error;
      return a;
    }
    json j = parse_json_limited(r.body);
    if (j.is_discarded() || !j.is_object()) {
      a.error = "The gateway sent an answer that is not JSON (HTTP " + std::to_string(r.status) + ").";
      return a;
    }
    if (r.status == 200) {
      a.ok = true;
      a.body = std::move(j);
      return a;
    }
    a.code = j.value("error", "");
    a.error = "The gateway refused: " + j.value("message", "HTTP " + std::to_string(r.status));
    if (r.status == 401 && a.code == "clock" && attempt == 0 && j.contains("time_ms") && j["time_ms"].is_number_integer()) {
      s.skew_ms = j["time_ms"].get<int64_t>() - wall_ms();
      continue;
    }
    return a;
  }
  return a;
}

// A signed GET (the pack download). The answer is raw bytes, so refusals are read here from their JSON.
HttpResult signed_get(Session& s, const std::string& path, const std::vector<std::string>& extra, size_t max_bytes,
                      std::string* refusal) {
  HttpResult r;
  for (int attempt = 0; attempt < 2; attempt++) {
    const int64_t t = wall_ms() + s.skew_ms;
    const std::string sig =
        sync::base64_encode(sync::sign_detached(sync::string_to_sign("GET", path, s.device_id, t, ""), s.secret_key));
    std::vector<std::string> headers = {"X-Waymark-Device: " + s.device_id, "X-Waymark-Time: " + std::to_string(t),
                                        "X-Waymark-Signature: " + sig};
    headers.insert(headers.end(), extra.begin(), extra.end());
    r = s.http.get(path, headers, max_bytes);
    if (r.status == 0 || r.status == 200 || r.status == 206) return r;
    json j = parse_json_limited(r.body);
    const std::string code = j.is_object() ? j.value("error", "") : "";
    if (refusal) *refusal = code;
    r.error = "The gateway refused: " +
              (j.is_object() ? j.value("message", "HTTP " + std::to_string(r.status)) : "HTTP " + std::to_string(r.status));
    if (r.status == 401 && code == "clock" && attempt == 0 && j.contains("time_ms") && j["time_ms"].is_number_integer()) {
      s.skew_ms = j["time_ms"].get<int64_t>() - wall_ms();
      continue;
    }
    return r;
  }
  return r;
}

int64_t jint(const json& j, const char* k, int64_t def = 0) {
  auto it = j.find(k);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : def;
}
std::string jstr(const json& j, const char* k, size_t max_cp = 200) {
  auto it = j.find(k);
  if (it == j.end() || !it->is_string()) return {};
  return sanitize_text(it->get_ref<const std::string&>(), max_cp, false);
}
bool jbool(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

// A gateway meeting also goes into the meetings feature's table (core/myviews/meetings.h), keyed by source_id, so
// "My meetings" and My Views see it. A cancelled meeting is left in place: its My Views answers hang off it.
// A cancelled meeting leaves the child's list unless a My Views response hangs off it (a response is the
// child's writing and is never deleted by a sync); then it stays, and the worker still gets the answers.
// A meeting the meetings feature refuses (bad fields) is skipped, never allowed to stop the sync.
void apply_meeting(Db& db, const json& d, const std::string& source_id) {
  const std::string child = jstr(d, "child", 16);
  {
    Stmt c(db, "SELECT 1 FROM children WHERE number = :c");
    c.bind(":c", child);
    if (!c.step()) return;
  }
  if (jbool(d, "cancelled")) {
    Stmt del(db, "DELETE FROM meetings WHERE source_id = :s AND NOT EXISTS "
                 "(SELECT 1 FROM responses r WHERE r.meeting_id = meetings.id)");
    del.bind(":s", source_id).run();
    return;
  }
  const auto date = parse_date(jstr(d, "date", 10));
  if (!date) return;
  const std::string hhmm = jstr(d, "time", 5);
  std::tm tm{};
  tm.tm_year = date->y - 1900;
  tm.tm_mon = date->m - 1;
  tm.tm_mday = date->d;
  tm.tm_hour = hhmm.size() == 5 ? std::atoi(hhmm.substr(0, 2).c_str()) : 9;
  tm.tm_min = hhmm.size() == 5 ? std::atoi(hhmm.substr(3, 2).c_str()) : 0;
  tm.tm_isdst = -1;
  const int64_t starts_at = static_cast<int64_t>(std::mktime(&tm));
  Meeting m;
  m.child = child;
  m.type = parse_meeting_type(jstr(d, "kind", 40)).value_or(MeetingType::Other);
  m.starts_at = starts_at;
  m.place = jstr(d, "place", 80);
  if (m.place == "video" || m.place == "Video") {
    m.video = true;
    m.place.clear();
  }
  const std::string with = jstr(d, "with_whom", 80);
  if (!with.empty()) m.invited.push_back(Invitee{with, "yot_worker"});
  try {
    Stmt f(db, "SELECT id FROM meetings WHERE source_id = :s");
    f.bind(":s", source_id);
    if (f.step()) {
      const int64_t mid = f.i64(0);
      Stmt u(db, "UPDATE meetings SET type = :t, starts_at = :at, place = :p, video = :v WHERE id = :id");
      u.bind(":t", meeting_type_code(m.type)).bind(":at", starts_at).bind(":p", m.place);
      u.bind(":v", m.video ? 1 : 0).bind(":id", mid).run();
      return;
    }
    const int64_t mid = meeting_add(db, m);
    Stmt u(db, "UPDATE meetings SET source_id = :s WHERE id = :id");
    u.bind(":s", source_id).bind(":id", mid).run();
  } catch (const DbError&) {
  }
}

bool lower_hex64(const std::string& h) {
  return h.size() == 64 && std::all_of(h.begin(), h.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A `pack` change: the gateway published a content pack. One newer than what is installed is recorded as
// wanted (in the page's transaction, with the cursor); the download happens after the feed, outside it.
// Older offers still waiting are superseded: only the newest is fetched.
void offer_pack(Db& db, const json& d, int64_t now_s, SyncReport& rep) {
  const std::string sha = d.value("sha256", "");
  const std::string id = jstr(d, "pack_id", 64);
  const int64_t version = jint(d, "version");
  const int64_t size = jint(d, "size");
  const std::string expires = jstr(d, "expires", 10);
  if (!lower_hex64(sha) || id.empty() || version < 1 || size < 1 || static_cast<uint64_t>(size) > sync::kMaxPackBytes ||
      !parse_date(expires))
    return;  // not something this device can fetch; skipped like an unknown kind
  if (auto cur = installed_pack(db); cur && version <= cur->version) {
    // Not fetched. Another pack id is worth a line in `waymarkctl sync`: install_pack compares versions
    // whatever the id, so IT should know why it never arrives.
    const bool other = cur->pack_id != id;
    Stmt ins(db,
             "INSERT OR IGNORE INTO pack_downloads(sha256, pack_id, version, size, expires, state, offered_at, done_at, reason) "
             "VALUES(:h, :id, :v, :n, :e, :st, :now, :now, :r)");
    ins.bind(":h", sha).bind(":id", id).bind(":v", version).bind(":n", size).bind(":e", expires);
    ins.bind(":st", other ? "refused" : "superseded").bind(":now", now_s);
    ins.bind(":r", other ? std::optional<std::string>("not-newer: version " + std::to_string(version) + " is not newer than " +
                                                      cur->pack_id + " v" + std::to_string(cur->version) +
                                                      ", which is installed. Only a newer version can be installed.")
                         : std::nullopt)
        .run();
    return;
  }
  int64_t newest = 0;
  {
    Stmt q(db, "SELECT coalesce(max(version), 0) FROM pack_downloads WHERE state IN ('wanted','installed')");
    q.step();
    newest = q.i64(0);
  }
  Stmt ins(db,
           "INSERT OR IGNORE INTO pack_downloads(sha256, pack_id, version, size, expires, state, offered_at) "
           "VALUES(:h, :id, :v, :n, :e, :st, :now)");
  ins.bind(":h", sha).bind(":id", id).bind(":v", version).bind(":n", size).bind(":e", expires);
  ins.bind(":st", version > newest ? "wanted" : "superseded").bind(":now", now_s).run();
  if (db.changes() == 0) return;  // offered before (a page applied again, or a restored gateway's feed)
  Stmt old(db, "UPDATE pack_downloads SET state = 'superseded', done_at = :now WHERE state = 'wanted' AND version < :v");
  old.bind(":now", now_s).bind(":v", version).run();
  rep.packs_offered++;
}

// Applies one change; unknown kinds are skipped (a newer gateway may send more).
void apply_change(Db& db, const json& ch, const std::string& my_wing, int64_t now_s, SyncReport& rep) {
  const std::string kind = ch.value("kind", "");
  const json& d = ch.contains("data") && ch["data"].is_object() ? ch["data"] : json::object();
  rep.changes++;
  if (kind == "child") {
    const std::string number = jstr(d, "number", 16);
    const std::string pin_hash = d.value("pin_hash", "");
    if (number.empty() || pin_hash.rfind("$argon2id$", 0) != 0) return;
    auto opt = [&](const char* k) {
      std::string v = jstr(d, k, 16);
      return v.empty() ? std::nullopt : std::optional<std::string>(v);
    };
    const std::string wing = jstr(d, "wing", 40);
    const std::string lang = jstr(d, "lang", 2) == "cy" ? "cy" : "en";
    Stmt s(db,
           "INSERT INTO children(number, first_name, pin_hash, lang, release_date, release_la, dob, wing, active) "
           "VALUES(:n, :f, :h, :l, :rd, :rl, :dob, :w, :a) ON CONFLICT(number) DO UPDATE SET first_name = excluded.first_name, "
           "pin_hash = excluded.pin_hash, release_date = excluded.release_date, release_la = excluded.release_la, "
           "dob = excluded.dob, wing = excluded.wing, active = excluded.active");
    s.bind(":n", number).bind(":f", jstr(d, "first_name", 40)).bind(":h", pin_hash).bind(":l", lang);
    s.bind(":rd", opt("release_date")).bind(":rl", opt("release_la")).bind(":dob", opt("dob")).bind(":w", wing);
    s.bind(":a", (jbool(d, "active") && wing == my_wing) ? 1 : 0).run();
    rep.children++;
  } else if (kind == "contact") {
    Stmt s(db,
           "INSERT INTO contacts(child, worker_id, name, org, allowed) VALUES(:c, :w, :n, :o, :a) "
           "ON CONFLICT(child, worker_id) DO UPDATE SET name = excluded.name, org = excluded.org, allowed = excluded.allowed");
    s.bind(":c", jstr(d, "child", 16)).bind(":w", jint(d, "worker_id")).bind(":n", jstr(d, "name", 80));
    s.bind(":o", jstr(d, "org", 80)).bind(":a", jbool(d, "allowed") ? 1 : 0).run();
    rep.contacts++;
  } else if (kind == "meeting") {
    const std::string id = jstr(d, "id", 64);
    if (id.empty()) return;
    Stmt s(db,
           "INSERT INTO synced_meetings(id, child, kind, date, time, place, with_whom, cancelled) "
           "VALUES(:id, :c, :k, :d, :t, :p, :w, :x) ON CONFLICT(id) DO UPDATE SET child = excluded.child, kind = excluded.kind, "
           "date = excluded.date, time = excluded.time, place = excluded.place, with_whom = excluded.with_whom, "
           "cancelled = excluded.cancelled");
    s.bind(":id", id).bind(":c", jstr(d, "child", 16)).bind(":k", jstr(d, "kind", 40)).bind(":d", jstr(d, "date", 10));
    s.bind(":t", jstr(d, "time", 5)).bind(":p", jstr(d, "place")).bind(":w", jstr(d, "with_whom"));
    s.bind(":x", jbool(d, "cancelled") ? 1 : 0).run();
    rep.meetings++;
    apply_meeting(db, d, id);
  } else if (kind == "message") {
    const std::string id = jstr(d, "id", 64);
    const std::string text = d.contains("text") && d["text"].is_string()
                                 ? sanitize_text(d["text"].get_ref<const std::string&>(), 1000, true)
                                 : std::string();
    if (id.empty() || text.empty()) return;
    Stmt s(db,
           "INSERT OR IGNORE INTO inbox(id, child, worker_id, text, sent_at, server_seq) VALUES(:id, :c, :w, :t, :at, :q)");
    s.bind(":id", id).bind(":c", jstr(d, "child", 16)).bind(":w", jint(d, "worker_id")).bind(":t", text);
    s.bind(":at", jint(d, "sent_at", now_s)).bind(":q", jint(ch, "seq")).run();
    rep.messages += db.changes();
  } else if (kind == "receipt") {
    const std::string id = jstr(d, "id", 64);
    const std::string state = jstr(d, "state", 16);
    if (id.empty() || (state != "delivered" && state != "read")) return;
    Stmt s(db, "INSERT OR IGNORE INTO receipts(id, state, at) VALUES(:id, :s, :at)");
    s.bind(":id", id).bind(":s", state).bind(":at", jint(d, "at", now_s)).run();
    outbox_advance(db, id, state, now_s);
    rep.receipts++;
  } else if (kind == "pack") {
    offer_pack(db, d, now_s, rep);
  } else {
    rep.changes--;
  }
}

void note_pack(Db& db, const std::string& sha, const std::string& state, const std::string& reason, int64_t now_s,
               bool attempt) {
  Txn t(db);
  Stmt u(db,
         "UPDATE pack_downloads SET state = :st, reason = :r, attempts = attempts + :a, "
         "done_at = CASE WHEN :st = 'wanted' THEN done_at ELSE :now END WHERE sha256 = :h");
  u.bind(":st", state).bind(":r", reason.empty() ? std::nullopt : std::optional<std::string>(reason));
  u.bind(":a", attempt ? 1 : 0).bind(":now", now_s).bind(":h", sha).run();
  if (state == "installed" || state == "refused")
    audit(db, now_s, "sync", state == "installed" ? "pack-fetched" : "pack-refused", sha.substr(0, 16) + " " + reason);
  t.commit();
}

int64_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<int64_t>(n);
}

// "bytes FIRST-LAST/TOTAL" must say exactly what was asked for.
bool content_range_is(const std::string& v, int64_t first, int64_t last, int64_t total) {
  return v == "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(total);
}

// Fetches the newest wanted pack into DATA/packs/partial-SHA256 in bounded range requests, going on from
// the partial file's size, then checks size and sha256 and installs it (install_pack: the device's trusted
// keys, installed version and today decide). Runs outside every transaction except its own short ones; a
// kill at any point leaves the partial file (what was received stays) and the installed content as it was.
void fetch_pack(Db& db, Session& s, const Clock& clock, const SyncOptions& opt, SyncReport& rep) {
  PackDownload w;
  {
    Stmt q(db, "SELECT sha256, pack_id, version, size FROM pack_downloads WHERE state = 'wanted' ORDER BY version DESC LIMIT 1");
    if (!q.step()) return;
    w.sha256 = q.text(0);
    w.pack_id = q.text(1);
    w.version = q.i64(2);
    w.size = q.i64(3);
  }
  const std::string partial = pack_partial_path(db, w.sha256);
  if (partial.empty()) return;  // an in-memory database has no data folder
  const int64_t now_s = std::max(clock.now_s(), gateway_time_floor(db) / 1000);
  std::error_code ec;
  if (auto cur = installed_pack(db); cur && cur->version >= w.version) {
    // installed meanwhile (this round before a kill, or by hand from a file)
    const bool same = cur->pack_id == w.pack_id && cur->version == w.version;
    note_pack(db, w.sha256, same ? "installed" : "superseded", "", now_s, false);
    std::filesystem::remove(partial, ec);
    return;
  }
  std::filesystem::create_directories(std::filesystem::path(partial).parent_path(), ec);
  int64_t have = file_size_or_zero(partial);
  if (have > w.size) {  // not this pack's bytes: start again
    std::filesystem::remove(partial, ec);
    have = 0;
  }
  rep.pack_resumed_from = have;
  const std::string path = "/v1/packs/" + w.sha256;
  const size_t chunk = std::max<size_t>(4096, std::min(opt.pack_chunk_bytes, sync::kMaxResponseBytes));
  auto stopped = [&](const std::string& why) {
    rep.pack_error = "The content pack " + w.pack_id + " v" + std::to_string(w.version) + " did not finish downloading (" +
                     std::to_string(have) + " of " + std::to_string(w.size) + " bytes): " + why +
                     " It goes on from there at the next sync.";
    note_pack(db, w.sha256, "wanted", why, now_s, true);
  };
  if (have < w.size) {
    FILE* f = std::fopen(partial.c_str(), "ab");
    if (!f) {
      stopped("the device cannot write " + partial + ".");
      return;
    }
    std::string problem;
    while (have < w.size) {
      if (opt.cancel && opt.cancel->load()) {
        problem = "the kiosk was stopping.";
        break;
      }
      const int64_t last = std::min<int64_t>(have + static_cast<int64_t>(chunk), w.size) - 1;
      std::string refusal;
      HttpResult r = signed_get(s, path, {"Range: bytes=" + std::to_string(have) + "-" + std::to_string(last)},
                                chunk + 1, &refusal);
      if (r.status == 0) {
        problem = r.error;
        break;
      }
      if (r.status == 404 && refusal == "unknown_pack") {
        std::fclose(f);
        std::filesystem::remove(partial, ec);
        const std::string why = "The gateway no longer has this pack.";
        rep.pack_refused = why;
        note_pack(db, w.sha256, "refused", why, now_s, true);
        return;
      }
      if (r.status == 416) {  // the gateway's copy is shorter than what we hold: start again
        std::fclose(f);
        std::filesystem::remove(partial, ec);
        have = 0;
        stopped("the gateway did not accept the range asked for, so the download starts again.");
        return;
      }
      if (r.status != 206) {
        problem = r.error.empty() ? "HTTP " + std::to_string(r.status) + "." : r.error;
        break;
      }
      if (!content_range_is(r.content_range, have, last, w.size) || static_cast<int64_t>(r.body.size()) != last - have + 1) {
        problem = "the gateway sent a different part of the pack than was asked for.";
        break;
      }
      if (std::fwrite(r.body.data(), 1, r.body.size(), f) != r.body.size() || std::fflush(f) != 0) {
        problem = "the device could not write the pack (is the disk full?).";
        break;
      }
      have += static_cast<int64_t>(r.body.size());
      rep.pack_bytes += static_cast<int64_t>(r.body.size());
    }
    ::fsync(::fileno(f));
    std::fclose(f);
    if (!problem.empty()) {
      have = file_size_or_zero(partial);
      stopped(problem);
      return;
    }
  }

  // complete: the size and fingerprint the gateway announced, then the device's own checks
  std::string bytes;
  {
    std::ifstream in(partial, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (static_cast<int64_t>(bytes.size()) != w.size || sync::sha256_hex(bytes) != w.sha256) {
    std::filesystem::remove(partial, ec);
    rep.pack_error = "The downloaded content pack " + w.pack_id + " v" + std::to_string(w.version) +
                     " did not match its fingerprint, so it was thrown away. It is fetched again at the next sync.";
    note_pack(db, w.sha256, "wanted", "the download did not match its fingerprint and was fetched again", now_s, true);
    return;
  }
  InstallResult ir = install_pack(db, bytes, civil_from_days(now_s / 86400), now_s, "sync");
  std::filesystem::remove(partial, ec);
  if (ir.check.ok()) {
    rep.pack_installed = w.pack_id + " v" + std::to_string(w.version);
    note_pack(db, w.sha256, "installed", "", now_s, true);
  } else {
    // refused for good: the same bytes would be refused again, so they are not fetched again
    rep.pack_refused = ir.check.reason;
    note_pack(db, w.sha256, "refused", std::string(pack_error_name(ir.check.error)) + ": " + ir.check.reason, now_s, true);
  }
}

}  // namespace

std::string pack_partial_path(Db& db, const std::string& sha256) {
  const std::string& p = db.path();
  if (p.empty() || p == ":memory:" || p.rfind("file:", 0) == 0 || !lower_hex64(sha256)) return {};
  return (std::filesystem::path(p).parent_path() / "packs" / ("partial-" + sha256)).string();
}

std::string describe_pack_download(const PackDownload& d) {
  std::string s = d.pack_id + " v" + std::to_string(d.version) + ": ";
  if (d.state == "wanted") {
    s += "downloading, " + std::to_string(d.have) + " of " + std::to_string(d.size) + " bytes";
    if (!d.reason.empty()) s += " (last try: " + d.reason + ")";
  } else if (d.state == "refused") {
    s += "refused: " + d.reason;
  } else if (d.state == "superseded") {
    s += "not needed (a newer or equal version is installed or wanted)";
  } else {
    s += "installed";
  }
  return s;
}

std::optional<PackDownload> latest_pack_download(Db& db) {
  Stmt q(db,
         "SELECT sha256, pack_id, version, size, state, attempts, coalesce(reason, '') FROM pack_downloads "
         "ORDER BY version DESC, offered_at DESC LIMIT 1");
  if (!q.step()) return std::nullopt;
  PackDownload d;
  d.sha256 = q.text(0);
  d.pack_id = q.text(1);
  d.version = q.i64(2);
  d.size = q.i64(3);
  d.state = q.text(4);
  d.attempts = static_cast<int>(q.i64(5));
  d.reason = q.text(6);
  if (d.state == "wanted") {
    const std::string partial = pack_partial_path(db, d.sha256);
    if (!partial.empty()) d.have = file_size_or_zero(partial);
  }
  return d;
}

// ================================================================= addresses
std::optional<GatewayAddress> parse_gateway_url(const std::string& url) {
  const std::string pre = "https://";
  if (url.rfind(pre, 0) != 0 || url.size() > 300) return std::nullopt;
  std::string rest = url.substr(pre.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  GatewayAddress a;
  const auto colon = rest.find(':');
  a.host = rest.substr(0, colon);
  if (a.host.empty() || a.host.size() > 253) return std::nullopt;
  for (char c : a.host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) return std::nullopt;
  if (colon != std::string::npos) {
    const std::string p = rest.substr(colon + 1);
    if (p.empty() || p.size() > 5) return std::nullopt;
    for (char c : p)
      if (c < '0' || c > '9') return std::nullopt;
    a.port = std::stoi(p);
    if (a.port < 1 || a.port > 65535) return std::nullopt;
  }
  return a;
}

bool valid_pin_string(const std::string& pin) {
  const std::string pre = "sha256//";
  if (pin.rfind(pre, 0) != 0) return false;
  std::string raw;
  return sync::base64_decode(pin.substr(pre.size()), raw) && raw.size() == 32;
}

// ================================================================= HTTP
HttpClient::HttpClient(GatewayAddress addr, std::string pin, HttpOptions opt)
    : addr_(std::move(addr)), pin_(std::move(pin)), opt_(opt) {
  curl_init_once();
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

namespace {
// Keeps the Content-Range header (the only response header the client reads).
size_t on_header(char* p, size_t size, size_t n, void* ud) {
  const size_t len = size * n;
  std::string h(p, len);
  constexpr const char* kName = "content-range:";
  if (h.size() > 14) {
    std::string lower = h.substr(0, 14);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == kName) {
      std::string v = h.substr(14);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(v.begin());
      while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
      *static_cast<std::string*>(ud) = v.substr(0, 128);
    }
  }
  return len;
}
}  // namespace

HttpResult HttpClient::post(const std::string& path, const std::string& body, const std::vector<std::string>& headers) {
  return perform(true, path, body, headers, sync::kMaxResponseBytes);
}

HttpResult HttpClient::get(const std::string& path, const std::vector<std::string>& headers, size_t max_bytes) {
  return perform(false, path, {}, headers, std::min(max_bytes, sync::kMaxResponseBytes));
}

HttpResult HttpClient::perform(bool is_post, const std::string& path, const std::string& body,
                               const std::vector<std::string>& headers, size_t max_bytes) {
  HttpResult r;
  CURL* c = static_cast<CURL*>(curl_);
  if (!c || path.rfind("/v1/", 0) != 0 || path.find_first_of("?#@ \r\n") != std::string::npos) {
    r.error = "internal: bad request path";
    return r;
  }
  const std::string url = addr_.base() + path;
  curl_easy_reset(c);
  Sink sink{&r.body, max_bytes};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 0L);
  curl_easy_setopt(c, CURLOPT_PROXY, "");
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  // The pin is the trust anchor: the gateway's certificate is self-signed, so chain and name checks are off
  // and the connection is refused unless the server's public key hashes to the pin.
  curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, pin_.c_str());
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, opt_.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, opt_.total_timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_bytes));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.content_range);
  curl_slist* hl = nullptr;
  if (is_post) {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    hl = curl_slist_append(hl, "Content-Type: application/json");
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  hl = curl_slist_append(hl, "Expect:");
  for (const std::string& h : headers) hl = curl_slist_append(hl, h.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(hl);
  if (rc != CURLE_OK) {
    r.body.clear();
    r.pin_mismatch = rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
    r.transport_code = static_cast<int>(rc);
    if (r.pin_mismatch) r.error = "The gateway's key does not match the pinned key. Nothing was sent.";
    else if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED) r.error = "The gateway's answer was too large.";
    else if (rc == CURLE_OPERATION_TIMEDOUT) r.error = "The gateway did not answer in time.";
    else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST) r.error = "The gateway cannot be reached.";
    else r.error = std::string("The connection to the gateway failed: ") + curl_easy_strerror(rc) + ".";
    return r;
  }
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  r.status = static_cast<int>(code);
  return r;
}

// ================================================================= enrolment
bool device_enrolled(Db& db) { return !meta_get(db, kDevice).empty(); }

int64_t gateway_time_floor(Db& db) { return meta_i64(db, kGatewayTime); }

EnrolResult enrol_device(Db& db, const std::string& gateway_url, const std::string& pin, const std::string& code,
                         const std::string& label, const Clock& clock, bool force) {
  EnrolResult out;
  auto addr = parse_gateway_url(gateway_url);
  if (!addr) {
    out.error = "The gateway address must look like https://HOST:PORT.";
    return out;
  }
  if (!valid_pin_string(pin)) {
    out.error = "The pin must look like sha256//BASE64 (from `waymark-gateway pin`).";
    return out;
  }
  if (device_enrolled(db) && !force) {
    out.error = "This device is already enrolled. Use --force to enrol it again with a new key.";
    return out;
  }
  sync::DeviceKeys keys = sync::make_device_keys();
  HttpClient http(*addr, pin);
  json req{{"code", code}, {"public_key", sync::base64_encode(keys.public_key)}, {"label", sanitize_text(label, 64, false)}};
  HttpResult r = http.post("/v1/enrol", req.dump(), {});
  if (r.status == 0) {
    out.error = r.error;
    return out;
  }
  json j = parse_json_limited(r.body);
  if (r.status != 200 || j.is_discarded() || !j.is_object()) {
    out.error = j.is_object() ? j.value("message", "The gateway refused.") : "The gateway refused (HTTP " + std::to_string(r.status) + ").";
    return out;
  }
  out.device_id = j.value("device_id", "");
  out.wing = j.value("wing", "");
  out.establishment = j.value("establishment", "");
  if (!sync::is_hex_id(out.device_id) || out.wing.empty()) {
    out.error = "The gateway's answer is missing the device id or wing.";
    return out;
  }
  Txn t(db);
  meta_set(db, kUrl, addr->base());
  meta_set(db, kPin, pin);
  meta_set(db, kDevice, out.device_id);
  meta_set(db, kKey, sync::base64_encode(keys.secret_key));
  meta_set(db, kEpoch, j.value("epoch", ""));
  meta_set(db, kCursor, "0");
  meta_set(db, kResendAfter, "0");
  meta_set(db, "wing", out.wing);
  if (!out.establishment.empty()) meta_set(db, "establishment", out.establishment);
  raise_gateway_time(db, jint(j, "time_ms"));
  audit(db, clock.now_s(), "waymarkctl", "enrol", out.device_id + " wing " + out.wing + " at " + addr->base());
  t.commit();
  wipe(keys.secret_key);
  out.ok = true;
  return out;
}

// ================================================================= one round
std::string SyncReport::summary() const {
  std::string s = ok ? "synced" : "sync failed";
  s += ": up " + std::to_string(sent) + " sent (" + std::to_string(accepted) + " accepted, " + std::to_string(replayed) +
       " already there, " + std::to_string(refused) + " refused, " + std::to_string(conflicts) + " conflicts)";
  if (gaps) s += ", " + std::to_string(gaps) + " gap reports";
  s += "; down " + std::to_string(changes) + " changes (" + std::to_string(children) + " children, " +
       std::to_string(contacts) + " contacts, " + std::to_string(meetings) + " meetings, " + std::to_string(messages) +
       " messages, " + std::to_string(receipts) + " receipts)";
  if (reset) s += "; the gateway was restored, so everything was read again";
  if (packs_offered) s += "; " + std::to_string(packs_offered) + " content pack(s) offered";
  if (pack_bytes) s += "; fetched " + std::to_string(pack_bytes) + " bytes of a content pack" +
                       (pack_resumed_from ? " (went on from byte " + std::to_string(pack_resumed_from) + ")" : "");
  if (!pack_installed.empty()) s += "; installed content pack " + pack_installed;
  if (!pack_refused.empty()) s += "; content pack refused: " + pack_refused;
  if (!pack_error.empty()) s += "; " + pack_error;
  if (!ok) s += "; " + error;
  return s;
}

SyncReport sync_once(Db& db, const Clock& clock, const SyncOptions& opt) {
  SyncReport rep;
  if (!device_enrolled(db)) {
    rep.error = "This device is not enrolled. Run `waymarkctl enrol` first.";
    return rep;
  }
  auto addr = parse_gateway_url(meta_get(db, kUrl));
  std::string key;
  if (!addr || !sync::base64_decode(meta_get(db, kKey), key)) {
    rep.error = "The stored gateway settings are damaged. Enrol the device again.";
    return rep;
  }
  Session s{HttpClient(*addr, meta_get(db, kPin), opt.http), meta_get(db, kDevice), key, 0, clock};
  wipe(key);
  const std::string my_wing = meta_get(db, "wing");

  auto fail = [&](const Answer& a) {
    rep.error = a.error;
    rep.refusal = a.code;
    return rep;
  };

  // ---- up: waiting records, and after a gap or a restore everything after what the gateway holds
  for (int round = 0; round < opt.max_rounds; round++) {
    std::vector<OutboxItem> batch;
    {
      Stmt q(db,
             "SELECT id, seq, kind, child, body, created_at FROM outbox WHERE state = 'waiting' OR seq > :after "
             "ORDER BY seq LIMIT :n");
      q.bind(":after", meta_i64(db, kResendAfter)).bind(":n", sync::kMaxUpRecords);
      while (q.step()) {
        OutboxItem o;
        o.id = q.text(0);
        o.seq = q.i64(1);
        o.kind = q.text(2);
        o.child = q.text(3);
        o.body = q.text(4);
        o.created_at = q.i64(5);
        batch.push_back(std::move(o));
      }
    }
    if (batch.empty()) break;
    json recs = json::array();
    for (const OutboxItem& o : batch)
      recs.push_back(json{{"id", o.id}, {"seq", o.seq}, {"kind", o.kind}, {"child", o.child}, {"created_at", o.created_at}, {"body", o.body}});
    Answer a = signed_post(s, "/v1/up", json{{"records", recs}});
    if (!a.ok) return fail(a);
    rep.sent += static_cast<int>(batch.size());
    const json& receipts = a.body.contains("receipts") && a.body["receipts"].is_array() ? a.body["receipts"] : json::array();
    const int64_t now_s = clock.now_s();
    Txn t(db);
    for (const json& r : receipts) {
      if (!r.is_object()) continue;
      const std::string id = r.value("id", "");
      const std::string st = r.value("status", "");
      auto before = outbox_get(db, id);
      if (!before) continue;
      if (st == "accepted") {
        if (before->state == "waiting") rep.accepted++;
        else rep.replayed++;
        outbox_advance(db, id, "sent", now_s);
      } else if (st == "refused") {
        rep.refused++;
        outbox_advance(db, id, "refused", now_s, r.value("reason", "refused"));
      } else if (st == "conflict") {
        rep.conflicts++;
        outbox_advance(db, id, "refused", now_s, "conflict");
      }
    }
    int64_t after = std::max(meta_i64(db, kResendAfter), batch.back().seq);
    if (a.body.contains("gap") && a.body["gap"].is_object()) {
      rep.gaps++;
      // The gateway misses records before this batch. Send again the ones this device still has; a
      // seq this device no longer has cannot be filled, and the gateway has reported it.
      const int64_t expected = jint(a.body["gap"], "expected", 1);
      Stmt have(db, "SELECT 1 FROM outbox WHERE seq >= :e AND seq < :f LIMIT 1");
      have.bind(":e", expected).bind(":f", batch.front().seq);
      if (have.step()) after = std::min(after, expected - 1);
    }
    meta_set(db, kResendAfter, std::to_string(after));
    raise_gateway_time(db, jint(a.body, "time_ms"));
    t.commit();
    rep.gateway_time_ms = std::max(rep.gateway_time_ms, jint(a.body, "time_ms"));
  }

  // ---- down: pages of the feed, each applied with its cursor in one transaction
  {
    // After `waymarkctl wipe` (children's data gone, enrolment kept) the roster must be read again.
    Stmt c(db, "SELECT count(*) FROM children");
    c.step();
    if (c.i64(0) == 0 && meta_i64(db, kCursor) > 0) {
      Txn t(db);
      meta_set(db, kCursor, "0");
      t.commit();
    }
  }
  for (int page = 0; page < opt.max_rounds; page++) {
    json req{{"epoch", meta_get(db, kEpoch)}, {"cursor", meta_i64(db, kCursor)}, {"limit", opt.down_limit}};
    Answer a = signed_post(s, "/v1/down", req);
    if (!a.ok) return fail(a);
    const json& b = a.body;
    const int64_t now_s = clock.now_s();
    const bool nothing = !jbool(b, "reset") && (!b.contains("changes") || !b["changes"].is_array() || b["changes"].empty()) &&
                         jint(b, "cursor") == meta_i64(db, kCursor) &&
                         jint(b, "time_ms") - meta_i64(db, kGatewayTime) < 60'000;
    rep.gateway_time_ms = std::max(rep.gateway_time_ms, jint(b, "time_ms"));
    if (nothing) break;  // an idle poll writes nothing (no fsync); the time floor is saved at least once a minute
    Txn t(db);
    if (jbool(b, "reset")) {
      rep.reset = true;
      // Rows the restored gateway may no longer have are dropped and re-read; messages stay (ids dedupe them).
      db.exec("DELETE FROM contacts; DELETE FROM synced_meetings;");
      meta_set(db, kEpoch, b.value("epoch", ""));
      // Everything after what the restored gateway holds goes up again at the next round.
      meta_set(db, kResendAfter, std::to_string(std::min(meta_i64(db, kResendAfter), jint(b, "device_seq"))));
      audit(db, now_s, "sync", "sync.reset", "gateway epoch " + b.value("epoch", ""));
    }
    if (b.contains("changes") && b["changes"].is_array())
      for (const json& ch : b["changes"])
        if (ch.is_object()) apply_change(db, ch, my_wing, now_s, rep);
    meta_set(db, kCursor, std::to_string(jint(b, "cursor")));
    raise_gateway_time(db, jint(b, "time_ms"));
    meta_set(db, "sync_last_ok_ms", std::to_string(jint(b, "time_ms")));
    meta_set(db, kMetaLastSyncAt, std::to_string(jint(b, "time_ms") / 1000));
    meta_set(db, kMetaGatewayTime, std::to_string(jint(b, "time_ms") / 1000));
    t.commit();
    rep.gateway_time_ms = std::max(rep.gateway_time_ms, jint(b, "time_ms"));
    if (!jbool(b, "more")) break;
  }
  // A content pack the feed offered: fetched (and installed) after the feed, outside its transactions.
  if (!rep.reset) fetch_pack(db, s, clock, opt, rep);
  // A reset lowered resend_after: send again now so nothing waits for the next round (that round fetches).
  if (rep.reset) {
    SyncOptions again = opt;
    SyncReport second = sync_once(db, clock, again);
    rep.sent += second.sent;
    rep.accepted += second.accepted;
    rep.replayed += second.replayed;
    rep.refused += second.refused;
    rep.conflicts += second.conflicts;
    rep.receipts += second.receipts;
    rep.changes += second.changes;
    rep.packs_offered += second.packs_offered;
    rep.pack_bytes += second.pack_bytes;
    rep.pack_resumed_from = second.pack_resumed_from;
    rep.pack_installed = second.pack_installed;
    rep.pack_refused = second.pack_refused;
    rep.pack_error = second.pack_error;
    if (!second.ok) return second;
  }
  rep.ok = true;
  return rep;
}

// ================================================================= background service
SyncService::SyncService(std::string db_path, OffsetClock& clock, int interval_ms)
    : db_path_(std::move(db_path)), clock_(clock), interval_ms_(interval_ms) {}

SyncService::~SyncService() { stop(); }

void SyncService::start() {
  if (thread_.joinable()) return;
  stop_ = false;
  cancel_ = false;
  thread_ = std::thread([this] { loop(); });
}

void SyncService::stop() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncService::poke() {
  {
    std::lock_guard lk(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

SyncService::Status SyncService::status() const {
  std::lock_guard lk(mu_);
  return status_;
}

void SyncService::loop() {
  try {
    Db db(db_path_);
    {
      std::lock_guard lk(mu_);
      try {
        status_.last_ok_ms = std::stoll(meta_get(db, "sync_last_ok_ms", "0"));
      } catch (const std::exception&) {
      }
    }
    const int64_t floor = gateway_time_floor(db);
    if (floor > 0) clock_.set_floor_ms(floor);
    SyncOptions so;
    so.cancel = &cancel_;
    for (;;) {
      SyncReport r = sync_once(db, clock_, so);
      {
        std::lock_guard lk(mu_);
        status_.rounds++;
        status_.last_failed = !r.ok;
        status_.last_error = r.ok ? r.pack_error : r.error;  // a pack still downloading is not a failed round
        if (r.ok) status_.last_ok_ms = r.gateway_time_ms;
      }
      if (r.gateway_time_ms > 0) clock_.set_floor_ms(r.gateway_time_ms);
      if (r.changes > 0 || r.sent > 0 || !r.pack_installed.empty()) generation_++;
      std::unique_lock lk(mu_);
      cv_.wait_for(lk, std::chrono::milliseconds(r.ok ? interval_ms_ : std::min(interval_ms_, 10000)),
                   [this] { return stop_ || poked_; });
      if (stop_) return;
      poked_ = false;
    }
  } catch (const std::exception& e) {
    std::lock_guard lk(mu_);
    status_.last_failed = true;
    status_.last_error = std::string("sync stopped: ") + e.what();
  }
}

}  // namespace waymark
