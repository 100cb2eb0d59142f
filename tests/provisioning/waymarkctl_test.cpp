// waymarkctl end to end: the real binary, its words and its exit codes.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/storage/db.h"
#include "core/storage/device_store.h"
#include "core/messaging/outbox.h"
#include "core/ops/provisioning.h"

namespace fs = std::filesystem;
using namespace waymark;

namespace {

struct Out {
  int rc = -1;
  std::string text;  // stdout + stderr
};

// stdin_text is piped in (for PINs); args are fixed test strings.
Out ctl(const std::string& args, const std::string& stdin_text = {}) {
  const fs::path in = fs::path(WAYMARK_TEST_OUT) / ("ctl-stdin-" + std::to_string(getpid()));
  std::ofstream(in) << stdin_text;
  Out o;
  FILE* p = popen((std::string(WAYMARK_CTL_BIN) + " " + args + " < " + in.string() + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) o.text.append(buf.data(), n);
  const int st = pclose(p);
  o.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  fs::remove(in);
  return o;
}

class Ctl : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::path(WAYMARK_TEST_OUT) / ("ctl-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_.parent_path());
    ASSERT_EQ(ctl("demo-seed --data " + data()).rc, 0);
  }
  std::string data() const { return dir_.string(); }
  fs::path dir_;
};

}  // namespace

TEST_F(Ctl, EveryCommandHasHelp) {
  for (const char* c : {"init", "demo-seed", "staff", "check", "keys", "pack", "listings", "enrol", "sync", "form-check",
                        "form-install", "doctor", "status", "wipe", "decommission", "strings"}) {
    const Out o = ctl(std::string(c) + " --help");
    EXPECT_EQ(o.rc, 0) << c;
    EXPECT_NE(o.text.find("usage: waymarkctl " + std::string(c)), std::string::npos) << c << ": " << o.text;
  }
  EXPECT_EQ(ctl("no-such-command").rc, 2);
  EXPECT_EQ(ctl("doctor").rc, 2) << "no --data";
  EXPECT_EQ(ctl("status --data").rc, 2) << "--data without a value";
}

// One parser for every command (cli/command_line.h): what is wrong with a command line is said in one plain
// line, and help works wherever --help stands.
TEST_F(Ctl, UsageErrorsAreSaidPlainly) {
  Out o = ctl("");
  EXPECT_EQ(o.rc, 2);
  EXPECT_NE(o.text.find("usage: waymarkctl COMMAND"), std::string::npos) << o.text;
  o = ctl("--help");
  EXPECT_EQ(o.rc, 0);
  EXPECT_NE(o.text.find("  doctor --data DIR [--json]"), std::string::npos) << o.text;
  o = ctl("no-such-command");
  EXPECT_NE(o.text.find("waymarkctl: unknown command no-such-command"), std::string::npos) << o.text;
  o = ctl("status --data " + data() + " --frobnicate");
  EXPECT_EQ(o.rc, 2);
  EXPECT_NE(o.text.find("waymarkctl status: unknown option --frobnicate"), std::string::npos) << o.text;
  o = ctl("status --data");
  EXPECT_NE(o.text.find("waymarkctl status: --data needs a value"), std::string::npos) << o.text;
  o = ctl("pack frobnicate");
  EXPECT_EQ(o.rc, 2);
  EXPECT_NE(o.text.find("waymarkctl pack: unknown subcommand frobnicate"), std::string::npos) << o.text;
  o = ctl("staff");
  EXPECT_EQ(o.rc, 2);
  EXPECT_NE(o.text.find("say which: list, add, reset-pin"), std::string::npos) << o.text;
  o = ctl("pack install a.pack b.pack --data " + data());
  EXPECT_EQ(o.rc, 2);
  EXPECT_NE(o.text.find("unexpected word b.pack"), std::string::npos) << o.text;
  o = ctl("pack install --help");
  EXPECT_EQ(o.rc, 0);
  EXPECT_NE(o.text.find("usage: waymarkctl pack build"), std::string::npos) << o.text;
  o = ctl("doctor --data=" + data() + " --json");
  EXPECT_EQ(o.rc, 3) << "--name=value is the same as --name value: " << o.text;
}

TEST_F(Ctl, StaffAddResetAndList) {
  Out o = ctl("staff add --data " + data() + " --number 9100 --name 'Ann Jones' --roles it,wing_officer", "4826\n");
  EXPECT_EQ(o.rc, 0) << o.text;
  EXPECT_EQ(o.text.find("4826"), std::string::npos) << "the PIN is never printed";
  o = ctl("staff add --data " + data() + " --number 9100 --name Again --roles it", "5937\n");
  EXPECT_EQ(o.rc, 1) << "the number exists: " << o.text;
  EXPECT_NE(o.text.find("reset-pin"), std::string::npos);
  EXPECT_EQ(ctl("staff add --data " + data() + " --number 9101 --name B --roles it", "1111\n").rc, 2);
  EXPECT_EQ(ctl("staff add --data " + data() + " --number 9101 --name B --roles it", "12345\n").rc, 2);
  EXPECT_EQ(ctl("staff add --data " + data() + " --number 9101 --name B --roles it", "48a6\n").rc, 2);
  EXPECT_EQ(ctl("staff add --data " + data() + " --number 9101 --name B --roles it", "").rc, 2) << "no PIN on stdin";
  o = ctl("staff add --data " + data() + " --number 9101 --name B --roles governor", "4826\n");
  EXPECT_EQ(o.rc, 2);
  EXPECT_NE(o.text.find("unknown role \"governor\""), std::string::npos) << o.text;
  EXPECT_EQ(ctl("staff add --data " + data() + " --number 91x1 --name B --roles it", "4826\n").rc, 2);
  EXPECT_EQ(ctl("staff reset-pin --data " + data() + " --number 9100 --pin 7391").rc, 0);
  EXPECT_EQ(ctl("staff reset-pin --data " + data() + " --number 9999 --pin 7391").rc, 1);
  o = ctl("staff list --data " + data() + " --json");
  ASSERT_EQ(o.rc, 0) << o.text;
  const auto j = nlohmann::json::parse(o.text);
  ASSERT_EQ(j.size(), 3u);
  bool found = false;
  for (const auto& s : j)
    if (s["number"] == "9100") {
      found = true;
      EXPECT_EQ(s["name"], "Ann Jones");
      EXPECT_TRUE(s["can_exit_kiosk"].get<bool>());
    }
  EXPECT_TRUE(found);
  // the new PIN works and the audit says who was added
  Db db(device_db_path(data()));
  Stmt s(db, "SELECT count(*) FROM audit WHERE action IN ('staff-add', 'staff-reset-pin') AND detail = '9100'");
  s.step();
  EXPECT_EQ(s.i32(0), 2);
}

TEST_F(Ctl, StatusJsonAndDoctorExitCodes) {
  Out o = ctl("status --data " + data() + " --json");
  ASSERT_EQ(o.rc, 0) << o.text;
  const auto j = nlohmann::json::parse(o.text);
  EXPECT_EQ(j["children"], 2);
  EXPECT_EQ(j["enrolled"], false);
  EXPECT_EQ(j["kiosk_running"], false);
  EXPECT_EQ(j["outbox_waiting"], 0);
  o = ctl("doctor --data " + data());
  EXPECT_EQ(o.rc, 3) << "not enrolled is a warning: " << o.text;
  EXPECT_NE(o.text.find("warning  gateway              not enrolled"), std::string::npos) << o.text;
  o = ctl("doctor --data " + data() + " --json");
  EXPECT_EQ(nlohmann::json::parse(o.text)["result"], "warning");
  EXPECT_EQ(ctl("doctor --data " + (dir_ / "nothing-here").string()).rc, 1);
  EXPECT_EQ(ctl("status --data " + (dir_ / "nothing-here").string()).rc, 1);
}

TEST_F(Ctl, WipeRefusesWithoutYesWhileTheKioskRunsAndWhileRecordsWait) {
  EXPECT_EQ(ctl("wipe --data " + data()).rc, 2);
  {
    Db db(device_db_path(data()));
    Txn t(db);
    outbox_add(db, "myviews", "1001", "{\"text\":\"my words\"}", 1);
    t.commit();
  }
  Out o = ctl("wipe --data " + data() + " --yes");
  EXPECT_EQ(o.rc, 1);
  EXPECT_NE(o.text.find("have not reached the gateway"), std::string::npos) << o.text;
  // a kiosk is running (this test process stands in for it)
  std::ofstream(dir_ / "waymark.running") << getpid() << "\n";
  o = ctl("wipe --data " + data() + " --yes --force");
  EXPECT_EQ(o.rc, 1);
  EXPECT_NE(o.text.find("the kiosk is running"), std::string::npos) << o.text;
  fs::remove(dir_ / "waymark.running");
  o = ctl("wipe --data " + data() + " --yes --force");
  EXPECT_EQ(o.rc, 0) << o.text;
  EXPECT_NE(o.text.find("wiped: 2 children, 2 outbox records"), std::string::npos) << o.text;  // the message above and Alex's demo enquiry
  const Out s = ctl("status --data " + data() + " --json");
  EXPECT_EQ(nlohmann::json::parse(s.text)["children"], 0);
  EXPECT_EQ(nlohmann::json::parse(s.text)["staff"], 2);
}

TEST_F(Ctl, DecommissionNeedsTheGatewayToldOrOffline) {
  {
    Db db(device_db_path(data()));
    Txn t(db);
    meta_set(db, kMetaGatewayUrl, "https://10.20.0.10:8443");
    meta_set(db, kMetaDeviceId, "dev-42");
    t.commit();
  }
  std::ofstream(dir_ / "device.key") << "private key bytes";
  EXPECT_EQ(ctl("decommission --data " + data()).rc, 2);
  Out o = ctl("decommission --data " + data() + " --yes");
  EXPECT_EQ(o.rc, 1);
  EXPECT_NE(o.text.find("could not tell the gateway"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("--offline"), std::string::npos) << o.text;
  EXPECT_TRUE(fs::exists(dir_ / "device.key")) << "nothing removed when refused";
  o = ctl("decommission --data " + data() + " --yes --offline");
  EXPECT_EQ(o.rc, 0) << o.text;
  EXPECT_NE(o.text.find("revoke device dev-42"), std::string::npos) << o.text;
  EXPECT_FALSE(fs::exists(dir_));
}

TEST(CtlAsRoot, WorksAsTheDataFolderOwnerSoTheKioskCanStillWrite) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (the case is `sudo waymarkctl` on /var/lib/waymark)";
  const fs::path dir = fs::path("/tmp") / ("waymark-owner-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const uid_t nobody = 65534;
  ASSERT_EQ(chown(dir.c_str(), nobody, nobody), 0);
  const Out o = ctl("demo-seed --data " + dir.string());
  EXPECT_EQ(o.rc, 0) << o.text;
  for (const auto& e : fs::directory_iterator(dir)) {
    struct stat st {};
    ASSERT_EQ(stat(e.path().c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, nobody) << e.path() << " must belong to the folder's owner";
  }
  fs::remove_all(dir);
}

// Issue 13: a pack's version is at most 1,000,000,000, and `pack build` refuses a jump of more than 1,000 over
// the previous version (--previous N, else the device's installed pack with --data, else 0) unless
// --allow-big-jump, so one typo cannot make every later pack "not newer".
TEST_F(Ctl, PackBuildBoundsTheVersion) {
  const std::string out = (dir_ / "t.pack").string();
  const std::string build = "pack build --from " + std::string(WAYMARK_SOURCE_DIR) + "/assets/catalogue --id demo " +
                            "--expires 2099-01-01 --out " + out + " --version ";
  Out o = ctl(build + "9223372036854775807");
  EXPECT_EQ(o.rc, 2) << o.text;
  EXPECT_NE(o.text.find("from 1 to 1000000000"), std::string::npos) << o.text;
  o = ctl(build + "1000000001 --allow-big-jump");
  EXPECT_EQ(o.rc, 2) << o.text;
  o = ctl(build + "1500");
  EXPECT_EQ(o.rc, 2) << o.text;
  EXPECT_NE(o.text.find("--allow-big-jump"), std::string::npos) << o.text;
  EXPECT_EQ(ctl(build + "1500 --allow-big-jump").rc, 0);
  EXPECT_EQ(ctl(build + "1500 --previous 600").rc, 0);
  EXPECT_EQ(ctl(build + "600 --previous 600").rc, 2) << "not newer";
  // against the device's installed pack
  o = ctl("pack status --data " + data());
  if (o.text.find("version 2") != std::string::npos) {
    EXPECT_EQ(ctl(build + "1002 --data " + data()).rc, 0);
    EXPECT_EQ(ctl(build + "1003 --data " + data()).rc, 2);
  }
}
