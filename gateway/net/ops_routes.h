// gateway/net/ops_routes.h: what a load balancer and a monitoring system ask a gateway node (issue 14):
//   GET /healthz  200 "ok" when this node answers and its database answers a query; 503 otherwise
//   GET /metrics  the node's counters (gateway/ops/metrics.h) and a few database gauges, Prometheus text
// Neither shows any child's data, and both answer only addresses establishment IT allows
// (`serve --ops-allow CIDR`, default loopback only); anyone else gets the same 404 as an unknown path.
// Also here: the name of the route a request took, the label every counter uses.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
class Server;
}
namespace waymark {
class Db;
}

namespace waymark::gateway {

// An IPv4 or IPv6 network ("10.1.0.0/16", "::1/128", a bare address is /32 or /128).
class AddressRange {
public:
  // Throws std::invalid_argument with plain words for anything that is not an address or network.
  static AddressRange parse(const std::string& cidr);
  bool contains(const std::string& address) const;  // an IPv4-mapped IPv6 address matches its IPv4 range

private:
  bool v6_ = false;
  unsigned char bytes_[16] = {};
  int prefix_ = 0;
};

struct OpsOptions {
  std::vector<AddressRange> allow;                                // who may ask /healthz and /metrics
  std::function<int64_t()> now_ms;                                // the gateway's clock (unix ms)
  std::function<void(const std::function<void(Db&)>&)> with_db;  // runs fn with a pooled connection
};

// Loopback only: 127.0.0.0/8 and ::1.
std::vector<AddressRange> loopback_ranges();

void register_ops_routes(httplib::Server& srv, OpsOptions opt);

// "up", "down", "pack", "web", "healthz", ... for a request path: a name from NodeMetrics::kRoutes.
std::string_view route_name(const std::string& path);

}  // namespace waymark::gateway
