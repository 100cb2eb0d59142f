// gateway/cli/support.cpp: what every waymark-gateway command file uses (commands.h).
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "core/base/clock.h"
#include "gateway/cli/commands.h"
#include "gateway/store/store.h"

namespace waymark::gateway::cli {

int64_t now_ms() { return wall_now_ms(); }

std::string actor() {
  const char* u = std::getenv("SUDO_USER");
  if (!u) u = std::getenv("USER");
  return std::string("admin:") + (u ? u : "unknown");
}

int usage_error(const std::string& cmd, const std::string& msg) { return waymark::cli::usage_error("waymark-gateway", cmd, msg); }

int failed(const std::string& cmd, const std::string& msg) {
  std::fprintf(stderr, "waymark-gateway %s: %s\n", cmd.c_str(), msg.c_str());
  return waymark::cli::kExitFailed;
}

std::unique_ptr<Db> open_or_fail(const Args& a) { return open_gateway(a.get("--data")); }

int run_account_command(const Args& a, const AccountCommand& c) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error(c.name, "--data is required");
  auto db = open_or_fail(a);
  try {
    if (sub == "list") {
      c.list(*db);
      return 0;
    }
    if (sub == "add") {
      if (!c.add_ready(a)) return usage_error(std::string(c.name) + " add", c.add_required);
      const int64_t id = c.add(*db, a);
      const std::string code = issue_password_code(*db, a.get("--email"), actor(), now_ms());
      std::printf("added %s %lld; one-time password code, valid 72 hours, set at /password:\n%s\n", c.what,
                  static_cast<long long>(id), code.c_str());
      return 0;
    }
    if (a.get("--email").empty()) return usage_error(std::string(c.name) + " password-code", "--email is required");
    const std::string code = issue_password_code(*db, a.get("--email"), actor(), now_ms());
    std::printf("one-time password code, valid 72 hours, set at /password:\n%s\n", code.c_str());
    return 0;
  } catch (const std::invalid_argument& e) {
    return failed(std::string(c.name) + " " + sub, e.what());
  }
}

}  // namespace waymark::gateway::cli
