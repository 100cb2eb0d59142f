// tests/kiosk/kiosk_process_test.cpp: the kiosk as a process: restarts, signals, damaged storage.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/storage/db.h"
#include "tests/kiosk/test_util.h"

using namespace waymark::test;
namespace fs = std::filesystem;

namespace {
RunResult kiosk(const std::string& data, const std::string& shots, const std::string& script) {
  const std::string path = write_file(shots, "script.wms", script);
  return run({WAYMARK_KIOSK_BIN, "--data", data, "--headless", "--size", "1280x720", "--script", path, "--shots", shots},
             180, {"SDL_AUDIODRIVER=dummy"});
}
const char* kFiveWrong =
    "type 1001\ntap #signin.next\n"
    "type 1111\ntap #signin.submit\ntype 1111\ntap #signin.submit\ntype 1111\ntap #signin.submit\n"
    "type 1111\ntap #signin.submit\ntype 1111\ntap #signin.submit\nexpect Too many tries.\n";
}  // namespace

TEST(KioskProcess, LockoutSurvivesARestart) {
  const std::string base = fresh_dir("process/lockout");
  const std::string data = demo_dir("process/lockout-data");
  RunResult first = kiosk(data, base, kFiveWrong);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  RunResult second = kiosk(data, base,
                           "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\n"
                           "expect Too many tries. You can try again at\nexpect-not Hi Alex\nshot locked-after-restart\n");
  EXPECT_EQ(second.exit_code, 0) << second.output;
}

TEST(KioskProcess, SigtermSavesAndExitsCleanly) {
  const std::string base = fresh_dir("process/sigterm");
  const std::string data = demo_dir("process/sigterm-data");
  const std::string script = write_file(base, "long.wms", "type 1001\ntap #signin.next\nidle 3000\n");
  pid_t pid = fork();
  if (pid == 0) {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    execl(WAYMARK_KIOSK_BIN, WAYMARK_KIOSK_BIN, "--data", data.c_str(), "--headless", "--size", "800x600", "--script",
          script.c_str(), "--shots", base.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // wait until the kiosk marks the folder as in use, then ask it to stop
  for (int i = 0; i < 500 && !fs::exists(data + "/waymark.running"); i++)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_FALSE(fs::exists(data + "/waymark.running")) << "a clean stop removes the running marker";
}

TEST(KioskProcess, UncleanStopIsCheckedAndDamageRefusedWithoutTouchingTheFile) {
  const std::string base = fresh_dir("process/damaged");
  const std::string data = demo_dir("process/damaged-data");
  {
    waymark::Db db(data + "/waymark.db");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  // a crash left the marker behind, and the disk scribbled on the file
  std::ofstream(data + "/waymark.running") << 999999 << "\n";
  const std::string path = data + "/waymark.db";
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    std::string junk(4000, '\x33');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  std::ifstream in(path, std::ios::binary);
  const std::string before((std::istreambuf_iterator<char>(in)), {});
  RunResult r = kiosk(data, base, "expect This screen needs a quick fix\nexpect Please tell a member of staff.\nshot out-of-order\n");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("damaged"), std::string::npos) << r.output;
  std::ifstream in2(path, std::ios::binary);
  const std::string after((std::istreambuf_iterator<char>(in2)), {});
  EXPECT_EQ(before, after) << "the kiosk must never rebuild or repair a damaged file by itself";
}

TEST(KioskProcess, RefusesBadArguments) {
  EXPECT_EQ(run({WAYMARK_KIOSK_BIN}).exit_code, 2);
  EXPECT_EQ(run({WAYMARK_KIOSK_BIN, "--data", "/tmp/x", "--headless"}).exit_code, 2) << "headless needs a script";
  EXPECT_EQ(run({WAYMARK_KIOSK_BIN, "--data", "/tmp/x", "--size", "big"}).exit_code, 2);
  EXPECT_EQ(run({WAYMARK_KIOSK_BIN, "--data", "/tmp/x", "--script", "/nonexistent.wms", "--headless"}).exit_code, 2);
  EXPECT_EQ(run({WAYMARK_KIOSK_BIN, "--help"}).exit_code, 0);
}
