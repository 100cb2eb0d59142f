// images/ and packaging: the systemd units verify, the kiosk unit's security exposure is reported, the
// lockdown configuration is written and checked, the root file system builds with debootstrap (opt-in:
// WAYMARK_IMAGE_TEST=1, root, network to the mirror), and the .deb packages install and remove cleanly (root).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Shell {
  int rc = -1;
  std::string out;  // stdout and stderr together
};

// Runs a shell command line built only from paths this test controls.
Shell sh(const std::string& cmd) {
  Shell r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = pclose(p);
  r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

bool have(const char* tool) { return sh(std::string("command -v ") + tool + " >/dev/null").rc == 0; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

fs::path out_dir(const std::string& name) {
  fs::path d = fs::path(WAYMARK_TEST_OUT) / ("images-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

const fs::path kSrc = WAYMARK_SOURCE_DIR;

// A copy of the units where a program this machine lacks (cage, waymark-gateway) is /bin/true, so
// `verify` checks every directive instead of stopping at the missing binary.
fs::path units_for_verify(const fs::path& dir) {
  for (const char* u : {"waymark-kiosk.service", "waymark-gateway.service"}) {
    std::string text = slurp(kSrc / "images" / "units" / u);
    std::smatch m;
    const std::regex exec("^ExecStart=(\\S+)", std::regex::multiline);
    if (std::regex_search(text, m, exec) && !fs::exists(m[1].str())) {
      std::printf("[ note ] %s: %s is not on this machine; verifying with /bin/true in its place\n", u, m[1].str().c_str());
      text.replace(static_cast<size_t>(m.position(1)), static_cast<size_t>(m.length(1)), "/bin/true");
    }
    std::ofstream(dir / u) << text;
  }
  return dir;
}

}  // namespace

TEST(Units, SystemdAnalyzeVerifyIsClean) {
  if (!have("systemd-analyze")) GTEST_SKIP() << "systemd-analyze is not installed (apt-get install systemd)";
  const fs::path d = units_for_verify(out_dir("verify"));
  const Shell r = sh("systemd-analyze verify " + (d / "waymark-kiosk.service").string() + " " + (d / "waymark-gateway.service").string());
  EXPECT_EQ(r.rc, 0) << r.out;
  // unknown or misspelt directives are only warnings: there must be none
  EXPECT_EQ(r.out.find("waymark"), std::string::npos) << r.out;
}

TEST(Units, KioskSecurityExposureIsLow) {
  if (!have("systemd-analyze")) GTEST_SKIP() << "systemd-analyze is not installed (apt-get install systemd)";
  const fs::path d = units_for_verify(out_dir("security"));
  const Shell r = sh("systemd-analyze security --offline=true --no-pager " + (d / "waymark-kiosk.service").string());
  std::printf("%s\n", r.out.c_str());
  std::smatch m;
  const std::regex level("Overall exposure level for waymark-kiosk.service: ([0-9.]+)");
  ASSERT_TRUE(std::regex_search(r.out, m, level)) << r.out;
  const double exposure = std::stod(m[1].str());
  std::printf("[ figures ] systemd-analyze security exposure for waymark-kiosk.service: %.1f (0 best, 10 worst)\n", exposure);
  EXPECT_LT(exposure, 3.0);
  const Shell g = sh("systemd-analyze security --offline=true --no-pager " + (d / "waymark-gateway.service").string() +
                   " | tail -1");
  std::printf("[ figures ] %s", g.out.c_str());
}

TEST(Rootfs, LockdownConfigurationIsWrittenAndChecked) {
  const fs::path t = out_dir("config-only") / "root";
  const Shell b = sh((kSrc / "images" / "build-rootfs.sh").string() + " --config-only " + t.string());
  ASSERT_EQ(b.rc, 0) << b.out;
  const Shell c = sh((kSrc / "images" / "check-rootfs.sh").string() + " --config-only " + t.string());
  EXPECT_EQ(c.rc, 0) << c.out;
  EXPECT_NE(c.out.find("every check passed"), std::string::npos);

  // the checker can fail: a VT allowed back, a USB device allowed, a port opened
  std::string logind = slurp(t / "etc/systemd/logind.conf.d/90-waymark.conf");
  logind.replace(logind.find("NAutoVTs=0"), 10, "NAutoVTs=6");
  std::ofstream(t / "etc/systemd/logind.conf.d/90-waymark.conf") << logind;
  std::ofstream(t / "etc/usbguard/rules.conf", std::ios::app) << "allow id 046d:c31c\n";
  fs::remove(t / "etc/systemd/system/ctrl-alt-del.target");
  const Shell bad = sh((kSrc / "images" / "check-rootfs.sh").string() + " --config-only " + t.string());
  EXPECT_EQ(bad.rc, 1) << bad.out;
  EXPECT_NE(bad.out.find("FAIL  NAutoVTs=0"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("FAIL  USBGuard allows nothing else"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("FAIL  ctrl-alt-del.target masked"), std::string::npos) << bad.out;
}

TEST(Rootfs, BadSettingsAreRefusedInPlainWords) {
  const fs::path d = out_dir("bad-config");
  std::ofstream(d / "bad.conf") << slurp(kSrc / "images/waymark-image.conf") << "\nGATEWAY_ADDR=gateway.example.org\n";
  const Shell r = sh((kSrc / "images" / "build-rootfs.sh").string() + " --config-only --config " + (d / "bad.conf").string() +
                   " " + (d / "root").string());
  EXPECT_NE(r.rc, 0);
  EXPECT_NE(r.out.find("GATEWAY_ADDR must be an IP address"), std::string::npos) << r.out;
  std::ofstream(d / "bad2.conf") << slurp(kSrc / "images/waymark-image.conf") << "\nTOUCH_USB_ID=any\n";
  const Shell r2 = sh((kSrc / "images" / "build-rootfs.sh").string() + " --config-only --config " + (d / "bad2.conf").string() +
                    " " + (d / "root").string());
  EXPECT_NE(r2.rc, 0);
  EXPECT_NE(r2.out.find("TOUCH_USB_ID must be"), std::string::npos) << r2.out;
}

namespace {
// Builds the .deb packages from this build folder into dir; returns false with the output on failure.
bool make_debs(const fs::path& dir, std::string& out) {
  if (!have("cpack")) {
    out = "cpack is not installed";
    return false;
  }
  const Shell r = sh("cpack -G DEB -B " + dir.string() + " --config " + std::string(WAYMARK_BINARY_DIR) + "/CPackConfig.cmake");
  out = r.out;
  return r.rc == 0 && sh("ls " + dir.string() + "/waymark-kiosk_*.deb").rc == 0;
}

// dpkg with a wait for the lock (other installs may be running on the machine).
Shell dpkg(const std::string& args) {
  Shell r;
  for (int i = 0; i < 60; i++) {
    r = sh("dpkg " + args);
    if (r.rc == 0 || r.out.find("lock") == std::string::npos) return r;
    sleep(3);
  }
  return r;
}
}  // namespace

TEST(Packages, InstallAndRemoveCleanly) {
  if (geteuid() != 0) GTEST_SKIP() << "installing packages needs root (run the test as root to include it)";
  if (!have("dpkg")) GTEST_SKIP() << "dpkg is not available";
  if (dpkg("-s waymark-kiosk").rc == 0 || dpkg("-s waymarkctl").rc == 0)
    GTEST_SKIP() << "waymark packages are already installed on this machine; not touching them";
  const fs::path d = out_dir("debs");
  std::string out;
  ASSERT_TRUE(make_debs(d, out)) << out;
  const bool had_user = sh("getent passwd waymark").rc == 0;
  const bool had_data = fs::exists("/var/lib/waymark");

  Shell i = dpkg("-i " + (d / "waymarkctl_*.deb").string() + " " + (d / "waymark-kiosk_*.deb").string());
  ASSERT_EQ(i.rc, 0) << i.out;
  EXPECT_TRUE(fs::exists("/usr/bin/waymark-kiosk"));
  EXPECT_TRUE(fs::exists("/usr/bin/waymarkctl"));
  EXPECT_TRUE(fs::exists("/usr/share/waymark/assets/strings/en/core.json"));
  EXPECT_TRUE(fs::exists("/usr/lib/systemd/system/waymark-kiosk.service") || fs::exists("/lib/systemd/system/waymark-kiosk.service"));
  EXPECT_EQ(sh("getent passwd waymark | cut -d: -f7").out, "/usr/sbin/nologin\n");
  struct stat st {};
  ASSERT_EQ(stat("/var/lib/waymark", &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  // the installed tools find the installed assets
  const fs::path data = d / "data";
  EXPECT_EQ(sh("/usr/bin/waymarkctl demo-seed --data " + data.string()).rc, 0);
  const Shell doc = sh("/usr/bin/waymarkctl doctor --data " + data.string());
  EXPECT_NE(doc.out.find("fonts (standard)     found"), std::string::npos) << doc.out;
  EXPECT_NE(sh("/usr/bin/waymark-kiosk --help").out.find("usage: waymark-kiosk"), std::string::npos);

  Shell r = dpkg("-r waymark-kiosk waymarkctl");
  EXPECT_EQ(r.rc, 0) << r.out;
  EXPECT_FALSE(fs::exists("/usr/bin/waymark-kiosk"));
  EXPECT_FALSE(fs::exists("/usr/bin/waymarkctl"));
  EXPECT_FALSE(fs::exists("/usr/share/waymark"));
  EXPECT_FALSE(fs::exists("/usr/lib/systemd/system/waymark-kiosk.service"));
  Shell p = dpkg("--purge waymark-kiosk waymarkctl");
  EXPECT_EQ(p.rc, 0) << p.out;
  if (!had_user) EXPECT_NE(sh("getent passwd waymark").rc, 0) << "purge removes the user it made";
  if (!had_data) EXPECT_FALSE(fs::exists("/var/lib/waymark")) << "purge removes the empty data folder it made";
  EXPECT_NE(dpkg("-s waymark-kiosk").rc, 0);
}

TEST(Rootfs, DebootstrapBuildPassesEveryCheck) {
  const char* opt_in = std::getenv("WAYMARK_IMAGE_TEST");
  if (!opt_in || std::string(opt_in) != "1")
    GTEST_SKIP() << "the debootstrap build takes minutes and downloads packages: set WAYMARK_IMAGE_TEST=1 to run it";
  if (geteuid() != 0) GTEST_SKIP() << "debootstrap needs root";
  if (!have("debootstrap")) GTEST_SKIP() << "debootstrap is not installed (apt-get install debootstrap)";
  if (sh("curl -sfI --max-time 10 http://deb.debian.org/debian/dists/bookworm/Release").rc != 0)
    GTEST_SKIP() << "no network to the Debian mirror (http://deb.debian.org)";
  const fs::path d = out_dir("debootstrap");
  std::string out;
  ASSERT_TRUE(make_debs(d / "debs", out)) << out;
  const fs::path root = d / "root";
  const Shell b = sh((kSrc / "images" / "build-rootfs.sh").string() + " --debs " + (d / "debs").string() + " " + root.string() +
                   " > " + (d / "build.log").string());
  ASSERT_EQ(b.rc, 0) << b.out << slurp(d / "build.log").substr(0, 20000);
  const Shell c = sh((kSrc / "images" / "check-rootfs.sh").string() + " " + root.string());
  std::printf("%s\n", c.out.c_str());
  EXPECT_EQ(c.rc, 0);
  const Shell size = sh("du -sh --apparent-size " + root.string() + " | cut -f1");
  std::printf("[ figures ] root file system: %s", size.out.c_str());
}
