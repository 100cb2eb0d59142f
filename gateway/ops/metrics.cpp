#include "gateway/ops/metrics.h"

#include <cstdio>

namespace waymark::gateway {

namespace {

template <size_t N>
size_t index_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == name) return i;
  return N - 1;  // the last name of every table is "other"
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

NodeMetrics& node_metrics() {
  static NodeMetrics m;
  return m;
}

void NodeMetrics::request(std::string_view route, int status, double seconds) {
  RouteCounters& r = routes_[index_of(kRoutes, route)];
  const size_t cls = status >= 100 && status < 600 ? static_cast<size_t>(status / 100 - 1) : kClasses - 1;
  r.by_class[cls].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  r.buckets[b].fetch_add(1, std::memory_order_relaxed);
  r.micros_sum.fetch_add(static_cast<uint64_t>(seconds > 0 ? seconds * 1e6 : 0), std::memory_order_relaxed);
}

void NodeMetrics::records_accepted(std::string_view kind, int64_t n) {
  if (n > 0) accepted_[index_of(kKinds, kind)].fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
}

void NodeMetrics::refusal(std::string_view reason) {
  refusals_[index_of(kReasons, reason)].fetch_add(1, std::memory_order_relaxed);
}

void NodeMetrics::record_refused(std::string_view reason) {
  const size_t i = index_of(kReasons, "record_" + std::string(reason));
  refusals_[i == kReasons.size() - 1 ? index_of(kReasons, "record_other") : i].fetch_add(1, std::memory_order_relaxed);
}

std::string NodeMetrics::exposition(const std::string& gauges) const {
  std::string out;
  out += "# HELP waymark_http_requests_total Requests answered, by route and status class.\n";
  out += "# TYPE waymark_http_requests_total counter\n";
  for (size_t i = 0; i < kRoutes.size(); ++i)
    for (size_t c = 0; c < kClasses; ++c) {
      const uint64_t n = routes_[i].by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "waymark_http_requests_total{route=\"" + std::string(kRoutes[i]) + "\",code=\"" +
             std::to_string(c + 1) + "xx\"} " + std::to_string(n) + "\n";
    }
  out += "# HELP waymark_http_request_duration_seconds Time from the request head read to the answer ready.\n";
  out += "# TYPE waymark_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kRoutes.size(); ++i) {
    const RouteCounters& r = routes_[i];
    uint64_t cumulative = 0;
    std::string lines;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += r.buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? number(kBuckets[b]) : "+Inf";
      lines += "waymark_http_request_duration_seconds_bucket{route=\"" + std::string(kRoutes[i]) + "\",le=\"" + le +
               "\"} " + std::to_string(cumulative) + "\n";
    }
    if (cumulative == 0) continue;
    out += lines;
    const std::string label = "{route=\"" + std::string(kRoutes[i]) + "\"} ";
    out += "waymark_http_request_duration_seconds_sum" + label +
           number(static_cast<double>(r.micros_sum.load(std::memory_order_relaxed)) / 1e6) + "\n";
    out += "waymark_http_request_duration_seconds_count" + label + std::to_string(cumulative) + "\n";
  }
  out += "# HELP waymark_sync_rounds_total Change-feed reads (/v1/down) answered.\n";
  out += "# TYPE waymark_sync_rounds_total counter\n";
  out += "waymark_sync_rounds_total " + std::to_string(sync_rounds_.load(std::memory_order_relaxed)) + "\n";
  out += "# HELP waymark_records_accepted_total Records from devices stored for the first time, by kind.\n";
  out += "# TYPE waymark_records_accepted_total counter\n";
  for (size_t i = 0; i < kKinds.size(); ++i)
    out += "waymark_records_accepted_total{kind=\"" + std::string(kKinds[i]) + "\"} " +
           std::to_string(accepted_[i].load(std::memory_order_relaxed)) + "\n";
  out += "# HELP waymark_refusals_total Requests refused, by reason code.\n";
  out += "# TYPE waymark_refusals_total counter\n";
  for (size_t i = 0; i < kReasons.size(); ++i) {
    const uint64_t n = refusals_[i].load(std::memory_order_relaxed);
    if (n) out += "waymark_refusals_total{reason=\"" + std::string(kReasons[i]) + "\"} " + std::to_string(n) + "\n";
  }
  return out + gauges;
}

}  // namespace waymark::gateway
