#include "gateway/net/ops_routes.h"

#include <arpa/inet.h>
#include <httplib.h>

#include <cstring>
#include <stdexcept>

#include "core/storage/db.h"
#include "gateway/net/v1_routes.h"
#include "gateway/ops/metrics.h"

namespace waymark::gateway {

AddressRange AddressRange::parse(const std::string& cidr) {
  AddressRange r;
  const auto slash = cidr.find('/');
  const std::string addr = cidr.substr(0, slash);
  if (inet_pton(AF_INET, addr.c_str(), r.bytes_) == 1) r.v6_ = false;
  else if (inet_pton(AF_INET6, addr.c_str(), r.bytes_) == 1) r.v6_ = true;
  else throw std::invalid_argument("\"" + cidr + "\" is not an IP address or network (say 10.0.0.0/8 or ::1)");
  const int max = r.v6_ ? 128 : 32;
  r.prefix_ = max;
  if (slash != std::string::npos) {
    const std::string p = cidr.substr(slash + 1);
    if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos || std::stoi(p) > max)
      throw std::invalid_argument("\"" + cidr + "\" has a prefix length that is not 0 to " + std::to_string(max));
    r.prefix_ = std::stoi(p);
  }
  return r;
}

bool AddressRange::contains(const std::string& address) const {
  unsigned char a[16] = {};
  const unsigned char* bytes = a;
  if (v6_) {
    if (inet_pton(AF_INET6, address.c_str(), a) != 1) return false;
  } else if (inet_pton(AF_INET, address.c_str(), a) != 1) {
    // "::ffff:10.1.2.3" (a v4 client on a v6 socket): its last four bytes are the IPv4 address
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (inet_pton(AF_INET6, address.c_str(), a) != 1 || std::memcmp(a, mapped, 12) != 0) return false;
    bytes = a + 12;
  }
  const int whole = prefix_ / 8, bits = prefix_ % 8;
  if (std::memcmp(bytes, bytes_, static_cast<size_t>(whole)) != 0) return false;
  if (bits == 0) return true;
  const auto mask = static_cast<unsigned char>(0xff << (8 - bits));
  return (bytes[whole] & mask) == (bytes_[whole] & mask);
}

std::vector<AddressRange> loopback_ranges() { return {AddressRange::parse("127.0.0.0/8"), AddressRange::parse("::1")}; }

std::string_view route_name(const std::string& path) {
  static const std::pair<std::string_view, std::string_view> exact[] = {
      {"/v1/enrol", "enrol"},
      {"/v1/up", "up"},
      {"/v1/down", "down"},
      {"/v1/worker/session", "worker_session"},
      {"/v1/worker/sign-out", "worker_sign_out"},
      {"/v1/worker/inbox", "worker_inbox"},
      {"/v1/worker/read", "worker_read"},
      {"/v1/worker/send", "worker_send"},
      {"/v1/hello", "hello"},
      {"/v1/leave", "leave"},
      {"/healthz", "healthz"},
      {"/metrics", "metrics"},
      {"/web.css", "stylesheet"},
  };
  for (const auto& [p, name] : exact)
    if (path == p) return name;
  if (path.rfind("/v1/packs/", 0) == 0) return "pack";
  if (path.rfind("/v1/", 0) == 0 || path == "/v1") return "other";
  return "web";
}

namespace {

bool allowed(const OpsOptions& opt, const httplib::Request& req) {
  for (const AddressRange& r : opt.allow)
    if (r.contains(req.remote_addr)) return true;
  return false;
}

// Facts from the database every node shares: counts only, never a row.
std::string database_gauges(Db& db, int64_t now_ms) {
  auto one = [&db](const char* sql, int64_t since = 0) {
    Stmt s(db, sql);
    if (since) s.bind(":since", since);
    s.step();
    return s.is_null(0) ? int64_t{0} : s.i64(0);
  };
  const int64_t head = one("SELECT max(server_seq) FROM changes");
  const int64_t devices = one("SELECT count(*) FROM devices WHERE revoked_at IS NULL");
  const int64_t quiet = one("SELECT count(*) FROM devices WHERE revoked_at IS NULL AND last_seen < :since", now_ms - 3600 * 1000);
  const int64_t unread = one("SELECT count(*) FROM records WHERE status = 'accepted' AND read_at IS NULL AND kind <> 'draft'");
  std::string out;
  out += "# HELP waymark_feed_head_seq The newest change in the feed devices read.\n# TYPE waymark_feed_head_seq gauge\n";
  out += "waymark_feed_head_seq " + std::to_string(head) + "\n";
  out += "# HELP waymark_devices Enrolled devices that are not revoked.\n# TYPE waymark_devices gauge\n";
  out += "waymark_devices " + std::to_string(devices) + "\n";
  out += "# HELP waymark_devices_quiet Devices not seen for an hour (their feed is waiting).\n# TYPE waymark_devices_quiet gauge\n";
  out += "waymark_devices_quiet " + std::to_string(quiet) + "\n";
  out += "# HELP waymark_records_unread Records from children no worker has read yet.\n# TYPE waymark_records_unread gauge\n";
  out += "waymark_records_unread " + std::to_string(unread) + "\n";
  return out;
}

}  // namespace

void register_ops_routes(httplib::Server& srv, OpsOptions opt) {
  srv.Get("/healthz", [opt](const httplib::Request& req, httplib::Response& res) {
    if (!allowed(opt, req)) return send_error(res, 404, "not_found", "There is nothing here.");
    try {
      opt.with_db([](Db& db) {
        Stmt s(db, "SELECT count(*) FROM meta");
        s.step();
      });
      res.status = 200;
      res.set_content("ok\n", "text/plain");
    } catch (const std::exception&) {
      send_error(res, 503, "busy", "This node cannot reach its database.");
    }
  });
  srv.Get("/metrics", [opt](const httplib::Request& req, httplib::Response& res) {
    if (!allowed(opt, req)) return send_error(res, 404, "not_found", "There is nothing here.");
    std::string gauges;
    int up = 1;
    try {
      opt.with_db([&](Db& db) { gauges = database_gauges(db, opt.now_ms()); });
    } catch (const std::exception&) {
      up = 0;
    }
    gauges += "# HELP waymark_database_up 1 when this node's last query to its database answered.\n";
    gauges += "# TYPE waymark_database_up gauge\nwaymark_database_up " + std::to_string(up) + "\n";
    res.status = 200;
    res.set_content(node_metrics().exposition(gauges), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace waymark::gateway
