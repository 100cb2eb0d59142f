// tests/bench/bench_browser.cpp: the Chromium column and the Xvfb display of bench_kiosk (bench_browser.h).
#include "tests/bench/bench_browser.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace waymark::bench {

namespace {
using Steady = std::chrono::steady_clock;

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '&') o += "&amp;";
    else if (c == '"') o += "&quot;";
    else o += c;
  }
  return o;
}

// The parent of pid, from /proc/PID/stat (the fields after the command's closing bracket), or -1.
pid_t parent_of(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string line;
  if (!std::getline(in, line)) return -1;
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(line.substr(close + 1));
  std::string state;
  long ppid = -1;
  rest >> state >> ppid;
  return static_cast<pid_t>(ppid);
}

long pss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/smaps_rollup");
  std::string key;
  long kb = 0;
  while (in >> key) {
    if (key == "Pss:") {
      in >> kb;
      return kb;
    }
    in.ignore(1 << 12, '\n');
  }
  return 0;
}

// Forks and execs argv with stdout and stderr to /dev/null, in its own process group. Returns the pid or -1.
pid_t spawn_quiet(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  setpgid(0, 0);
  const int devnull = open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    dup2(devnull, STDOUT_FILENO);
    dup2(devnull, STDERR_FILENO);
  }
  for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execvp(argv[0], argv.data());
  _exit(127);
}
}  // namespace

std::string catalogue_page(const std::vector<Listing>& listings) {
  std::ostringstream h;
  h << "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Courses and jobs</title><style>"
       "body{margin:0;font-family:'Noto Sans','DejaVu Sans',sans-serif;background:#f4f1ea;color:#1b2430;font-size:36px}"
       "header{background:#0f6e66;color:#fff;padding:24px 48px;display:flex;gap:32px;align-items:center}"
       "header h1{margin:0;font-size:58px}input{font-size:36px;padding:12px;flex:1;border-radius:12px;border:0}"
       "nav{display:flex;gap:16px;padding:16px 48px}nav button{font-size:32px;padding:12px 24px;border-radius:28px;"
       "border:2px solid #1f5c99;background:#fff;color:#1f5c99}main{padding:0 48px}"
       ".card{background:#fff;border-radius:16px;margin:16px 0;padding:24px 32px;box-shadow:0 2px 6px #0002}"
       ".card h2{margin:0 0 8px;font-size:43px}.meta{color:#4a5563}.kind{display:inline-block;background:#e9e4d8;"
       "border-radius:8px;padding:2px 12px;margin-right:12px}.card button{font-size:32px;padding:12px 28px;"
       "border-radius:12px;border:0;background:#1f5c99;color:#fff}</style></head><body>"
       "<header><h1>Courses and jobs</h1><input placeholder=\"Type to search, for example: brick\"></header>"
       "<nav><button>All</button><button>Courses</button><button>Apprenticeships</button><button>Jobs</button>"
       "<button>Training</button><button>Clubs and sport</button></nav><main>";
  h << "<p class=\"meta\">" << listings.size() << " courses and jobs</p>";
  for (const Listing& l : listings) {
    h << "<article class=\"card\"><h2>" << esc(l.title) << "</h2><p class=\"meta\"><span class=\"kind\">" << esc(l.kind)
      << "</span>" << esc(l.provider) << " &middot; " << esc(l.place) << " &middot; starts " << esc(l.start_date)
      << " &middot; " << esc(l.duration) << "</p><p>" << esc(l.summary) << "</p><p class=\"meta\">"
      << esc(l.requirements) << "</p><button>I am interested</button></article>";
  }
  h << "</main></body></html>\n";
  return h.str();
}

long pss_kb_of_tree(pid_t root) {
  std::multimap<pid_t, pid_t> children;
  if (DIR* d = opendir("/proc")) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
      const pid_t ppid = parent_of(e->d_name);
      if (ppid > 0) children.emplace(ppid, static_cast<pid_t>(std::atol(e->d_name)));
    }
    closedir(d);
  }
  long sum = 0;
  std::vector<pid_t> todo{root};
  while (!todo.empty()) {
    const pid_t p = todo.back();
    todo.pop_back();
    sum += pss_kb(p);
    auto [a, b] = children.equal_range(p);
    for (auto it = a; it != b; ++it) todo.push_back(it->second);
  }
  return sum;
}

BrowserRun run_chromium(const std::string& page_path, const std::string& work_dir, int w, int h) {
  return run_to_screenshot({"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                            "--window-size=" + std::to_string(w) + "," + std::to_string(h),
                            "--user-data-dir=" + work_dir + "/chromium-profile", "--screenshot=" + work_dir + "/chromium.png",
                            "file://" + page_path},
                           work_dir + "/chromium.png");
}

BrowserRun run_to_screenshot(const std::vector<std::string>& args, const std::string& shot,
                             const std::vector<std::string>& env) {
  BrowserRun r;
  std::error_code ec;
  std::filesystem::remove(shot, ec);
  const auto t0 = Steady::now();
  const pid_t pid = spawn_quiet(args, env);
  if (pid < 0) {
    r.error = "cannot fork";
    return r;
  }
  long peak = 0;
  int status = 0;
  rusage ru{};
  while (true) {
    const pid_t done = wait4(pid, &status, WNOHANG, &ru);
    if (done == pid) break;
    if (std::chrono::duration<double>(Steady::now() - t0).count() > 60) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      r.error = args[0] + " took over 60 s";
      return r;
    }
    peak = std::max(peak, pss_kb_of_tree(pid));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  r.start_to_shot_ms = std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
  kill(-pid, SIGKILL);  // any helper left behind
  r.peak_pss_mb = static_cast<double>(peak) / 1024.0;
  r.cpu_s = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
            static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) r.error = args[0] + " exited with status " + std::to_string(status);
  else if (std::filesystem::file_size(shot, ec) == 0 || ec) r.error = args[0] + " wrote no screenshot";
  else r.ok = true;
  return r;
}

BrowserRun run_to_ready(const std::vector<std::string>& args, const std::string& work_dir,
                        const std::vector<std::string>& env_in) {
  BrowserRun r;
  const std::string path = work_dir + "/notify.sock";
  std::error_code ec;
  std::filesystem::remove(path, ec);
  const int sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (sock < 0 || path.size() >= sizeof addr.sun_path) {
    r.error = "cannot make a notify socket";
    if (sock >= 0) close(sock);
    return r;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  if (bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    r.error = "cannot bind the notify socket " + path;
    close(sock);
    return r;
  }
  std::vector<std::string> env = env_in;
  env.push_back("NOTIFY_SOCKET=" + path);
  const auto t0 = Steady::now();
  const pid_t pid = spawn_quiet(args, env);
  long peak = 0;
  int status = 0;
  bool ready = false, exited = false;
  while (pid > 0 && !ready && !exited) {
    char buf[512];
    const ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
    if (n > 0) {
      buf[n] = '\0';
      ready = std::strstr(buf, "READY=1") != nullptr;
      if (ready) break;
    }
    exited = waitpid(pid, &status, WNOHANG) == pid;
    if (std::chrono::duration<double>(Steady::now() - t0).count() > 60) break;
    peak = std::max(peak, pss_kb_of_tree(pid));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  r.start_to_shot_ms = std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
  peak = std::max(peak, pss_kb_of_tree(pid));  // as it stands at its first frame
  r.peak_pss_mb = static_cast<double>(peak) / 1024.0;
  close(sock);
  std::filesystem::remove(path, ec);
  if (pid > 0 && !exited) {
    kill(pid, SIGTERM);  // the kiosk stops cleanly on SIGTERM
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    r.cpu_s = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
              static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  }
  if (!ready) r.error = pid < 0 ? "cannot fork" : args[0] + " never said READY=1 (status " + std::to_string(status) + ")";
  r.ok = ready;
  return r;
}

int start_xvfb(int w, int h, pid_t* pid) {
  for (int n = 91; n < 160; n++) {
    const std::string sock = "/tmp/.X11-unix/X" + std::to_string(n);
    if (std::filesystem::exists(sock) || std::filesystem::exists("/tmp/.X" + std::to_string(n) + "-lock")) continue;
    // -noreset: by default an X server resets when its last client leaves (here every kiosk run, the only
    // client), compiling its keymap again (xkbcomp) and setting GLX up: about 19 ms of the server's CPU that
    // overlapped the next run's start. A device's display server never resets under the kiosk.
    const pid_t p = spawn_quiet({"Xvfb", ":" + std::to_string(n), "-screen", "0",
                                 std::to_string(w) + "x" + std::to_string(h) + "x24", "-nolisten", "tcp", "-noreset"});
    if (p < 0) return -1;
    bool died = false;
    for (int i = 0; i < 500 && !died; i++) {
      int status = 0;
      died = waitpid(p, &status, WNOHANG) == p;  // lost a race for this number, or no Xvfb: try the next
      if (!died && std::filesystem::exists(sock)) {
        *pid = p;
        return n;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!died) stop_xvfb(p);
  }
  return -1;
}

void stop_xvfb(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}

}  // namespace waymark::bench
