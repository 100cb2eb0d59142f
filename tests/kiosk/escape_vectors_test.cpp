// The kiosk under attack: every escape vector in tests/ESCAPE_VECTORS.md, run against the real
// waymark-kiosk binary headless on a fresh demo-seeded data folder. Each script ends with `expect-safe`
// (one shown window, no stray ImGui window or popup, on sign-in or home) and must run to its end, so the
// kiosk is still up. Also: a fatal signal exits 70 with a log line, and under systemd the kiosk says
// READY=1 and pings WATCHDOG=1 from its idle loop without drawing or burning CPU.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

const char* kSize = "1280x720";  // smaller than a wall screen, to keep the software renderer quick

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) n++;
  return n;
}

struct Proc {
  pid_t pid = -1;
  fs::path err;
};

// Starts a program with stdout/stderr to a file and extra environment variables.
Proc spawn(const std::vector<std::string>& argv, const fs::path& err, const std::vector<std::string>& env = {}) {
  Proc p;
  p.err = err;
  p.pid = fork();
  if (p.pid == 0) {
    const int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> a;
    for (const std::string& s : argv) a.push_back(const_cast<char*>(s.c_str()));
    a.push_back(nullptr);
    execv(a[0], a.data());
    _exit(127);
  }
  return p;
}

int wait_exit(pid_t pid, int* signal_out = nullptr) {
  int st = 0;
  waitpid(pid, &st, 0);
  if (WIFSIGNALED(st)) {
    if (signal_out) *signal_out = WTERMSIG(st);
    return -1;
  }
  return WEXITSTATUS(st);
}

class EscapeVectors : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::path(WAYMARK_TEST_OUT) / ("escape-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    data_ = dir_ / "data";
    Proc seed = spawn({WAYMARK_CTL_BIN, "demo-seed", "--data", data_.string()}, dir_ / "seed.log");
    ASSERT_EQ(wait_exit(seed.pid), 0) << slurp(dir_ / "seed.log");
  }
  // Runs a script from tests/ui/scripts; returns the exit code, stderr in log_.
  int run_script(const std::string& name) {
    Proc p = spawn({WAYMARK_KIOSK_BIN, "--data", data_.string(), "--headless", "--size", kSize, "--script",
                    std::string(WAYMARK_UI_SCRIPTS) + "/" + name, "--shots", (dir_ / "shots").string()},
                   dir_ / "kiosk.log");
    const int rc = wait_exit(p.pid);
    log_ = slurp(dir_ / "kiosk.log");
    return rc;
  }
  fs::path dir_, data_;
  std::string log_;
};

}  // namespace

TEST_F(EscapeVectors, ChordsOnSignInChangeNothing) {
  ASSERT_EQ(run_script("escape_chords_signin.wms"), 0) << log_;
  EXPECT_NE(log_.find("every expectation held"), std::string::npos);
  // alt+f4, ctrl+w, ctrl+q each brought a window close and a quit request (one frame each): all ignored
  EXPECT_EQ(count(log_, "ignored a request to quit"), 3) << log_;
}

TEST_F(EscapeVectors, ChordsWhileSignedInChangeNothing) {
  ASSERT_EQ(run_script("escape_chords_home.wms"), 0) << log_;
  EXPECT_EQ(count(log_, "ignored a request to quit"), 3) << log_;
  EXPECT_EQ(log_.find("signed out"), std::string::npos) << "a chord must not sign the child out: " << log_;
}

TEST_F(EscapeVectors, LongPressIsJustAPress) { ASSERT_EQ(run_script("escape_long_press.wms"), 0) << log_; }

TEST_F(EscapeVectors, TwoFingersCancelThePress) { ASSERT_EQ(run_script("escape_multi_finger.wms"), 0) << log_; }

TEST_F(EscapeVectors, QuitAndCloseRequestsAreIgnored) {
  ASSERT_EQ(run_script("escape_quit_requests.wms"), 0) << log_;
  EXPECT_EQ(count(log_, "ignored a request to quit"), 6) << log_;
}

TEST_F(EscapeVectors, TextFieldTricksReachNoField) { ASSERT_EQ(run_script("escape_text_tricks.wms"), 0) << log_; }

TEST_F(EscapeVectors, RapidTappingKeepsUp) { ASSERT_EQ(run_script("escape_rapid_taps.wms"), 0) << log_; }

TEST_F(EscapeVectors, ExpectSafeCanFail) {
  // the check itself must be able to say no: the help screen is not a safe screen
  const fs::path script = dir_ / "unsafe.wms";
  std::ofstream(script) << "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\ntap #home.help\nexpect-safe\n";
  Proc p = spawn({WAYMARK_KIOSK_BIN, "--data", data_.string(), "--headless", "--size", kSize, "--script", script.string()},
                 dir_ / "kiosk.log");
  EXPECT_EQ(wait_exit(p.pid), 1);
  EXPECT_NE(slurp(dir_ / "kiosk.log").find("not sign-in or home"), std::string::npos);
}

namespace {
struct NotifySocket {
  int fd = -1;
  std::string path;
  explicit NotifySocket(const fs::path& p) : path(p.string()) {
    fs::remove(p);
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  }
  ~NotifySocket() {
    if (fd >= 0) close(fd);
    fs::remove(path);
  }
  // one datagram, or "" after timeout_ms
  std::string recv_one(int timeout_ms) {
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, timeout_ms) <= 0) return {};
    char buf[512];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  }
};

long cpu_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t close_paren = s.rfind(')');
  if (close_paren == std::string::npos) return -1;
  std::istringstream ss(s.substr(close_paren + 2));
  std::string f;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15; i++) {
    ss >> f;
    if (i == 14) utime = std::atol(f.c_str());
    if (i == 15) stime = std::atol(f.c_str());
  }
  return utime + stime;
}
}  // namespace

TEST_F(EscapeVectors, UnderSystemdItIsReadyPingsTheWatchdogWhileIdleAndAFatalSignalExits70) {
  // /tmp: a unix socket path must be short
  NotifySocket sock(fs::path("/tmp") / ("waymark-notify-" + std::to_string(getpid()) + ".sock"));
  ASSERT_GE(sock.fd, 0);
  const fs::path script = dir_ / "idle.wms";
  std::ofstream(script) << "idle-real 30000\n";
  Proc p = spawn({WAYMARK_KIOSK_BIN, "--data", data_.string(), "--headless", "--size", kSize, "--script", script.string()},
                 dir_ / "kiosk.log",
                 // WATCHDOG_PID is the kiosk's parent here, as cage is on the device
                 {"NOTIFY_SOCKET=" + sock.path, "WATCHDOG_USEC=300000", "WATCHDOG_PID=" + std::to_string(getpid())});
  std::string ready;
  for (int i = 0; i < 40 && ready.find("READY=1") == std::string::npos; i++) ready = sock.recv_one(500);
  ASSERT_NE(ready.find("READY=1"), std::string::npos) << slurp(dir_ / "kiosk.log");

  // idle: the loop sleeps but wakes every 150 ms to ping
  const long cpu0 = cpu_ticks(p.pid);
  const auto t0 = std::chrono::steady_clock::now();
  int pings = 0;
  while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1500))
    if (sock.recv_one(400).find("WATCHDOG=1") != std::string::npos) pings++;
  const long cpu_used = cpu_ticks(p.pid) - cpu0;
  EXPECT_GE(pings, 6) << "want a ping every 150 ms";
  EXPECT_LE(pings, 16);
  EXPECT_LE(cpu_used, 15) << "an idle kiosk must not draw for the watchdog (ticks of CPU in 1.5 s)";
  std::fprintf(stderr, "[ figures ] %d watchdog pings in 1.5 s idle, %ld clock ticks of CPU\n", pings, cpu_used);

  kill(p.pid, SIGSEGV);
  int sig = 0;
  EXPECT_EQ(wait_exit(p.pid, &sig), 70) << "killed by signal " << sig;
  const std::string log = slurp(dir_ / "kiosk.log");
  EXPECT_NE(log.find("fatal signal 11 (SIGSEGV)"), std::string::npos) << log;
  EXPECT_NE(slurp(data_ / "waymark-crash.log").find("fatal signal 11 (SIGSEGV)"), std::string::npos);
  EXPECT_TRUE(fs::exists(data_ / "waymark.running")) << "the marker stays so the next start checks the database";
}

TEST_F(EscapeVectors, AbortExits70AndTheNextStartChecksTheDatabase) {
  const fs::path script = dir_ / "idle.wms";
  std::ofstream(script) << "idle-real 30000\n";
  Proc p = spawn({WAYMARK_KIOSK_BIN, "--data", data_.string(), "--headless", "--size", kSize, "--script", script.string()},
                 dir_ / "kiosk.log");
  for (int i = 0; i < 100 && !fs::exists(data_ / "waymark.running"); i++) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(p.pid, SIGABRT);
  EXPECT_EQ(wait_exit(p.pid), 70);
  EXPECT_NE(slurp(dir_ / "kiosk.log").find("(SIGABRT)"), std::string::npos);
  // the restart notices and checks
  const fs::path s2 = dir_ / "check.wms";
  std::ofstream(s2) << "expect-safe\n";
  Proc q = spawn({WAYMARK_KIOSK_BIN, "--data", data_.string(), "--headless", "--size", kSize, "--script", s2.string()},
                 dir_ / "kiosk2.log");
  EXPECT_EQ(wait_exit(q.pid), 0);
  EXPECT_NE(slurp(dir_ / "kiosk2.log").find("did not stop cleanly"), std::string::npos);
}
