// tests/mail/mail_fixture.h: what the mail tests share: a real SMTP server on loopback (smtp_sink.py, started
// here on a port the kernel picks and stopped by SIGTERM when the test ends), a demo gateway folder with the
// relay pointed at it, uploads through the real api_up (a FakeKiosk on wing Oak), and times in London terms.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/base/london_time.h"
#include "gateway/mail/notices.h"
#include "gateway/mail/queue.h"
#include "gateway/mail/relay.h"
#include "gateway/mail/sender.h"
#include "tests/web/web_fixture.h"

namespace waymark::mailtest {

namespace fs = std::filesystem;
using nlohmann::json;
using webtest::FakeKiosk;

// Unix ms of a London wall-clock time: at("2027-03-24", "08:00").
inline int64_t at(const std::string& date, const std::string& hhmm) {
  return london_to_unix(*parse_date(date), std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2))) * 1000;
}
// "2027-03-24T08:00:00Z" for WAYMARK_NOW.
inline std::string iso_utc(int64_t ms) {
  const int64_t s = ms / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_date(civil_from_days(s / 86400)).c_str(), static_cast<int>(s % 86400 / 3600),
                static_cast<int>(s % 3600 / 60), static_cast<int>(s % 60));
  return buf;
}

inline bool wait_for(const std::function<bool()>& ok, int ms) {
  for (int i = 0; i < ms / 20; i++) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return ok();
}

inline std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// The test relay: python3-aiosmtpd on 127.0.0.1, one folder of messages.
struct Sink {
  std::string dir = webtest::temp_dir("smtp");
  pid_t pid = -1;
  int port = 0;
  Sink() {
    const std::string script = std::string(WAYMARK_TESTS_DIR) + "/mail/smtp_sink.py";
    pid = ::fork();
    if (pid == 0) {
      ::execl("/usr/bin/python3", "python3", script.c_str(), dir.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const bool up = wait_for([&] { return fs::exists(fs::path(dir) / "port"); }, 15000);
    if (!up) ADD_FAILURE() << "the test SMTP server did not start: is python3-aiosmtpd installed? (scripts/setup-debian.sh)";
    else port = std::stoi(slurp(fs::path(dir) / "port"));
  }
  ~Sink() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      int st = 0;
      ::waitpid(pid, &st, 0);
    }
    fs::remove_all(dir);
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port); }
  void mode(const std::string& m) const { std::ofstream(fs::path(dir) / "mode") << m; }
  // Every message taken, in order of arrival.
  std::vector<std::string> messages() const {
    std::vector<std::pair<int, std::string>> got;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string n = e.path().filename().string();
      if (n.rfind("msg-", 0) == 0 && e.path().extension() == ".eml") got.emplace_back(std::stoi(n.substr(4)), slurp(e.path()));
    }
    std::sort(got.begin(), got.end());
    std::vector<std::string> out;
    for (auto& g : got) out.push_back(std::move(g.second));
    return out;
  }
  int events(const std::string& what) const {
    std::istringstream in(slurp(fs::path(dir) / "events"));
    int n = 0;
    for (std::string line; std::getline(in, line);) n += line == what;
    return n;
  }
};

inline std::string header(const std::string& msg, const std::string& name) {
  std::smatch m;
  if (std::regex_search(msg, m, std::regex("(^|\r\n)" + name + ": ([^\r\n]*)"))) return m[2];
  return {};
}

// A demo gateway (children 1001 Alex and 1002 Cerys on wing Oak; Sam allocated to 1001, Rhian to 1002), copied
// from one made per process, with nothing uploaded yet.
struct MailGateway {
  std::string dir;
  std::unique_ptr<Db> db;
  int64_t sam = 0, rhian = 0;
  explicit MailGateway(int64_t seed_ms) {
    static std::string tmpl;
    if (tmpl.empty()) {
      tmpl = webtest::temp_dir("mail-template");
      waymark::testing::use_test_database(tmpl);
      auto d = gateway::open_gateway(tmpl, true);
      gateway::seed_gateway_demo(*d, seed_ms);
      gateway::make_self_signed(gateway::key_path(tmpl), gateway::cert_path(tmpl), "mail test gateway", {});
    }
    dir = webtest::temp_dir("mail-gw");
    waymark::testing::copy_test_gateway(tmpl, dir);
    db = gateway::open_gateway(dir);
    sam = gateway::worker_by_email(*db, "sam.taylor@leeds-yot.example")->id;
    rhian = gateway::worker_by_email(*db, "rhian.evans@cardiff-yos.example")->id;
  }
  ~MailGateway() {
    db.reset();
    fs::remove_all(dir);
  }
  void relay(const Sink& s, int64_t now_ms) {
    gateway::set_relay(*db, gateway::RelaySettings{s.url(), "waymark@brookfield.example", false, "https://waymark.brookfield.example/sign-in"},
                       "test", now_ms);
  }
  gateway::FlushReport flush(int64_t now_ms) { return gateway::flush_mail(*db, [now_ms] { return now_ms; }); }
  int64_t count(const std::string& sql) {
    Stmt s(*db, sql);
    s.step();
    return s.i64(0);
  }
  void prefs(int64_t worker, gateway::MailMode m, int hour, int64_t now_ms) {
    gateway::set_mail_prefs(*db, worker, gateway::MailPrefs{m, hour}, "test", now_ms);
  }
};

inline json message_to(int64_t worker, const std::string& text) { return json{{"v", 1}, {"to", worker}, {"text", text}}; }

}  // namespace waymark::mailtest
