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
#include <algorithm>
#include <atomic>
#include <mutex>
#include <sys/stat.h>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"
#include "core/storage/device_store.h"

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

// Starts the kiosk headless on a script; returns its pid (or -1). Everything the child needs is built
// before fork(): the harness runs several workers on threads, and after fork only exec-safe calls remain.
pid_t start_kiosk(const KillOptions& opt, const std::string& data, const std::string& script, const std::string& log,
                  bool demo) {
  const std::string out = data + "/kiosk.stderr";
  const std::string shots = data + "/shots";
  std::vector<std::string> env_store = {"WAYMARK_SHOWN_SAVED_LOG=" + log, "SDL_AUDIODRIVER=dummy"};
  for (const char* keep : {"PATH", "HOME", "TZ", "WAYMARK_ASSETS", "LANG"})
    if (const char* v = std::getenv(keep)) env_store.push_back(std::string(keep) + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<const char*> argv = {opt.kiosk_bin.c_str(), "--data", data.c_str(), "--headless", "--script",
                                   script.c_str(), "--shots", shots.c_str(), "--size", opt.size.c_str()};
  if (demo) argv.push_back("--demo");
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd >= 0) {
    ::dup2(fd, 2);
    ::dup2(fd, 1);
  }
  ::execve(opt.kiosk_bin.c_str(), const_cast<char* const*>(argv.data()), envp.data());
  ::_exit(127);
}

size_t count_lines(const std::string& path) {
  const std::string t = slurp(path);
  return static_cast<size_t>(std::count(t.begin(), t.end(), '\n'));
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

namespace {

std::string random_chunk(std::mt19937& rng) {
  static const char* words[] = {"art", "gym", "my mum", "football", "cooking", "I read", "maths", "music", "Leeds",
                                "my nan", "college", "staff help", "running", "drawing", "work"};
  std::string out;
  while (out.size() < 10) out += std::string(words[rng() % std::size(words)]) + (rng() % 3 == 0 ? ". " : " ");
  while (!out.empty() && out.back() == ' ') out.pop_back();  // a script line's trailing spaces are not kept
  return out;
}

// One worker: its own data folders and random stream; kills until the shared count reaches the target.
void worker(const KillOptions& opt, int wid, std::atomic<int>& kills, KillStats& total, std::mutex& mu) {
  KillStats st;
  std::mt19937 rng(opt.seed * 7919u + static_cast<unsigned>(wid));
  std::string data, log;
  int shown_in_set = 0;
  int set_no = 0;
  auto problem = [&](const std::string& p) { st.problems.push_back(p); };

  auto new_data_set = [&]() -> bool {
    st.answers_shown_saved += shown_in_set;
    shown_in_set = 0;
    data = (fs::path(opt.work_dir) / ("w" + std::to_string(wid) + "-set" + std::to_string(set_no++))).string();
    st.data_sets++;
    fs::remove_all(data);
    fs::create_directories(data);
    log = data + "/shown-saved.log";
    const std::string script = data + "/setup.wms";
    std::ofstream(script) << kSignIn << "tap #myviews.face.4\ntap #myviews.next\nexpect What is going well\n";
    pid_t pid = start_kiosk(opt, data, script, log, true);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      problem("the setup run failed (see " + data + "/kiosk.stderr)");
      return false;
    }
    return true;
  };

  bool ok = new_data_set();
  while (ok && kills.load() < opt.kills) {
    const std::optional<std::string> before = stored_text(data);
    // resume (sign in, My Views, carry on), check the saved text is on screen, and type more
    std::string script_text = kSignIn;
    if (before) {
      std::string tail = before->size() > 12 ? before->substr(before->size() - 12) : *before;
      const size_t sp = tail.find(' ');
      if (before->size() > 12 && sp != std::string::npos) tail = tail.substr(sp + 1);
      while (!tail.empty() && tail.back() == ' ') tail.pop_back();
      if (!tail.empty()) script_text += "expect " + tail + "\n";
    }
    const std::string chunk = random_chunk(rng);
    script_text += "type " + chunk + "\n";
    const std::string script = data + "/cycle.wms";
    std::ofstream(script) << script_text;

    // when to kill: a quarter at a random time from the start (start-up, migrations, sign-in), the rest
    // just after the k-th answer of this run was shown saved, plus a random few milliseconds
    const bool by_time = rng() % 4 == 0;
    const int delay_ms = std::uniform_int_distribution<int>(opt.min_delay_ms, opt.max_delay_ms)(rng);
    const size_t lines_before = count_lines(log);
    const size_t want_lines = lines_before + 1 + rng() % chunk.size();
    const int jitter_ms = static_cast<int>(rng() % 40);

    const pid_t pid = start_kiosk(opt, data, script, log, false);
    st.runs++;
    const auto t0 = std::chrono::steady_clock::now();
    int status = 0;
    bool exited = false;
    std::optional<std::chrono::steady_clock::time_point> kill_at;
    if (by_time) kill_at = t0 + std::chrono::milliseconds(delay_ms);
    for (;;) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      const auto now = std::chrono::steady_clock::now();
      if (!kill_at) {
        struct stat sb {};
        if (::stat(log.c_str(), &sb) == 0 && count_lines(log) >= want_lines) kill_at = now + std::chrono::milliseconds(jitter_ms);
        else if (now - t0 > std::chrono::seconds(30)) kill_at = now;  // stuck: kill and let the check judge
      }
      if (kill_at && now >= *kill_at) break;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    if (!exited) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
    }
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
      st.kills++;
      kills++;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      st.finished_ok++;
    } else {
      problem("a run ended by itself with status " + std::to_string(status) + " (see " + data +
              "/kiosk.stderr): resuming did not show what was saved");
      st.lost++;
    }

    const CheckResult c = check_shown_saved(data, log);
    shown_in_set = c.shown;
    if (c.lost > 0) {
      st.lost += c.lost;
      for (const auto& p : c.problems) problem(p);
      ok = new_data_set();
      continue;
    }
    if (opt.verbose && st.runs % 25 == 0)
      std::fprintf(stderr, "worker %d: runs=%d kills=%d (all workers %d)\n", wid, st.runs, st.kills, kills.load());
    const auto now_text = stored_text(data);
    if (now_text && now_text->size() > 300) ok = new_data_set();
  }
  st.answers_shown_saved += shown_in_set;
  std::lock_guard<std::mutex> lock(mu);
  total.kills += st.kills;
  total.runs += st.runs;
  total.finished_ok += st.finished_ok;
  total.answers_shown_saved += st.answers_shown_saved;
  total.lost += st.lost;
  total.data_sets += st.data_sets;
  for (auto& p : st.problems) total.problems.push_back(std::move(p));
}

}  // namespace

KillStats run_myviews_kills(const KillOptions& opt) {
  KillStats total;
  fs::create_directories(opt.work_dir);
  std::atomic<int> kills{0};
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int w = 0; w < std::max(1, opt.workers); w++)
    threads.emplace_back(worker, std::cref(opt), w, std::ref(kills), std::ref(total), std::ref(mu));
  for (auto& t : threads) t.join();
  return total;
}

}  // namespace waymark::soak
