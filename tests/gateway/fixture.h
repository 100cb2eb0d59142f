// tests/gateway/fixture.h: a real gateway over HTTPS on 127.0.0.1 (ephemeral port) and real device data
// folders, for the gateway tests, the fault program and the benchmark.
#pragma once

#include <sys/wait.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/device_store.h"
#include "core/base/clock.h"
#include "core/sync/sync_client.h"
#include "core/sync/sync_proto.h"
#include "gateway/net/server.h"
#include "gateway/net/tls.h"
#include "gateway/store/store.h"
#include "tests/common/test_store.h"

namespace waymark::testing {

namespace fs = std::filesystem;
using nlohmann::json;

inline int64_t wall_ms() {
  return wall_now_ms();  // the product clock: WAYMARK_NOW moves the tests with it
}

inline std::string temp_dir(const std::string& tag) {
  static std::atomic<int> n{0};
  fs::path p = fs::temp_directory_path() / ("waymark-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

// A demo-seeded gateway folder made once per process and copied (Argon2id hashing is slow on purpose).
inline std::string demo_gateway_copy(const std::string& tag) {
  static std::string tmpl;
  if (tmpl.empty()) {
    tmpl = temp_dir("gw-template");
    use_test_database(tmpl);
    auto db = gateway::open_gateway(tmpl, true);
    gateway::seed_gateway_demo(*db, wall_ms());
    gateway::make_self_signed(gateway::key_path(tmpl), gateway::cert_path(tmpl), "test gateway", {});
  }
  const std::string dir = temp_dir(tag);
  copy_test_gateway(tmpl, dir);
  return dir;
}

struct TestGateway {
  std::string dir;
  std::atomic<int64_t> offset_ms{0};  // the gateway's clock = wall clock + offset
  std::unique_ptr<gateway::GatewayServer> server;
  int port = 0;

  explicit TestGateway(std::string d) : dir(std::move(d)) { start(); }
  void start(int fixed_port = 0) {
    gateway::ServerOptions o;
    o.data_dir = dir;
    o.port = fixed_port;
    o.threads = 4;
    o.now_ms = [this] { return wall_ms() + offset_ms.load(); };
    server = std::make_unique<gateway::GatewayServer>(o);
    server->start();
    port = server->port();
  }
  void stop() { server.reset(); }
  int64_t now() const { return wall_ms() + offset_ms.load(); }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port); }
  std::string pin() const { return gateway::cert_pin(gateway::cert_path(dir)); }
  std::unique_ptr<Db> db() const { return gateway::open_gateway(dir); }
  std::string code(const std::string& wing = "Oak", int hours = 24) {
    auto d = db();
    return gateway::issue_enrol_code(*d, wing, hours, "test", now());
  }
};

struct TestDevice {
  std::string dir;
  std::unique_ptr<Db> db;
  SystemClock clock;
  explicit TestDevice(const std::string& tag) : dir(temp_dir(tag)) {
    DeviceOpenResult r = open_device(dir);
    db = std::move(r.db);
    Txn t(*db);
    meta_set(*db, "wing", "Oak");
    t.commit();
  }
  EnrolResult enrol(TestGateway& g) { return enrol_device(*db, g.url(), g.pin(), g.code(), "test", clock); }
  SyncReport sync() { return sync_once(*db, clock); }
};

// A raw signed request as the device would make it (for protocol tests that need exact control).
inline HttpResult signed_post(Db& device_db, const std::string& url, const std::string& pin, const std::string& path,
                              const json& body, int64_t time_ms = 0) {
  const std::string dev = meta_get(device_db, "device_id");
  std::string sk;
  sync::base64_decode(meta_get(device_db, "sync_device_key"), sk);
  const std::string b = body.dump();
  const int64_t t = time_ms ? time_ms : wall_ms();
  const std::string sig = sync::base64_encode(sync::sign_detached(sync::string_to_sign("POST", path, dev, t, b), sk));
  HttpClient http(*parse_gateway_url(url), pin);
  return http.post(path, b, {"X-Waymark-Device: " + dev, "X-Waymark-Time: " + std::to_string(t), "X-Waymark-Signature: " + sig});
}

// Runs a shell command (a test's own binaries: waymarkctl, waymark-gateway) and keeps its exit code and
// everything it printed, stdout and stderr together.
struct Ran {
  int code = -1;
  std::string out;
};
inline Ran run(const std::string& cmd) {
  Ran r;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace waymark::testing
