// tests/kiosk/test_util.h: running the real binaries from tests (fork/exec, captured output, a time limit).
#pragma once

#include <string>
#include <vector>

namespace waymark::test {

struct RunResult {
  int exit_code = -1;   // -1 when killed by a signal or timed out
  int signal = 0;
  bool timed_out = false;
  std::string output;   // stdout and stderr together
};

// Runs argv[0] with the arguments, waits up to timeout_s, returns its exit code and output.
RunResult run(const std::vector<std::string>& argv, int timeout_s = 120, const std::vector<std::string>& env = {});

// A fresh empty folder under WAYMARK_TEST_OUT (or /tmp), removed by the caller if wanted.
std::string fresh_dir(const std::string& name);
// A fresh data folder with the demo establishment.
std::string demo_dir(const std::string& name);
std::string write_file(const std::string& dir, const std::string& name, const std::string& content);

}  // namespace waymark::test
