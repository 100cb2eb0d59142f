// gateway/cli/cmd_review.cpp: waymark-gateway messages and audit: the establishment's read-only reviews.
// Reading a child's messages is itself written to the audit log.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "gateway/cli/commands.h"
#include "gateway/store/store.h"

namespace waymark::gateway::cli {

namespace {

int cmd_messages(const Args& a) {
  if (!a.has("--data") || a.get("--child").empty()) return usage_error("messages", "--data and --child are required");
  auto db = open_or_fail(a);
  try {
    for (const ReviewMessage& m : review_messages(*db, a.get("--child"), actor(), now_ms()))
      std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(m.at), m.direction.c_str(), m.worker.c_str(),
                  m.state.c_str(), m.text.c_str());
  } catch (const std::invalid_argument& e) {
    return failed("messages", e.what());
  }
  return 0;
}

int cmd_audit(const Args& a) {
  if (!a.has("--data")) return usage_error("audit", "--data is required");
  auto db = open_or_fail(a);
  const int n = a.has("--last") ? std::atoi(a.get("--last").c_str()) : 50;
  Stmt s(*db, "SELECT seq, at, actor, action, detail FROM (SELECT * FROM audit ORDER BY seq DESC LIMIT :n) AS newest ORDER BY seq");
  s.bind(":n", n);
  while (s.step())
    std::printf("%lld\t%lld\t%s\t%s\t%s\n", static_cast<long long>(s.i64(0)), static_cast<long long>(s.i64(1)),
                s.text(2).c_str(), s.text(3).c_str(), s.text(4).c_str());
  return 0;
}

}  // namespace

const Command kMessagesCommand{
    "messages", "messages --data DIR --child N                        review a child's messages (audited)",
    "usage: waymark-gateway messages --data DIR --child N\n"
    "The establishment's read-only review of a child's messages. Each review is recorded in the audit log.",
    {{.options = {"--data", "--child"}}},
    cmd_messages};

const Command kAuditCommand{
    "audit", "audit --data DIR [--last N]                          the audit log",
    "usage: waymark-gateway audit --data DIR [--last N]\nShows the append-only audit log, newest last.",
    {{.options = {"--data", "--last"}}},
    cmd_audit};

}  // namespace waymark::gateway::cli
