#include "core/storage/device_store.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "core/storage/migrations.h"

namespace fs = std::filesystem;

namespace waymark {

std::string device_db_path(const std::string& dir) { return (fs::path(dir) / "waymark.db").string(); }

namespace {
std::string marker_path(const std::string& dir) { return (fs::path(dir) / "waymark.running").string(); }

bool process_alive(long pid) {
  if (pid <= 0) return false;
  if (kill(static_cast<pid_t>(pid), 0) == 0) return true;
  return errno == EPERM;
}

// true when a marker exists whose process is gone
bool unclean_marker(const std::string& dir) {
  std::ifstream in(marker_path(dir));
  if (!in) return false;
  long pid = 0;
  in >> pid;
  if (pid == static_cast<long>(getpid())) return false;
  return !process_alive(pid);
}

void write_marker(const std::string& dir) {
  std::string tmp = marker_path(dir) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << getpid() << "\n";
  }
  fs::rename(tmp, marker_path(dir));
}
}  // namespace

DeviceOpenResult open_device(const std::string& dir, const DeviceOpenOptions& opt) {
  DeviceOpenResult r;
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (!opt.create) {
      r.error = "There is no Waymark data folder at " + dir + ".";
      return r;
    }
    fs::create_directories(dir, ec);
    if (ec) {
      r.error = "Cannot create the data folder " + dir + ": " + ec.message();
      return r;
    }
    ::chmod(dir.c_str(), 0700);
  }
  const std::string path = device_db_path(dir);
  if (!opt.create && !fs::exists(path)) {
    r.error = "There is no Waymark database in " + dir + ". Run `waymarkctl init` or `waymarkctl demo-seed` first.";
    return r;
  }
  r.was_unclean = unclean_marker(dir);
  try {
    auto db = std::make_unique<Db>(path);
    if (r.was_unclean) {
      std::string qc = db->quick_check();
      if (qc != "ok") {
        r.error = "The Waymark database in " + dir +
                  " is damaged (after an unclean shutdown the check said: " + qc +
                  "). It has been left exactly as it is. Nothing will sync. Ask IT to run `waymarkctl doctor`.";
        return r;
      }
    }
    migrate(*db, device_migrations());
    if (opt.track_running) write_marker(dir);
    r.db = std::move(db);
  } catch (const DbError& e) {
    r.error = std::string("The Waymark database in ") + dir + " cannot be opened: " + e.what() +
              ". It has been left exactly as it is. Ask IT to run `waymarkctl doctor`.";
    r.db.reset();
  }
  return r;
}

void mark_clean_shutdown(const std::string& dir) {
  std::error_code ec;
  fs::remove(marker_path(dir), ec);
}

std::string meta_get(Db& db, const std::string& key, const std::string& fallback) {
  Stmt s(db, "SELECT value FROM meta WHERE key = :k");
  s.bind(":k", key);
  if (s.step()) return s.text(0);
  return fallback;
}

void meta_set(Db& db, const std::string& key, const std::string& value) {
  Stmt s(db, "INSERT INTO meta(key, value) VALUES(:k, :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  s.bind(":k", key).bind(":v", value).run();
}

void audit(Db& db, int64_t at_s, const std::string& actor, const std::string& action, const std::string& detail) {
  Stmt s(db, "INSERT INTO audit(at, actor, action, detail) VALUES(:at, :actor, :action, :detail)");
  s.bind(":at", at_s).bind(":actor", actor).bind(":action", action).bind(":detail", detail).run();
}

}  // namespace waymark
