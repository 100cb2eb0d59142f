#include "core/ops/provisioning.h"

#include "core/sync/sync_client.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/storage/device_store.h"
#include "core/sync/gateway_probe.h"
#include "core/i18n/i18n.h"

namespace fs = std::filesystem;

namespace waymark {

// 50: which tables a wipe keeps (see the header). Other parts add their non-child tables here.
// "IF NOT EXISTS" / "OR IGNORE": a part numbered before 50 (the catalogue, migration 12) creates the list first.
const char* const kProvisioningMigration50 = R"SQL(
CREATE TABLE IF NOT EXISTS wipe_keep (
  name TEXT PRIMARY KEY,
  why  TEXT NOT NULL
) STRICT;
INSERT OR IGNORE INTO wipe_keep(name, why) VALUES
  ('meta', 'device facts, enrolment and settings'),
  ('staff', 'staff accounts'),
  ('audit', 'the audit log (rows that name a child are removed)'),
  ('wipe_keep', 'this list');
)SQL";

namespace {

int64_t bytes_of(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<int64_t>(n);
}

bool table_exists(Db& db, const std::string& name) {
  Stmt s(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = :n");
  s.bind(":n", name);
  return s.step();
}

std::vector<std::string> table_columns(Db& db, const std::string& table) {
  std::vector<std::string> cols;
  Stmt s(db, "SELECT name FROM pragma_table_info(:t)");
  s.bind(":t", table);
  while (s.step()) cols.push_back(s.text(0));
  return cols;
}

// SQL identifiers cannot be bound; names come from sqlite_schema, quoted here.
std::string quote_ident(const std::string& name) {
  std::string q = "\"";
  for (char c : name) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

bool contains_word(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return false;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) {
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    const bool left = p == 0 || !is_word(hay[p - 1]);
    const bool right = p + needle.size() >= hay.size() || !is_word(hay[p + needle.size()]);
    if (left && right) return true;
  }
  return false;
}

std::string fmt_age(int64_t s) {
  if (s < 0) s = 0;
  if (s < 120) return std::to_string(s) + " seconds";
  if (s < 7200) return std::to_string(s / 60) + " minutes";
  if (s < 2 * 86400) return std::to_string(s / 3600) + " hours";
  return std::to_string(s / 86400) + " days";
}

std::string fmt_bytes(int64_t b) {
  if (b >= (1LL << 30)) return std::to_string(b / (1LL << 30)) + "." + std::to_string((b % (1LL << 30)) * 10 / (1LL << 30)) + " GiB";
  return std::to_string(b / (1LL << 20)) + " MiB";
}

}  // namespace

// ---------------------------------------------------------------- wipe
int outbox_waiting(Db& db) {
  if (!table_exists(db, "outbox")) return 0;
  Stmt s(db, "SELECT count(*) FROM outbox WHERE state = 'waiting'");
  s.step();
  return s.i32(0);
}

WipeReport wipe_children(Db& db, const Clock& clock, const std::string& actor) {
  WipeReport r;
  const fs::path dbfile = db.path();
  r.file_bytes_before = bytes_of(dbfile) + bytes_of(dbfile.string() + "-wal");
  db.exec("PRAGMA secure_delete=ON;");

  {
    Txn txn(db);
    db.exec("PRAGMA defer_foreign_keys=ON;");

    // What identifies a child, to find audit rows that name one.
    std::vector<std::string> numbers, names;
    {
      Stmt s(db, "SELECT number, first_name FROM children");
      while (s.step()) {
        numbers.push_back(s.text(0));
        names.push_back(s.text(1));
      }
    }
    r.children_removed = static_cast<int>(numbers.size());
    if (table_exists(db, "outbox")) {
      Stmt s(db, "SELECT count(*) FROM outbox");
      s.step();
      r.outbox_removed = s.i32(0);
    }

    std::set<std::string> keep;
    if (table_exists(db, "wipe_keep")) {
      Stmt s(db, "SELECT name FROM wipe_keep");
      while (s.step()) keep.insert(s.text(0));
    } else {
      keep = {"meta", "staff", "audit"};
    }

    struct Table {
      std::string name;
      bool is_virtual;
    };
    std::vector<Table> tables;
    {
      Stmt s(db, "SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'table' ORDER BY name");
      while (s.step()) {
        std::string sql = s.text(1);
        std::string head = sql.substr(0, 24);
        std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        tables.push_back({s.text(0), head.rfind("CREATE VIRTUAL TABLE", 0) == 0});
      }
    }
    // Shadow tables belong to a virtual table (fts5: NAME_data, NAME_idx, ...): emptied through it.
    auto is_shadow = [&](const std::string& n) {
      for (const Table& t : tables)
        if (t.is_virtual && n.size() > t.name.size() + 1 && n.rfind(t.name + "_", 0) == 0) return true;
      return false;
    };

    // Virtual tables first (an external-content index must go before its content).
    for (const Table& t : tables) {
      if (!t.is_virtual || keep.count(t.name)) continue;
      // A table name cannot be a bound parameter: it comes from sqlite_schema and is quoted as an identifier.
      const std::string q = quote_ident(t.name);
      try {
        db.exec("DELETE FROM " + q + ";");
        // A full-text index keeps deleted terms in its segments until they merge: rebuild it from the
        // (now empty) content so no term survives.
        try {
          db.exec("INSERT INTO " + q + "(" + q + ") VALUES('rebuild');");
        } catch (const DbError&) {
        }
      } catch (const DbError&) {
        // contentless and external-content FTS5 tables empty with the 'delete-all' command
        db.exec("INSERT INTO " + q + "(" + q + ") VALUES('delete-all');");
      }
      r.tables_emptied.push_back(t.name);
    }
    std::vector<std::string> to_empty;  // plain tables holding child data, emptied below
    for (const Table& t : tables) {
      if (t.is_virtual || is_shadow(t.name)) continue;
      if (t.name == "sqlite_sequence") continue;  // table names and counters only
      if (t.name.rfind("sqlite_stat", 0) == 0) {    // stat4 samples hold real key values
        db.exec("DELETE FROM " + quote_ident(t.name) + ";");
        continue;
      }
      if (t.name == "pin_attempts") {  // staff lockouts stay; every child number typed goes
        db.exec("DELETE FROM pin_attempts WHERE kind <> 'staff';");
        r.tables_emptied.push_back("pin_attempts (child rows)");
        continue;
      }
      if (t.name == "audit") {
        // Append-only: its triggers are lifted for this one transaction and put back exactly as they were.
        std::vector<std::pair<std::string, std::string>> triggers;
        {
          Stmt s(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'");
          while (s.step()) triggers.emplace_back(s.text(0), s.text(1));
        }
        std::vector<int64_t> doomed;
        {
          Stmt s(db, "SELECT seq, actor, detail FROM audit");
          while (s.step()) {
            const std::string text = s.text(1) + " " + s.text(2);
            bool names_child = text.find("child:") != std::string::npos;
            for (size_t i = 0; i < numbers.size() && !names_child; i++)
              names_child = contains_word(text, numbers[i]) || contains_word(text, names[i]);
            if (names_child) doomed.push_back(s.i64(0));
          }
        }
        if (!doomed.empty()) {
          for (const auto& [name, sql] : triggers) db.exec("DROP TRIGGER " + quote_ident(name) + ";");
          Stmt del(db, "DELETE FROM audit WHERE seq = :s");
          for (int64_t seq : doomed) {
            del.bind(":s", seq).run();
            del.reset();
          }
          for (const auto& [name, sql] : triggers) db.exec(sql + ";");
        }
        r.audit_rows_removed = static_cast<int>(doomed.size());
        r.tables_kept.push_back("audit");
        continue;
      }
      if (keep.count(t.name)) {
        r.tables_kept.push_back(t.name);
        continue;
      }
      to_empty.push_back(t.name);
    }
    // A RESTRICT foreign key refuses a parent's rows while children rows exist, whatever the order:
    // retry the refused tables until a pass makes no progress.
    while (!to_empty.empty()) {
      std::vector<std::string> refused;
      std::string last_error;
      for (const std::string& name : to_empty) {
        try {
          db.exec("DELETE FROM " + quote_ident(name) + ";");
          r.tables_emptied.push_back(name);
        } catch (const DbError& e) {
          if ((e.code() & 0xff) != SQLITE_CONSTRAINT) throw;
          refused.push_back(name);
          last_error = e.what();
        }
      }
      if (refused.size() == to_empty.size()) throw DbError(SQLITE_CONSTRAINT, "cannot empty " + refused.front() + ": " + last_error);
      to_empty = std::move(refused);
    }
    audit(db, clock.now_s(), actor, "wipe",
          std::to_string(r.children_removed) + " children's data removed, " + std::to_string(r.outbox_removed) +
              " outbox records, " + std::to_string(r.audit_rows_removed) + " audit rows naming a child");
    txn.commit();
  }
  // Nothing of the old pages may survive: move the WAL into the file and truncate it, rebuild the file
  // (VACUUM writes only live rows), and truncate the WAL that VACUUM itself wrote.
  auto checkpoint = [&]() {
    Stmt s(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    s.step();
    if (s.i64(0) != 0)
      throw DbError(SQLITE_BUSY, "the database is in use by another program (is the kiosk running?); the data is "
                                 "removed but old copies may remain until the wipe is run again");
  };
  checkpoint();
  db.exec("VACUUM;");
  checkpoint();
  r.file_bytes_after = bytes_of(dbfile) + bytes_of(dbfile.string() + "-wal");
  return r;
}

// ---------------------------------------------------------------- decommission
long kiosk_running_pid(const std::string& dir) {
  std::ifstream in(fs::path(dir) / "waymark.running");
  long pid = 0;
  if (!(in >> pid) || pid <= 0 || pid == static_cast<long>(getpid())) return 0;
  if (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) return pid;
  return 0;
}

DecommissionReport remove_data_folder(const std::string& dir) {
  DecommissionReport r;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return r;
  std::vector<fs::path> files, dirs;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink(ec)) files.push_back(it->path());  // the link goes, never its target
    else if (it->is_regular_file(ec)) files.push_back(it->path());
    else if (it->is_directory(ec)) dirs.push_back(it->path());
  }
  if (ec) {
    r.error = "cannot list " + dir + ": " + ec.message();
    return r;
  }
  std::vector<char> zeros(1 << 16, 0);
  for (const fs::path& f : files) {
    if (!fs::is_symlink(f)) {
      // Overwrite in place before unlinking. On flash storage this is best effort: the data partition's
      // encryption (see images/) is what makes the old blocks unreadable.
      int fd = ::open(f.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
      if (fd >= 0) {
        int64_t left = bytes_of(f);
        while (left > 0) {
          const size_t n = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(zeros.size())));
          const ssize_t w = ::write(fd, zeros.data(), n);
          if (w <= 0) break;
          left -= w;
        }
        ::fsync(fd);
        ::close(fd);
      }
    }
    fs::remove(f, ec);
    if (ec) {
      r.error = "cannot remove " + f.string() + ": " + ec.message();
      return r;
    }
    r.removed.push_back(fs::relative(f, dir).string());
  }
  std::sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) { return a.string().size() > b.string().size(); });
  for (const fs::path& d : dirs) fs::remove(d, ec);
  fs::remove(dir, ec);
  if (ec) r.error = "cannot remove the folder " + dir + ": " + ec.message();
  return r;
}

// ---------------------------------------------------------------- doctor
const char* health_name(Health h) {
  switch (h) {
    case Health::Ok: return "ok";
    case Health::Skipped: return "skipped";
    case Health::Warning: return "warning";
    case Health::Failed: return "failed";
  }
  return "";
}

namespace {

DoctorLine line(std::string check, Health h, std::string what, std::string todo = {}) {
  return DoctorLine{std::move(check), h, std::move(what), std::move(todo)};
}

void check_fonts(const DoctorOptions& opt, std::vector<DoctorLine>& out) {
  const fs::path list = fs::path(opt.assets_dir) / "fonts" / "fonts.json";
  std::ifstream in(list);
  if (!in) {
    out.push_back(line("fonts", Health::Failed, "the font list " + list.string() + " is missing",
                       "reinstall the waymark-kiosk package"));
    return;
  }
  nlohmann::json j;
  try {
    in >> j;
  } catch (const std::exception&) {
    out.push_back(line("fonts", Health::Failed, "the font list " + list.string() + " is not valid JSON",
                       "reinstall the waymark-kiosk package"));
    return;
  }
  for (const char* family : {"standard", "dyslexic"}) {
    std::string missing;
    for (const char* face : {"regular", "bold"}) {
      bool found = false;
      if (j.contains(family) && j[family].contains(face))
        for (const auto& p : j[family][face])
          if (p.is_string() && fs::exists(p.get<std::string>())) found = true;
      if (!found) missing += std::string(missing.empty() ? "" : " and ") + face;
    }
    const bool standard = std::string(family) == "standard";
    if (missing.empty())
      out.push_back(line(std::string("fonts (") + family + ")", Health::Ok, "found"));
    else
      out.push_back(line(std::string("fonts (") + family + ")", standard ? Health::Failed : Health::Warning,
                         "no " + missing + " font file from " + list.string() + " is installed",
                         standard ? "install fonts-noto-core or fonts-dejavu-core"
                                  : "install fonts-opendyslexic (children who chose the easy-read font get the standard one)"));
  }
}

void check_speech(const DoctorOptions& opt, std::vector<DoctorLine>& out) {
  for (const std::string& d : opt.speech_dirs) {
    if (!fs::exists(fs::path(d) / "phontab")) continue;
    const bool en = fs::exists(fs::path(d) / "en_dict"), cy = fs::exists(fs::path(d) / "cy_dict");
    if (en && cy) out.push_back(line("speech", Health::Ok, "English and Welsh voices in " + d));
    else
      out.push_back(line("speech", Health::Warning,
                         std::string("speech data in ") + d + " lacks the " + (en ? "Welsh" : cy ? "English" : "English and Welsh") + " dictionary",
                         "reinstall espeak-ng-data"));
    return;
  }
  out.push_back(line("speech", Health::Failed, "no speech data found (read aloud will not work)",
                     "install espeak-ng-data (apt-get install espeak-ng-data)"));
}

void check_disk(const DoctorOptions& opt, std::vector<DoctorLine>& out) {
  struct statvfs st {};
  if (statvfs(opt.data_dir.c_str(), &st) != 0) {
    out.push_back(line("free disk", Health::Failed, std::string("cannot read free space: ") + std::strerror(errno)));
    return;
  }
  const int64_t free_b = static_cast<int64_t>(st.f_bavail) * static_cast<int64_t>(st.f_frsize);
  if (free_b < opt.disk_fail_bytes)
    out.push_back(line("free disk", Health::Failed, fmt_bytes(free_b) + " free on the data partition",
                       "free space on the data partition now: a full disk stops children's work being saved"));
  else if (free_b < opt.disk_warn_bytes)
    out.push_back(line("free disk", Health::Warning, fmt_bytes(free_b) + " free on the data partition",
                       "free space or grow the data partition"));
  else out.push_back(line("free disk", Health::Ok, fmt_bytes(free_b) + " free"));
}

void check_packs(Db& db, const DoctorOptions& opt, int64_t now, std::vector<DoctorLine>& out) {
  std::string table;
  for (const char* t : {"packs", "content_packs"})
    if (table_exists(db, t)) table = t;
  if (table.empty()) {
    out.push_back(line("content pack", Health::Skipped, "this build keeps no content packs"));
    return;
  }
  const auto cols = table_columns(db, table);
  std::string expiry;
  for (const char* c : {"expires_at", "expires", "expiry"})
    if (std::find(cols.begin(), cols.end(), c) != cols.end()) expiry = c;
  if (expiry.empty()) {
    out.push_back(line("content pack", Health::Warning, "the " + table + " table has no expiry column this check knows",
                       "update waymarkctl"));
    return;
  }
  std::string where;
  if (std::find(cols.begin(), cols.end(), "active") != cols.end()) where = " WHERE active = 1";
  // newest pack first; expiry may be unix seconds or an ISO date
  Stmt s(db, "SELECT " + quote_ident(expiry) + ", CASE WHEN typeof(" + quote_ident(expiry) +
                 ") IN ('integer','real') THEN " + quote_ident(expiry) + " ELSE unixepoch(" + quote_ident(expiry) +
                 ") END FROM " + quote_ident(table) + where + " ORDER BY rowid DESC LIMIT 1");
  if (!s.step()) {
    out.push_back(line("content pack", Health::Warning, "no content pack is installed",
                       "sync with the gateway or install a pack with waymarkctl"));
    return;
  }
  if (s.is_null(1)) {
    out.push_back(line("content pack", Health::Failed, "the installed pack's expiry cannot be read",
                       "install a fresh pack from the gateway"));
    return;
  }
  const int64_t left = s.i64(1) - now;
  if (left <= 0)
    out.push_back(line("content pack", Health::Failed, "the content pack expired " + fmt_age(-left) + " ago: children see no courses or jobs",
                       "sync with the gateway, or ask education staff to publish a new pack"));
  else if (left < opt.pack_warn_days * 86400)
    out.push_back(line("content pack", Health::Warning, "the content pack expires in " + fmt_age(left),
                       "ask education staff to publish a new pack before then"));
  else out.push_back(line("content pack", Health::Ok, "valid for " + fmt_age(left)));
}

void check_outbox(Db& db, const DoctorOptions& opt, int64_t now, std::vector<DoctorLine>& out) {
  if (!table_exists(db, "outbox")) {
    out.push_back(line("outbox", Health::Skipped, "this build has no outbox"));
    return;
  }
  Stmt s(db, "SELECT count(*), min(created_at) FROM outbox WHERE state = 'waiting'");
  s.step();
  const int n = s.i32(0);
  if (n == 0) {
    out.push_back(line("outbox", Health::Ok, "nothing waiting to leave"));
    return;
  }
  const int64_t age = now - s.i64(1);
  if (age > opt.outbox_warn_age_s)
    out.push_back(line("outbox", Health::Warning,
                       std::to_string(n) + " record(s) waiting; the oldest for " + fmt_age(age),
                       "children's messages and forms are stuck: check the gateway lines above and the network cable"));
  else out.push_back(line("outbox", Health::Ok, std::to_string(n) + " record(s) waiting, the oldest for " + fmt_age(age)));
}

void check_sync(Db& db, const DoctorOptions& opt, int64_t now, std::vector<DoctorLine>& out) {
  if (meta_get(db, kMetaGatewayUrl).empty()) {
    out.push_back(line("last sync", Health::Skipped, "not enrolled, so never synced"));
    return;
  }
  const std::string last = meta_get(db, kMetaLastSyncAt);
  if (last.empty()) {
    out.push_back(line("last sync", Health::Warning, "enrolled but never synced",
                       "check the gateway is running and this device can reach it"));
    return;
  }
  const int64_t age = now - std::atoll(last.c_str());
  if (age > opt.sync_fail_age_s)
    out.push_back(line("last sync", Health::Failed, "last successful sync " + fmt_age(age) + " ago",
                       "check the gateway and the network; children's messages are not leaving"));
  else if (age > opt.sync_warn_age_s)
    out.push_back(line("last sync", Health::Warning, "last successful sync " + fmt_age(age) + " ago",
                       "check the gateway and the network"));
  else out.push_back(line("last sync", Health::Ok, fmt_age(age) + " ago"));
}

// A dead clock battery puts the device in 1970: expiry dates and the outbox age stop meaning anything.
void check_clock(int64_t now, std::vector<DoctorLine>& out) {
  constexpr int64_t kSoftwareEpoch = 1767225600;  // 2026-01-01: no real clock is earlier than this build
  if (now < kSoftwareEpoch)
    out.push_back(line("clock", Health::Failed, "the clock says unix time " + std::to_string(now) + ", before this software was made",
                       "set the clock (timedatectl set-time, or let it sync from the gateway) and replace the clock battery"));
  else out.push_back(line("clock", Health::Ok, "plausible"));
}

// The kiosk's fatal-signal handler appends "... at unix time N; ..." to DIR/waymark-crash.log.
void check_crashes(const DoctorOptions& opt, int64_t now, std::vector<DoctorLine>& out) {
  std::ifstream in(fs::path(opt.data_dir) / "waymark-crash.log");
  int recent = 0, total = 0;
  std::string l;
  const std::string marker = "at unix time ";
  while (std::getline(in, l)) {
    total++;
    const size_t p = l.find(marker);
    if (p != std::string::npos && now - std::atoll(l.c_str() + p + marker.size()) < 7 * 86400) recent++;
  }
  if (recent == 0)
    out.push_back(line("crashes", Health::Ok, total ? "none in the last 7 days" : "none recorded"));
  else
    out.push_back(line("crashes", Health::Warning,
                       "the kiosk crashed " + std::to_string(recent) + " time(s) in the last 7 days (it restarted itself)",
                       "send " + (fs::path(opt.data_dir) / "waymark-crash.log").string() +
                           " and `journalctl -u waymark-kiosk` to Waymark support"));
}

// Which renderer the kiosk last started with, and why (issue 17): the kiosk writes meta kiosk_renderer.
void check_renderer(Db& db, std::vector<DoctorLine>& out) {
  const std::string r = meta_get(db, "kiosk_renderer");
  out.push_back(line("renderer", Health::Ok, r.empty() ? "not recorded (the kiosk has not started since it was updated)" : r));
}

}  // namespace

std::vector<DoctorLine> doctor_gateway_checks(Db& db, const DoctorOptions& opt, int64_t now) {
  std::vector<DoctorLine> out;
  const std::string url = meta_get(db, kMetaGatewayUrl);
  if (url.empty()) {
    out.push_back(line("gateway", Health::Warning, "not enrolled",
                       "enrol this device: waymarkctl enrol --data DIR with the one-time code from the gateway"));
    return out;
  }
  const GatewayProbe p = probe_gateway(db);
  const std::string dev = p.device_id.empty() ? "(no id)" : p.device_id;
  const std::string reach = "check the gateway is running (systemctl status waymark-gateway on the gateway machine), "
                            "the network cable, and that the firewall lets this device reach " + url;
  switch (p.link) {
    case GatewayLink::Ok:
      out.push_back(line("gateway", Health::Ok, "reachable at " + url + " with the pinned key; device " + dev +
                                                    " is active on wing " + p.wing + " (" + std::to_string(p.round_trip_ms) + " ms)"));
      break;
    case GatewayLink::NotEnrolled:
    case GatewayLink::BadSettings:
      out.push_back(line("gateway", Health::Failed, p.error,
                         "enrol again: waymarkctl enrol --data DIR --force with a new code from the gateway"));
      break;
    case GatewayLink::Unreachable:
      out.push_back(line("gateway", Health::Failed, "unreachable: " + url + " does not answer (" + p.error + ")", reach));
      break;
    case GatewayLink::Timeout:
      out.push_back(line("gateway", Health::Failed, "unreachable: " + url + " did not answer within a few seconds", reach));
      break;
    case GatewayLink::PinMismatch:
      out.push_back(line("gateway", Health::Failed,
                         "pin mismatch: the server at " + url + " does not have the gateway's pinned key, so nothing was sent. "
                         "Either someone is in the middle of the connection, or the gateway's key changed",
                         "do not ignore this: check the network path to " + url + ". If the gateway was given a new key on "
                         "purpose, get its pin (waymark-gateway pin) and enrol again with --force and a new code"));
      break;
    case GatewayLink::Tls:
      out.push_back(line("gateway", Health::Failed, "TLS error: " + p.error,
                         "check " + url + " is the gateway's HTTPS address and port, and that the gateway's certificate and key load "
                         "(journalctl -u waymark-gateway)"));
      break;
    case GatewayLink::UnknownDevice:
      out.push_back(line("gateway", Health::Failed, "the gateway at " + url + " does not know device " + dev,
                         "enrol again: waymarkctl enrol --data DIR --force with a new code (the gateway may have been "
                         "restored from a backup older than this device's enrolment)"));
      break;
    case GatewayLink::Revoked:
      out.push_back(line("gateway", Health::Failed, "the gateway at " + url + " has revoked device " + dev + ": it cannot sync",
                         "if that was a mistake, enrol again with --force and a new code; otherwise decommission it"));
      break;
    case GatewayLink::Refused:
    case GatewayLink::BadAnswer:
      out.push_back(line("gateway", Health::Failed, "reached " + url + " but: " + p.error,
                         "update waymark-gateway and waymarkctl to the same release; call Waymark support if it repeats"));
      break;
  }

  if (p.gateway_time_ms > 0) {
    // The time came over the pinned connection, so it is the gateway's. Half the round trip is the error bar.
    const int64_t diff_s = (p.local_time_ms - p.gateway_time_ms) / 1000;
    const int64_t mag = diff_s < 0 ? -diff_s : diff_s;
    const std::string how = fmt_age(mag) + (diff_s < 0 ? " behind" : " ahead of");
    const std::string fix = "set the clock (timedatectl set-time, or NTP from the gateway machine) and check the clock battery";
    if (mag > opt.clock_skew_s)
      out.push_back(line("gateway clock", Health::Failed,
                         "this device's clock is " + how + " the gateway's: dates, deadlines and message times on this device are wrong",
                         fix));
    else if (mag > opt.clock_warn_s)
      out.push_back(line("gateway clock", Health::Warning, "this device's clock is " + how + " the gateway's", fix));
    else
      out.push_back(line("gateway clock", Health::Ok, "within " + fmt_age(mag) + " of the gateway's"));
    return out;
  }
  const std::string gt = meta_get(db, kMetaGatewayTime);
  if (!gt.empty() && now + opt.clock_skew_s < std::atoll(gt.c_str()))
    out.push_back(line("clock", Health::Failed, "this device's clock is behind the time the gateway last gave",
                       "set the clock (timedatectl) and check the hardware clock battery"));
  return out;
}

std::vector<DoctorLine> run_doctor(const DoctorOptions& in) {
  DoctorOptions opt = in;
  if (opt.assets_dir.empty()) opt.assets_dir = assets_dir();
  if (opt.speech_dirs.empty())
    opt.speech_dirs = {"/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
                       "/usr/lib/arm-linux-gnueabihf/espeak-ng-data", "/usr/share/espeak-ng-data",
                       "/usr/lib/espeak-ng-data"};
  const int64_t now = opt.now_s ? opt.now_s : SystemClock().now_s();
  std::vector<DoctorLine> out;

  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(opt.data_dir, o);
  if (!r.db) {
    out.push_back(line("database", Health::Failed, r.error,
                       "do not delete the file; copy the data folder aside and call Waymark support"));
  } else {
    try {
      const std::string ic = r.db->integrity_check();
      if (ic == "ok")
        out.push_back(line("database", Health::Ok, "integrity ok, schema version " + std::to_string(r.db->user_version())));
      else
        out.push_back(line("database", Health::Failed, "integrity check: " + ic,
                           "do not delete the file; stop the kiosk, copy the data folder aside and call Waymark support"));
      if (meta_get(*r.db, "establishment").empty())
        out.push_back(line("setup", Health::Warning, "no establishment name set",
                           "waymarkctl init --data DIR --establishment NAME --wing NAME"));
      for (DoctorLine& l : doctor_gateway_checks(*r.db, opt, now)) out.push_back(std::move(l));
      check_packs(*r.db, opt, now, out);
      check_outbox(*r.db, opt, now, out);
      check_sync(*r.db, opt, now, out);
      check_crashes(opt, now, out);
      check_renderer(*r.db, out);
    } catch (const std::exception& e) {
      out.push_back(line("database", Health::Failed, std::string("a check could not run: ") + e.what(),
                         "stop the kiosk and run doctor again; call Waymark support if it repeats"));
    }
  }
  check_clock(now, out);
  check_fonts(opt, out);
  check_speech(opt, out);
  check_disk(opt, out);
  return out;
}

// ---------------------------------------------------------------- status
std::string device_status_json(const std::string& data_dir, int64_t now) {
  nlohmann::json j;
  j["data_dir"] = data_dir;
  const long pid = kiosk_running_pid(data_dir);
  j["kiosk_running"] = pid != 0;
  if (pid) j["kiosk_pid"] = pid;
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(data_dir, o);
  if (!r.db) {
    j["ok"] = false;
    j["error"] = r.error;
    return j.dump(2);
  }
  Db& db = *r.db;
  j["ok"] = true;
  j["schema_version"] = db.user_version();
  j["establishment"] = meta_get(db, "establishment");
  j["wing"] = meta_get(db, "wing");
  const std::string url = meta_get(db, kMetaGatewayUrl);
  j["enrolled"] = !url.empty();
  j["gateway_url"] = url.empty() ? nlohmann::json() : nlohmann::json(url);
  const std::string dev = meta_get(db, kMetaDeviceId);
  j["device_id"] = dev.empty() ? nlohmann::json() : nlohmann::json(dev);
  const std::string last = meta_get(db, kMetaLastSyncAt);
  j["last_sync_at"] = last.empty() ? nlohmann::json() : nlohmann::json(std::atoll(last.c_str()));
  auto count = [&](const char* sql) {
    Stmt s(db, sql);
    s.step();
    return s.i64(0);
  };
  j["children"] = count("SELECT count(*) FROM children WHERE active = 1");
  j["staff"] = count("SELECT count(*) FROM staff WHERE active = 1");
  if (table_exists(db, "outbox")) {
    Stmt s(db, "SELECT count(*), min(created_at) FROM outbox WHERE state = 'waiting'");
    s.step();
    j["outbox_waiting"] = s.i64(0);
    j["outbox_oldest_age_s"] = s.is_null(1) ? nlohmann::json() : nlohmann::json(now - s.i64(1));
  }
  if (table_exists(db, "pack_downloads")) {
    const auto d = latest_pack_download(db);
    j["content_pack_download"] = d ? nlohmann::json(describe_pack_download(*d)) : nlohmann::json();
  }
  const fs::path f = db.path();
  j["database_bytes"] = bytes_of(f) + bytes_of(f.string() + "-wal");
  return j.dump(2);
}

// ---------------------------------------------------------------- staff PINs
std::string staff_pin_problem(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 8) return "a PIN has 4 to 8 digits";
  for (char c : pin)
    if (c < '0' || c > '9') return "a PIN has digits only";
  bool same = true, up = true, down = true;
  for (size_t i = 1; i < pin.size(); i++) {
    same = same && pin[i] == pin[0];
    up = up && pin[i] == pin[i - 1] + 1;
    down = down && pin[i] == pin[i - 1] - 1;
  }
  if (same) return "that PIN is one digit repeated; children could guess it";
  if (up || down) return "that PIN is a run of digits in order; children could guess it";
  return {};
}

}  // namespace waymark
