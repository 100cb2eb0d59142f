// Fuzz target: the kiosk surviving a hostile gateway. A fake gateway (cpp-httplib over TLS on 127.0.0.1, its
// certificate pinned by the device as enrolment pins the real one) answers with the fuzzer's bytes; the
// device runs the real sync_once (up, down pages, the content-pack download) and the doctor's probe_gateway
// (hello) against it, on a device database in a temporary folder.
//
// The input is the gateway's answers, split at "\n----\n": /v1/up, /v1/down (twice), /v1/packs/..., /v1/hello.
// An answer may start with "!NNN " for its HTTP status (else 200). "@ID@" becomes the id of the record the
// device just sent (a fuzzer cannot guess it), so receipts for real records are reached.
// The answers reach the kiosk over real HTTPS because HttpClient (libcurl, pinned) is the only public way in;
// that makes this target slow (a TLS handshake per run), so it runs with the others for the same time.
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <httplib.h>

#include "core/base/clock.h"
#include "core/messaging/outbox.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"
#include "core/sync/gateway_probe.h"
#include "core/sync/sync_client.h"
#include "gateway/net/tls.h"

using namespace waymark;

namespace {

struct Answer {
  int status = 200;
  std::string body;
};

std::mutex mu;
std::map<std::string, std::vector<Answer>> answers;  // path prefix -> answers in order (the last repeats)
std::string last_record_id;

Answer next(const std::string& key) {
  std::lock_guard<std::mutex> l(mu);
  auto it = answers.find(key);
  if (it == answers.end() || it->second.empty()) return Answer{404, R"({"error":"not_found","message":"no"})"};
  Answer a = it->second.front();
  if (it->second.size() > 1) it->second.erase(it->second.begin());
  for (size_t at = a.body.find("@ID@"); at != std::string::npos; at = a.body.find("@ID@", at + 1))
    a.body.replace(at, 4, last_record_id);
  return a;
}

Answer parse_answer(std::string_view part) {
  Answer a;
  if (part.size() >= 5 && part[0] == '!' && std::isdigit(static_cast<unsigned char>(part[1]))) {
    a.status = std::atoi(std::string(part.substr(1, 3)).c_str());
    if (a.status < 100 || a.status > 599) a.status = 500;
    part.remove_prefix(5);
  }
  a.body = std::string(part);
  return a;
}

struct FakeGateway {
  std::string dir;
  std::unique_ptr<httplib::SSLServer> srv;
  std::thread thread;
  int port = 0;
  std::unique_ptr<Db> db;

  FakeGateway() {
    dir = (std::filesystem::temp_directory_path() / ("waymark-fuzz-kiosk-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    gateway::make_self_signed(dir + "/key.pem", dir + "/cert.pem", "fake gateway", {});
    srv = std::make_unique<httplib::SSLServer>((dir + "/cert.pem").c_str(), (dir + "/key.pem").c_str());
    auto reply = [](const std::string& key) {
      return [key](const httplib::Request&, httplib::Response& res) {
        const Answer a = next(key);
        res.status = a.status;
        res.set_content(a.body, "application/json");
      };
    };
    srv->Post("/v1/enrol", reply("enrol"));
    srv->Post("/v1/up", [](const httplib::Request& req, httplib::Response& res) {
      const size_t at = req.body.find("\"id\":\"");
      if (at != std::string::npos) {
        std::lock_guard<std::mutex> l(mu);
        last_record_id = req.body.substr(at + 6, 32);
      }
      const Answer a = next("up");
      res.status = a.status;
      res.set_content(a.body, "application/json");
    });
    srv->Post("/v1/down", reply("down"));
    srv->Post("/v1/hello", reply("hello"));
    srv->Get(R"(/v1/packs/.*)", reply("packs"));
    port = srv->bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { srv->listen_after_bind(); });
    while (!srv->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    answers["enrol"] = {{200, R"({"device_id":"0123456789abcdef0123456789abcdef","wing":"Oak","establishment":"Fuzz YOI",)"
                              R"("epoch":"e1","time_ms":1796212800000})"}};
    db = std::make_unique<Db>(dir + "/device.db");
    migrate(*db, device_migrations());
    const std::string pin = gateway::cert_pin(dir + "/cert.pem");
    const EnrolResult e = enrol_device(*db, "https://127.0.0.1:" + std::to_string(port), pin, "ABCD-EFGH", "fuzz",
                                       SystemClock());
    if (!e.ok) {
      std::fprintf(stderr, "fuzz_kiosk_sync: enrolment against the fake gateway failed: %s\n", e.error.c_str());
      __builtin_trap();
    }
  }
  ~FakeGateway() {
    srv->stop();
    if (thread.joinable()) thread.join();
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static FakeGateway gw;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<Answer> parts;
  for (int i = 0; i < 5; i++) {
    const size_t cut = in.find("\n----\n");
    parts.push_back(parse_answer(in.substr(0, cut)));
    if (cut == std::string_view::npos) break;
    in.remove_prefix(cut + 6);
  }
  parts.resize(5);
  {
    std::lock_guard<std::mutex> l(mu);
    answers["up"] = {parts[0]};
    answers["down"] = {parts[1], parts[2]};
    answers["packs"] = {parts[3]};
    answers["hello"] = {parts[4]};
  }
  // one record waiting to go up, as a child's message would be
  {
    Txn t(*gw.db);
    outbox_add(*gw.db, "message", "1001", R"({"to":1,"text":"hello"})", 1'796'212'800);
    t.commit();
  }
  SyncOptions opt;
  opt.max_rounds = 2;
  opt.http.connect_timeout_ms = 2000;
  opt.http.total_timeout_ms = 5000;
  const SyncReport r = sync_once(*gw.db, SystemClock(), opt);
  if (!r.ok && r.error.empty()) __builtin_trap();  // every failure says why
  (void)r.summary();
  HttpOptions ho;
  ho.connect_timeout_ms = 2000;
  ho.total_timeout_ms = 5000;
  (void)probe_gateway(*gw.db, ho);
  return 0;
}
