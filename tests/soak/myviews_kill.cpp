#include "tests/soak/myviews_kill.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/db.h"
#include "core/device_store.h"

namespace waymark::soak {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Starts the kiosk headless on a script; returns its pid (or -1).
pid_t start_kiosk(const KillOptions& opt, const std::string& data, const std::string& script, const std::string& log,
                  bool demo) {
  const std::string out = data + "/kiosk.stderr";
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  // child
  ::setenv("WAYMARK_SHOWN_SAVED_LOG", log.c_str(), 1);
  ::setenv("SDL_AUDIODRIVER", "dummy", 1);
  int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd >= 0) {
    ::dup2(fd, 2);
    ::dup2(fd, 1);
  }
  const std::string shots = data + "/shots";
  std::vector<const char*> argv = {opt.kiosk_bin.c_str(), "--data", data.c_str(), "--headless", "--script",
                                   script.c_str(), "--shots", shots.c_str(), "--size", "800x600"};
  if (demo) argv.push_back("--demo");
  argv.push_back(nullptr);
  ::execv(opt.kiosk_bin.c_str(), const_cast<char* const*>(argv.data()));
  std::_Exit(127);
}

const char* kSignIn = "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\ntap #home.myviews\ntap #myviews.start\n";

// The stored text answer to going_well, or nullopt when there is none.
std::optional<std::string> stored_text(const std::string& data) {
  DeviceOpenOptions o;
  o.create = false;
  auto r = open_device(data, o);
  if (!r.db) return std::nullopt;
  Stmt s(*r.db, "SELECT value FROM answers WHERE question_id = 'going_well' ORDER BY response_id DESC LIMIT 1");
  if (!s.step() || s.is_null(0)) return std::nullopt;
  json v = json::parse(s.text(0), nullptr, false);
  if (!v.is_string()) return std::nullopt;
  return v.get<std::string>();
}

std::string random_chunk(std::mt19937& rng) {
  static const char* words[] = {"art", "gym", "my mum", "football", "cooking", "I read", "maths", "music", "Leeds",
                                "my nan", "college", "staff help", "running", "drawing", "work"};
  std::string out;
  while (out.size() < 10) out += std::string(words[rng() % std::size(words)]) + " ";
  return out;
}

}  // namespace

CheckResult check_shown_saved(const std::string& data_dir, const std::string& log_path) {
  CheckResult c;
  DeviceOpenOptions o;
  o.create = false;
  auto opened = open_device(data_dir, o);
  if (!opened.db) {
    c.problems.push_back("the database would not open after the kill: " + opened.error);
    c.lost = 1;
    return c;
  }
  Db& db = *opened.db;
  std::map<std::pair<int64_t, std::string>, std::optional<json>> stored;
  const std::string log = slurp(log_path);
  size_t pos = 0;
  while (pos < log.size()) {
    const size_t nl = log.find('\n', pos);
    if (nl == std::string::npos) {
      c.problems.push_back("a torn line in the shown-saved log (it must be one write)");
      c.lost++;
      break;
    }
    const std::string line = log.substr(pos, nl - pos);
    pos = nl + 1;
    const size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos) continue;
    const int64_t rid = std::stoll(line.substr(0, t1));
    const std::string qid = line.substr(t1 + 1, t2 - t1 - 1);
    const json shown = json::parse(line.substr(t2 + 1), nullptr, false);
    c.shown++;
    auto key = std::make_pair(rid, qid);
    if (!stored.count(key)) {
      Stmt s(db, "SELECT value FROM answers WHERE response_id = :r AND question_id = :q");
      s.bind(":r", rid).bind(":q", qid);
      std::optional<json> v;
      if (s.step() && !s.is_null(0)) v = json::parse(s.text(0), nullptr, false);
      stored[key] = v;
    }
    const auto& have = stored[key];
    bool ok = false;
    if (have && shown.is_string() && have->is_string()) {
      // the scripts only add letters: what was shown saved must be the start of what is stored
      ok = have->get<std::string>().rfind(shown.get<std::string>(), 0) == 0;
    } else if (have) {
      ok = *have == shown;
    }
    if (!ok) {
      c.lost++;
      c.problems.push_back("response " + std::to_string(rid) + " question " + qid + ": the screen showed " +
                           shown.dump() + " as saved but the database has " + (have ? have->dump() : "nothing"));
    }
  }
  return c;
}

KillStats run_myviews_kills(const KillOptions& opt) {
  KillStats st;
  std::mt19937 rng(opt.seed);
  fs::create_directories(opt.work_dir);
  std::string data, log;
  std::uniform_int_distribution<int> delay(opt.min_delay_ms, opt.max_delay_ms);
  int shown_in_set = 0;

  auto new_data_set = [&]() -> bool {
    data = (fs::path(opt.work_dir) / ("set" + std::to_string(st.data_sets++))).string();
    fs::remove_all(data);
    fs::create_directories(data);
    log = data + "/shown-saved.log";
    shown_in_set = 0;
    const std::string script = data + "/setup.wms";
    std::ofstream(script) << kSignIn << "tap #myviews.face.4\ntap #myviews.next\nexpect What is going well\n";
    pid_t pid = start_kiosk(opt, data, script, log, true);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      st.problems.push_back("the setup run failed (see " + data + "/kiosk.stderr)");
      return false;
    }
    return true;
  };
  if (!new_data_set()) return st;

  while (st.kills < opt.kills) {
    const std::optional<std::string> before = stored_text(data);
    // the script resumes (sign in, My Views, carry on), checks the text is still there, and types more
    std::string script_text = kSignIn;
    if (before) {
      std::string tail = before->size() > 12 ? before->substr(before->size() - 12) : *before;
      const size_t sp = tail.find(' ');
      if (before->size() > 12 && sp != std::string::npos) tail = tail.substr(sp + 1);
      while (!tail.empty() && tail.back() == ' ') tail.pop_back();
      if (!tail.empty()) script_text += "expect " + tail + "\n";
    }
    script_text += "type " + random_chunk(rng) + "\n";
    const std::string script = data + "/cycle.wms";
    std::ofstream(script) << script_text;

    const pid_t pid = start_kiosk(opt, data, script, log, false);
    st.runs++;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay(rng));
    int status = 0;
    bool exited = false;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!exited) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
    }
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
      st.kills++;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      st.finished_ok++;
    } else {
      st.problems.push_back("a run ended by itself with status " + std::to_string(status) + " (see " + data +
                            "/kiosk.stderr): resuming did not show what was saved");
      st.lost++;
    }

    const CheckResult c = check_shown_saved(data, log);
    if (c.lost > 0) {
      st.lost += c.lost;
      for (const auto& p : c.problems) st.problems.push_back(p);
      st.answers_shown_saved += c.shown;
      if (!new_data_set()) return st;
      continue;
    }
    shown_in_set = c.shown;
    if (opt.verbose && st.runs % 20 == 0)
      std::fprintf(stderr, "runs=%d kills=%d shown=%d\n", st.runs, st.kills, st.answers_shown_saved + shown_in_set);
    const auto now_text = stored_text(data);
    if (now_text && now_text->size() > 300) {
      st.answers_shown_saved += shown_in_set;
      if (!new_data_set()) return st;
    }
  }
  st.answers_shown_saved += shown_in_set;
  return st;
}

}  // namespace waymark::soak
