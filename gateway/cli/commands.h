// gateway/cli/commands.h: waymark-gateway's commands, one file per group. Each file states what its
// commands accept, their summary and usage text next to the functions that do the work; the parsing,
// --help, plain usage errors and exit codes are cli/command_line.h's, shared with waymarkctl.
//   cmd_service.cpp  init, serve, demo-seed, pin, restored   the gateway's own set-up and running
//   cmd_estate.cpp   establishments                          the establishments and wings one gateway serves
//   cmd_devices.cpp  enrol-code, devices                     wing devices
//   cmd_roster.cpp   workers, children, contacts, meetings   who is who, and who may message whom
//   cmd_review.cpp   messages, audit                         the establishment's read-only reviews
//   cmd_packs.cpp    packs                                   content packs for every wing
//   cmd_web.cpp      worker-password-code, security, it, web-domains   the web inbox's accounts
//   cmd_mail.cpp     mail                                    the relay and queue of workers' email notices
//   cmd_plan.cpp     plan                                    a child's resettlement plan as JSON
//   cmd_board.cpp    board, report                           the management board's accounts and report
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "cli/command_line.h"
#include "core/storage/db.h"

namespace waymark::gateway::cli {

using waymark::cli::Args;
using waymark::cli::Command;

extern const Command kInitCommand, kServeCommand, kDemoSeedCommand, kPinCommand, kRestoredCommand;
extern const Command kEstablishmentsCommand;
extern const Command kEnrolCodeCommand, kDevicesCommand;
extern const Command kWorkersCommand, kChildrenCommand, kContactsCommand, kMeetingsCommand;
extern const Command kMessagesCommand, kAuditCommand;
extern const Command kPacksCommand;
extern const Command kWorkerPasswordCodeCommand, kSecurityCommand, kItCommand, kWebDomainsCommand;
extern const Command kMailCommand;
extern const Command kPlanCommand;
extern const Command kBoardCommand, kReportCommand;

// Shared by the command files (support.cpp).
int64_t now_ms();
std::string actor();  // "admin:USER" (the sudo user when there is one), as the audit log names who did it
// "waymark-gateway CMD: msg (see waymark-gateway CMD --help)" on stderr; returns 2.
int usage_error(const std::string& cmd, const std::string& msg);
// "waymark-gateway CMD: msg" on stderr; returns 1.
int failed(const std::string& cmd, const std::string& msg);
// The gateway's database in --data; throws (exit 1, with the reason) when it cannot be opened.
std::unique_ptr<Db> open_or_fail(const Args& a);

// The add|list|password-code commands of security, board and IT accounts: one shape, one place. add and
// password-code print a one-time password code as the last line.
struct AccountCommand {
  const char* name;                              // "security": the command, as errors name it
  const char* what;                              // "security staff": "added security staff 3; ..."
  const char* add_required;                      // "--name and --email are required"
  std::function<bool(const Args&)> add_ready;    // the required options are there
  std::function<int64_t(Db&, const Args&)> add;  // returns the id; throws std::invalid_argument in plain words
  std::function<void(Db&)> list;                 // one line per account
};
int run_account_command(const Args& a, const AccountCommand& c);

}  // namespace waymark::gateway::cli
