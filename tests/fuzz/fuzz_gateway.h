// tests/fuzz/fuzz_gateway.h: the demo gateway the gateway fuzz targets drive, made once per process in a
// temporary folder: the demo's children and workers, one device enrolled on wing Oak, a worker's web session.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/sync/sync_proto.h"
#include "gateway/store/store.h"

namespace waymark::fuzz {

inline constexpr int64_t kNowMs = 1'796'212'800'000;  // 2026-12-02T12:00:00Z: a fixed day, runs repeat

struct FuzzGateway {
  std::string dir;
  std::unique_ptr<Db> db;
  gateway::Device device;
  int64_t worker = 0;              // Sam Taylor's worker id
  std::string session, csrf;       // Sam Taylor's web session

  FuzzGateway() {
    dir = (std::filesystem::temp_directory_path() / ("waymark-fuzz-gw-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = gateway::open_gateway(dir, true);
    gateway::seed_gateway_demo(*db, kNowMs);
    const std::string code = gateway::issue_enrol_code(*db, "Oak", 24, "fuzz", kNowMs);
    const sync::DeviceKeys keys = sync::make_device_keys();
    const nlohmann::json e = gateway::api_enrol(
        *db, {{"code", code}, {"public_key", sync::base64_encode(keys.public_key)}, {"label", "fuzz"}}, "203.0.113.1", kNowMs);
    device.id = e.at("device_id").get<std::string>();
    device.wing = "Oak";
    const auto sam = gateway::principal_by_email(*db, "sam.taylor@leeds-yot.example");
    worker = sam->id;
    const gateway::WebSession s = gateway::create_session(*db, *sam, kNowMs);
    session = s.token;
    csrf = s.csrf;
  }
  ~FuzzGateway() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace waymark::fuzz
