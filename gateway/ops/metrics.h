// gateway/ops/metrics.h: what one gateway node counts about itself, for GET /metrics (the Prometheus text
// format, docs/operating.md): requests by route and status class with a latency histogram, sync rounds,
// records accepted by kind, refusals by reason. Labels are route names and reason codes from fixed tables,
// never a path, an id or anything a child wrote, so a scrape can show no child's data. Counters live in the
// process (each node is scraped on its own) and cost one mutex-free atomic add per event.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace waymark::gateway {

class NodeMetrics {
public:
  // Upper bounds of the latency histogram's buckets, in seconds (then +Inf).
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  0.5,  1.0};

  // One answered request: `route` is a name from kRoutes (anything else counts as "other").
  void request(std::string_view route, int status, double seconds);
  void sync_round() { sync_rounds_.fetch_add(1, std::memory_order_relaxed); }
  // Records a device sent that were stored (receipts "accepted"), by kind ("message", "myviews", ...).
  void records_accepted(std::string_view kind, int64_t n);
  // An ApiError's code ("bad_signature", "rate_limited", ...): codes outside kReasons count as "other".
  void refusal(std::string_view reason);
  // A record stored as refused, by its reason ("not_on_wing" counts as "record_not_on_wing").
  void record_refused(std::string_view reason);

  // The Prometheus text exposition (version 0.0.4). `gauges` is appended as given (already formatted).
  std::string exposition(const std::string& gauges) const;

  static constexpr std::array<std::string_view, 16> kRoutes = {
      "enrol", "up", "down", "pack", "worker_session", "worker_sign_out", "worker_inbox", "worker_read",
      "worker_send", "hello", "leave", "web", "healthz", "metrics", "stylesheet", "other"};
  static constexpr std::array<std::string_view, 6> kKinds = {"message", "myviews", "enquiry", "receipt",
                                                             "plan_answer", "other"};
  // ApiError codes of gateway/store and gateway/net, then the reasons a single record is refused.
  static constexpr std::array<std::string_view, 25> kReasons = {
      "bad_json",       "bad_request",   "bad_type",      "too_large",          "unknown_device",
      "bad_token",      "bad_signature", "too_many_tries", "key_in_use",        "unknown_pack",
      "not_a_worker",   "bad_code",      "revoked_device", "clock",             "contact_not_allowed",
      "bad_range",      "bad_method",    "not_found",      "busy",              "internal",
      "record_not_on_wing", "record_bad_body", "record_contact_not_allowed", "record_other", "other"};

private:
  static constexpr size_t kClasses = 5;  // 1xx..5xx
  struct RouteCounters {
    std::array<std::atomic<uint64_t>, kClasses> by_class{};
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // not cumulative; summed on output
    std::atomic<uint64_t> micros_sum{0};
  };
  std::array<RouteCounters, kRoutes.size()> routes_{};
  std::atomic<uint64_t> sync_rounds_{0};
  std::array<std::atomic<uint64_t>, kKinds.size()> accepted_{};
  std::array<std::atomic<uint64_t>, kReasons.size()> refusals_{};
};

// This process's counters (one gateway node).
NodeMetrics& node_metrics();

}  // namespace waymark::gateway
