#include "tests/kiosk/test_util.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace waymark::test {

RunResult run(const std::vector<std::string>& argv, int timeout_s, const std::vector<std::string>& env) {
  RunResult r;
  char tmpl[] = "/tmp/waymark-run-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) return r;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
    setpgid(0, 0);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int status = 0;
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  lseek(fd, 0, SEEK_SET);
  std::ifstream in(tmpl);
  std::stringstream ss;
  ss << in.rdbuf();
  r.output = ss.str();
  close(fd);
  unlink(tmpl);
  return r;
}

std::string fresh_dir(const std::string& name) {
#ifdef WAYMARK_TEST_OUT
  fs::path base = WAYMARK_TEST_OUT;
#else
  fs::path base = fs::temp_directory_path() / "waymark-tests";
#endif
  fs::path d = base / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d.string();
}

std::string demo_dir(const std::string& name) {
  std::string d = fresh_dir(name) + "/data";
#ifdef WAYMARK_CTL_BIN
  run({WAYMARK_CTL_BIN, "demo-seed", "--data", d}, 60);
#endif
  return d;
}

std::string write_file(const std::string& dir, const std::string& name, const std::string& content) {
  fs::create_directories(dir);
  std::string p = (fs::path(dir) / name).string();
  std::ofstream(p) << content;
  return p;
}

}  // namespace waymark::test
