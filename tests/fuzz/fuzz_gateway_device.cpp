// Fuzz target: the bodies the gateway reads from a device and a worker's app, behind the signature and the
// bearer token (which a fuzzer cannot forge): parse_object, then the /v1 handler the first byte picks
// (enrol, up, down, hello, worker read, worker send), on a demo gateway in a temporary folder.
// An ApiError is the expected refusal; any other exception escaping a handler is a finding (a 500).
#include <cstdint>
#include <string>

#include "gateway/store/checks.h"
#include "gateway/store/device_api.h"
#include "gateway/store/worker_api.h"
#include "tests/fuzz/fuzz_gateway.h"

using namespace waymark;
using namespace waymark::gateway;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::FuzzGateway gw;
  if (size == 0) return 0;
  const uint8_t which = data[0] % 6;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const nlohmann::json req = parse_object(body);
    Db& db = *gw.db;
    switch (which) {
      // The caller's address rotates so the per-address refusal limit does not close enrolment for the run.
      case 0: (void)api_enrol(db, req, "203.0.113." + std::to_string(size % 250), fuzz::kNowMs); break;
      case 1: (void)api_up(db, gw.device, req, fuzz::kNowMs); break;
      case 2: (void)api_down(db, gw.device, req, fuzz::kNowMs); break;
      case 3: (void)api_hello(db, gw.device, req, fuzz::kNowMs); break;
      case 4: (void)api_worker_read(db, gw.worker, req, fuzz::kNowMs); break;
      default: (void)api_worker_send(db, gw.worker, req, fuzz::kNowMs); break;
    }
  } catch (const ApiError& e) {
    if (e.status < 400 || e.status > 499 || std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
