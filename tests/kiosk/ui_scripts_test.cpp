// tests/kiosk/ui_scripts_test.cpp: runs every scripted UI test in tests/ui/scripts/*.wms against the real
// waymark-kiosk, headless on the CPU renderer, each on a fresh data folder with the demo establishment. Screenshots go to
// <build>/test-output/ui/<script>/ (look at them).
//
// Directives in a script's leading comment lines:
//   # kiosk-args: --size 1280x720 --idle-seconds 30     extra arguments for waymark-kiosk
//   # expect-exit: 1                                      the exit code the script must end with (default 0)
//   # expect-output: text                                 the kiosk's output must contain this text
//   # empty-data                                          start from an empty folder (no demo seed)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/kiosk/test_util.h"

namespace fs = std::filesystem;
using namespace waymark::test;

namespace {

std::vector<std::string> scripts() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(WAYMARK_UI_SCRIPTS))
    if (e.path().extension() == ".wms") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct Directives {
  std::vector<std::string> args;
  int expect_exit = 0;
  std::vector<std::string> expect_output;
  bool empty_data = false;
};

Directives directives(const std::string& path) {
  Directives d;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) != 0) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      break;
    }
    auto value = [&](const std::string& key) -> std::optional<std::string> {
      const std::string k = "# " + key + ":";
      if (line.rfind(k, 0) != 0) return std::nullopt;
      std::string v = line.substr(k.size());
      v.erase(0, v.find_first_not_of(' '));
      return v;
    };
    if (auto v = value("kiosk-args")) {
      std::istringstream ss(*v);
      std::string a;
      while (ss >> a) d.args.push_back(a);
    }
    if (auto v = value("expect-exit")) d.expect_exit = std::stoi(*v);
    if (auto v = value("expect-output")) d.expect_output.push_back(*v);
    if (line == "# empty-data") d.empty_data = true;
  }
  return d;
}

class UiScript : public ::testing::TestWithParam<std::string> {};

TEST_P(UiScript, Plays) {
  const std::string name = GetParam();
  const std::string script = std::string(WAYMARK_UI_SCRIPTS) + "/" + name + ".wms";
  const Directives d = directives(script);
  const std::string base = fresh_dir("ui/" + name);
  std::string data = base + "/data";
  if (!d.empty_data) {
    RunResult seed = run({WAYMARK_CTL_BIN, "demo-seed", "--data", data}, 60);
    ASSERT_EQ(seed.exit_code, 0) << seed.output;
  }
  // --renderer cpu (headless's default, said out loud): every script passes on the CPU renderer (issue 17)
  std::vector<std::string> argv = {WAYMARK_KIOSK_BIN, "--data", data, "--headless", "--renderer", "cpu",
                                   "--script", script, "--shots", base};
  argv.insert(argv.end(), d.args.begin(), d.args.end());
  RunResult r = run(argv, 300, {"SDL_AUDIODRIVER=dummy"});
  EXPECT_FALSE(r.timed_out) << r.output;
  EXPECT_EQ(r.exit_code, d.expect_exit) << r.output;
  for (const auto& o : d.expect_output) EXPECT_NE(r.output.find(o), std::string::npos) << "missing \"" << o << "\" in:\n" << r.output;
}

INSTANTIATE_TEST_SUITE_P(Scripts, UiScript, ::testing::ValuesIn(scripts()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string n = i.param;
                           std::replace_if(n.begin(), n.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                           return n;
                         });

}  // namespace
