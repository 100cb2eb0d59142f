// gateway/cli/cmd_web.cpp: waymark-gateway worker-password-code, security and web-domains: the web inbox's
// accounts (docs/web-inbox.md). Passwords are never mailed: a one-time code is printed for IT to pass on.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway/cli/commands.h"
#include "gateway/store/establishments.h"
#include "gateway/store/web_accounts.h"

namespace waymark::gateway::cli {

namespace {

int cmd_worker_password_code(const Args& a) {
  if (!a.has("--data") || a.get("--email").empty()) return usage_error("worker-password-code", "--data and --email are required");
  auto db = open_or_fail(a);
  try {
    const std::string code = issue_password_code(*db, a.get("--email"), actor(), now_ms());
    std::printf("one-time password code for %s, valid 72 hours, set at /password:\n%s\n", a.get("--email").c_str(), code.c_str());
  } catch (const std::invalid_argument& e) {
    return failed("worker-password-code", e.what());
  }
  return 0;
}

int cmd_security(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error("security", "--data is required");
  auto db = open_or_fail(a);
  try {
    if (sub == "list") {
      for (const Principal& p : list_security_staff(*db))
        std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(p.id), p.name.c_str(), p.email.c_str(), p.org_or_role.c_str());
      return 0;
    }
    if (sub == "add") {
      if (a.get("--name").empty() || a.get("--email").empty()) return usage_error("security add", "--name and --email are required");
      const std::string est = resolve_establishment(*db, a.get("--establishment")).code;  // asks when there are several
      const int64_t id = add_security_staff(*db, a.get("--name"), a.get("--email"), actor(), now_ms(), est);
      const std::string code = issue_password_code(*db, a.get("--email"), actor(), now_ms());
      std::printf("added security staff %lld; one-time password code, valid 72 hours, set at /password:\n%s\n",
                  static_cast<long long>(id), code.c_str());
      return 0;
    }
    if (a.get("--email").empty()) return usage_error("security password-code", "--email is required");
    const std::string code = issue_password_code(*db, a.get("--email"), actor(), now_ms());
    std::printf("one-time password code, valid 72 hours, set at /password:\n%s\n", code.c_str());
    return 0;
  } catch (const std::invalid_argument& e) {
    return failed("security " + sub, e.what());
  }
}

int cmd_web_domains(const Args& a) {
  if (!a.has("--data")) return usage_error("web-domains", "--data is required");
  auto db = open_or_fail(a);
  try {
    if (a.has("--set") || a.has("--any")) {
      std::vector<std::string> list;
      std::string cur;
      for (char c : a.get("--set") + ",") {
        if (c == ',') {
          list.push_back(cur);
          cur.clear();
        } else {
          cur.push_back(c);
        }
      }
      set_allowed_domains(*db, list, actor(), now_ms());
    }
  } catch (const std::invalid_argument& e) {
    return failed("web-domains", e.what());
  }
  const auto list = allowed_domains(*db);
  if (list.empty()) std::puts("any domain");
  for (const std::string& d : list) std::puts(d.c_str());
  return 0;
}

}  // namespace

const Command kWorkerPasswordCodeCommand{
    "worker-password-code", "worker-password-code --data DIR --email E      a one-time code to set a web password",
    "usage: waymark-gateway worker-password-code --data DIR --email EMAIL\n"
    "Prints a one-time code (valid 72 hours, works once) as the last line. Give it to the worker in person or\n"
    "by phone, never by email; they set their password at https://GATEWAY/password. Earlier codes stop working.",
    {{.options = {"--data", "--email"}}},
    cmd_worker_password_code};

const Command kSecurityCommand{
    "security", "security add|list|password-code --data DIR ...      security staff for the review page",
    "usage: waymark-gateway security add --data DIR --name NAME --email EMAIL [--establishment CODE]\n"
    "       waymark-gateway security password-code --data DIR --email EMAIL\n"
    "       waymark-gateway security list --data DIR\n"
    "Security staff accounts (role \"security\") for the read-only review at /security. add and password-code\n"
    "print a one-time password code as the last line. Each reviews one establishment's children\n"
    "(--establishment CODE: needed when the gateway serves more than one).",
    {{.sub = "add", .options = {"--data", "--name", "--email", "--establishment"}},
     {.sub = "password-code", .options = {"--data", "--email"}},
     {.sub = "list", .options = {"--data"}}},
    cmd_security};

const Command kWebDomainsCommand{
    "web-domains", "web-domains --data DIR [--set D,D | --any]           email domains allowed to sign in",
    "usage: waymark-gateway web-domains --data DIR [--set DOMAIN,DOMAIN... | --any]\n"
    "Shows or sets the email domains allowed to sign in to the web inbox (for example the secure email\n"
    "domain YOTs use). --any allows every domain.",
    {{.options = {"--data", "--set"}, .flags = {"--any"}}},
    cmd_web_domains};

}  // namespace waymark::gateway::cli
