// gateway/cli/cmd_web.cpp: waymark-gateway worker-password-code, security, it and web-domains: the web inbox's
// accounts (docs/web-inbox.md). Passwords are never mailed: a one-time code is printed for IT to pass on.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway/cli/commands.h"
#include "gateway/store/establishments.h"
#include "gateway/store/it_accounts.h"
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
  return run_account_command(
      a, {"security", "security staff", "--name and --email are required",
          [](const Args& x) { return !x.get("--name").empty() && !x.get("--email").empty(); },
          [](Db& db, const Args& x) {
            const std::string est = resolve_establishment(db, x.get("--establishment")).code;  // asks when there are several
            return add_security_staff(db, x.get("--name"), x.get("--email"), actor(), now_ms(), est);
          },
          [](Db& db) {
            for (const Principal& p : list_security_staff(db))
              std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(p.id), p.name.c_str(), p.email.c_str(), p.org_or_role.c_str());
          }});
}

int cmd_it(const Args& a) {
  return run_account_command(
      a, {"it", "establishment IT account", "--establishment, --name and --email are required",
          [](const Args& x) { return !x.get("--establishment").empty() && !x.get("--name").empty() && !x.get("--email").empty(); },
          [](Db& db, const Args& x) { return add_it_account(db, x.get("--name"), x.get("--email"), x.get("--establishment"), actor(), now_ms()); },
          [](Db& db) {
            for (const ItAccount& i : list_it_accounts(db))
              std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(i.id), i.name.c_str(), i.email.c_str(), i.establishment.c_str());
          }});
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

const Command kItCommand{
    "it", "it add|list|password-code --data DIR ...            establishment IT's web accounts (/it)",
    "usage: waymark-gateway it add --data DIR --establishment CODE --name NAME --email EMAIL\n"
    "       waymark-gateway it password-code --data DIR --email EMAIL\n"
    "       waymark-gateway it list --data DIR\n"
    "Web accounts for an establishment's IT, at /it: that establishment's devices (revoke), enrolment codes,\n"
    "roster and contacts, and transfers of its children to another establishment. Each account sees and changes\n"
    "only its own establishment. add and password-code print a one-time password code as the last line.",
    {{.sub = "add", .options = {"--data", "--establishment", "--name", "--email"}},
     {.sub = "password-code", .options = {"--data", "--email"}},
     {.sub = "list", .options = {"--data"}}},
    cmd_it};

const Command kWebDomainsCommand{
    "web-domains", "web-domains --data DIR [--set D,D | --any]           email domains allowed to sign in",
    "usage: waymark-gateway web-domains --data DIR [--set DOMAIN,DOMAIN... | --any]\n"
    "Shows or sets the email domains allowed to sign in to the web inbox (for example the secure email\n"
    "domain YOTs use). --any allows every domain.",
    {{.options = {"--data", "--set"}, .flags = {"--any"}}},
    cmd_web_domains};

}  // namespace waymark::gateway::cli
