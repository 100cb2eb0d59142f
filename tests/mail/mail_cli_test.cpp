// tests/mail/mail_cli_test.cpp: `waymark-gateway mail` as IT runs it, and the running gateway's sender:
//  - bad relay settings are refused when set and change nothing;
//  - `mail status` and `mail flush` say, in the relay's words, why it refuses;
//  - `mail flush` killed (SIGKILL) while the relay holds the message, or before it has it, then run again:
//    every notice is in exactly one queued email, each email reaches the relay under its one Message-ID, and
//    none is lost;
//  - `serve`: a child's message uploaded over HTTPS reaches the worker's mailbox within a minute.
// WAYMARK_NOW gives each `waymark-gateway` process its "now"; the SMTP server is started and stopped here.
#include <httplib.h>
#include <sodium.h>

#include <set>

#include "core/sync/sync_proto.h"
#include "gateway/net/server.h"
#include "tests/mail/mail_fixture.h"

using namespace waymark;
using namespace waymark::mailtest;

namespace {

const int64_t kT0 = at("2027-03-01", "09:00");
const std::string kGw = WAYMARK_GATEWAY_BIN;

struct Ran {
  int code = -1;
  std::string out;
};
// Runs waymark-gateway with WAYMARK_NOW at `now_ms`; stdout and stderr together.
Ran gw(const std::string& args, int64_t now_ms) {
  Ran r;
  FILE* p = ::popen(("WAYMARK_NOW=" + iso_utc(now_ms) + " " + kGw + " " + args + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// `mail flush` in a child process we can kill.
pid_t start_flush(const std::string& dir, int64_t now_ms) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("WAYMARK_NOW", iso_utc(now_ms).c_str(), 1);
    std::freopen("/dev/null", "w", stdout);
    ::execl(kGw.c_str(), "waymark-gateway", "mail", "flush", "--data", dir.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
}

TEST(MailCli, BadRelaySettingsAreRefusedAndChangeNothing) {
  MailGateway g(kT0);
  const std::string d = " --data " + g.dir;
  struct Bad {
    std::string args, says;
    int code;
  };
  const std::vector<Bad> bad = {
      {"--smtp http://relay.example:25 --from waymark@brookfield.example", "smtp:// or smtps://", 1},
      {"--smtp relay.example:25 --from waymark@brookfield.example", "smtp:// or smtps://", 1},
      {"--smtp smtp://relay.example:0 --from waymark@brookfield.example", "port must be 1 to 65535", 1},
      {"--smtp smtp://relay.example:70000 --from waymark@brookfield.example", "port must be 1 to 65535", 1},
      {"--smtp smtp://user:secret@relay.example:25 --from waymark@brookfield.example", "user name or password", 1},
      {"--smtp smtp://relay.example:25/x --from waymark@brookfield.example", "nothing after the port", 1},
      {"--smtp smtp://relay.example:25 --from waymark", "not an email address", 1},
      {"--smtp smtp://relay.example:25 --from 'Waymark <waymark@brookfield.example>'", "not an email address", 1},
      {"--smtp smtp://relay.example:25 --from waymark@localhost", "not an email address", 1},
      {"--smtp smtps://relay.example:465 --from waymark@brookfield.example --starttls required", "smtps:// is TLS", 1},
      {"--smtp smtp://relay.example:25 --from waymark@brookfield.example --starttls maybe", "--starttls takes one value", 2},
      {"--smtp smtp://relay.example:25 --from waymark@brookfield.example --sign-in http://w.example/", "https://", 1},
      {"--smtp smtp://relay.example:25", "--from are required", 2},
  };
  for (const Bad& b : bad) {
    const Ran r = gw("mail set" + d + " " + b.args, kT0);
    EXPECT_EQ(r.code, b.code) << b.args << "\n" << r.out;
    EXPECT_NE(r.out.find(b.says), std::string::npos) << b.args << "\n" << r.out;
  }
  EXPECT_NE(gw("mail status" + d, kT0).out.find("relay     not set"), std::string::npos);
  EXPECT_EQ(g.count("SELECT count(*) FROM audit WHERE action = 'mail.relay_set'"), 0);
  // Header injection through the From address is refused by the same check (and a worker's address is checked
  // again before it goes into a header).
  EXPECT_FALSE(gateway::check_mail_address("waymark@brookfield.example\r\nBcc: everyone@example.org").empty());
  const Ran ok = gw("mail set" + d + " --smtp smtp://relay.example:2525 --from waymark@brookfield.example --starttls required "
                    "--sign-in https://waymark.brookfield.example/sign-in", kT0);
  EXPECT_EQ(ok.code, 0) << ok.out;
  const Ran st = gw("mail status" + d, kT0);
  EXPECT_NE(st.out.find("relay     smtp://relay.example:2525 (STARTTLS required)"), std::string::npos) << st.out;
  EXPECT_NE(st.out.find("sign-in   https://waymark.brookfield.example/sign-in"), std::string::npos) << st.out;
  EXPECT_EQ(g.count("SELECT count(*) FROM audit WHERE action = 'mail.relay_set'"), 1);
}

TEST(MailCli, StatusAndFlushSayInTheRelaysWordsWhyItRefuses) {
  Sink sink;
  sink.mode("refuse");
  MailGateway g(kT0);
  g.relay(sink, kT0);
  FakeKiosk k(*g.db);
  k.up(*g.db, "message", "1001", message_to(g.sam, "one"), kT0);
  const std::string d = " --data " + g.dir;
  const Ran f = gw("mail flush" + d, kT0 + 1000);  // a second after the upload (see kill_during_sending)
  EXPECT_EQ(f.code, 1) << f.out;
  EXPECT_NE(f.out.find("the relay refused: 550 5.7.1 Message refused by the test relay's policy"), std::string::npos) << f.out;
  const Ran st = gw("mail status" + d, kT0 + 1000);
  EXPECT_NE(st.out.find("1 queued"), std::string::npos) << st.out;
  EXPECT_NE(st.out.find("problem   2027-03-01 09:00 (London): the relay refused: 550 5.7.1"), std::string::npos) << st.out;
  EXPECT_NE(st.out.find("next try  2027-03-01 09:01 (London)"), std::string::npos) << st.out;
  const Ran t = gw("mail test" + d + " --to it@brookfield.example", kT0);
  EXPECT_EQ(t.code, 1);
  EXPECT_NE(t.out.find("550 5.7.1"), std::string::npos) << t.out;
  sink.mode("ok");
  const Ran t2 = gw("mail test" + d + " --to it@brookfield.example", kT0);
  EXPECT_EQ(t2.code, 0) << t2.out;
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(header(sink.messages()[0], "Subject"), "Waymark test email");
  EXPECT_EQ(gw("mail flush" + d, kT0 + 63'000).code, 0);
  EXPECT_EQ(sink.messages().size(), 2u);
  EXPECT_EQ(gw("mail status" + d, kT0 + 64'000).out.find("problem"), std::string::npos);
}

// Two workers each have a message waiting: two emails. The first flush is killed while the relay holds the
// first email (stall-data: the relay kept it but never said 250) or before it has it (stall-rcpt).
void kill_during_sending(const std::string& stall, size_t copies_of_the_first) {
  Sink sink;
  MailGateway g(kT0);
  g.relay(sink, kT0);
  FakeKiosk k(*g.db);
  k.up(*g.db, "message", "1001", message_to(g.sam, "one"), kT0);
  k.up(*g.db, "message", "1002", message_to(g.rhian, "two"), kT0);
  sink.mode(stall);
  // A second after the uploads: the flush's clock starts at WAYMARK_NOW and runs on, so starting it at the very
  // millisecond of the uploads made whether their notices were due yet a race the flush sometimes lost.
  const pid_t pid = start_flush(g.dir, kT0 + 1000);
  ASSERT_TRUE(wait_for([&] { return sink.events("stalled") == 1; }, 20000)) << "the flush never reached the relay";
  kill_and_reap(pid);
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_out WHERE state = 'sending'"), 1);  // written before sending
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_out"), 2);
  sink.mode("ok");
  // A minute later the killed try still owns its email (its claim runs 3 minutes): only the other goes.
  EXPECT_EQ(gw("mail flush --data " + g.dir, kT0 + 60'000).code, 0);
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_out WHERE state = 'sent'"), 1);
  // Once the claim has run out, the same email goes again, byte for byte.
  const Ran again = gw("mail flush --data " + g.dir, kT0 + 1000 + gateway::kClaimMs + 1000);
  EXPECT_EQ(again.code, 0) << again.out;
  EXPECT_NE(again.out.find("sent 1"), std::string::npos) << again.out;
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_out WHERE state = 'sent'"), 2);
  std::set<std::string> queued_ids;
  {
    Stmt s(*g.db, "SELECT message_id FROM mail_out");
    while (s.step()) queued_ids.insert(s.text(0));
  }
  std::map<std::string, size_t> arrived;
  for (const std::string& m : sink.messages()) arrived[header(m, "Message-ID")]++;
  EXPECT_EQ(arrived.size(), 2u);  // every email arrived, and never under a Message-ID that was not queued
  for (const auto& [id, n] : arrived) EXPECT_TRUE(queued_ids.count(id)) << id;
  size_t total = 0;
  for (const auto& [id, n] : arrived) total += n;
  EXPECT_EQ(total, 1 + copies_of_the_first);
  // Every notice is in exactly one email, and every email was sent.
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_notices WHERE state = 'mailed' AND mail_id IS NOT NULL"), 2);
  EXPECT_EQ(g.count("SELECT count(DISTINCT mail_id) FROM mail_notices"), 2);
  EXPECT_NE(gw("mail flush --data " + g.dir, kT0 + 2 * gateway::kClaimMs).out.find("queued 0, sent 0"), std::string::npos);
}

TEST(MailKill, KilledWhileTheRelayHoldsTheMessageTheCopyHasTheSameMessageId) { kill_during_sending("stall-data", 2); }

TEST(MailKill, KilledBeforeTheRelayHasTheMessageItArrivesOnce) { kill_during_sending("stall-rcpt", 1); }

// A device on wing Oak with a real Ed25519 key, registered directly (enrolment has its own tests).
struct SigningKiosk {
  std::string id = random_id(), pk, sk;
  explicit SigningKiosk(Db& db) {
    unsigned char p[crypto_sign_PUBLICKEYBYTES], s[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(p, s);
    pk.assign(reinterpret_cast<char*>(p), sizeof p);
    sk.assign(reinterpret_cast<char*>(s), sizeof s);
    Stmt ins(db, "INSERT INTO devices(id, public_key, wing, label, enrolled_at) VALUES(:id, :k, 'Oak', 'mail test kiosk', 0)");
    ins.bind(":id", id).bind_blob(":k", pk.data(), pk.size()).run();
  }
  int up(int port, const std::string& dir, const json& body, int64_t now_ms) {
    const json req{{"records", json::array({json{{"id", random_id()}, {"seq", 1}, {"kind", "message"}, {"child", "1001"},
                                                 {"created_at", now_ms / 1000}, {"body", body.dump()}}})}};
    const std::string b = req.dump();
    const std::string sig = sync::base64_encode(sync::sign_detached(sync::string_to_sign("POST", "/v1/up", id, now_ms, b), sk));
    httplib::SSLClient cli("127.0.0.1", port);
    cli.set_ca_cert_path(gateway::cert_path(dir).c_str());
    cli.enable_server_certificate_verification(false);
    auto r = cli.Post("/v1/up", {{"X-Waymark-Device", id}, {"X-Waymark-Time", std::to_string(now_ms)}, {"X-Waymark-Signature", sig}}, b,
                      "application/json");
    return r ? r->status : -1;
  }
};

TEST(MailServe, AChildsMessageReachesTheWorkerWithinAMinute) {
  Sink sink;
  MailGateway g(kT0);
  g.relay(sink, wall_now_ms());
  SigningKiosk kiosk(*g.db);
  gateway::ServerOptions o;
  o.data_dir = g.dir;
  o.threads = 2;
  gateway::GatewayServer srv(o);
  srv.start();
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(kiosk.up(srv.port(), g.dir, message_to(g.sam, "Can you ring me?"), wall_now_ms()), 200);
  ASSERT_TRUE(wait_for([&] { return sink.messages().size() == 1; }, 60'000)) << "no email within a minute";
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::printf("a child's message reached the worker's relay %lld ms after the upload\n", static_cast<long long>(ms));
  EXPECT_LT(ms, 10'000) << "the sender should wake on the commit, not wait for its minute";
  const std::string m = sink.messages()[0];
  EXPECT_EQ(header(m, "Subject"), "You have 1 new thing in Waymark");
  EXPECT_EQ(m.find("ring"), std::string::npos);
  srv.stop();
}

}  // namespace
