// waymark-gateway: the establishment's sync gateway and its admin commands (docs/sync-protocol.md).
//   waymark-gateway COMMAND --data DIR [options]      every command takes --help; exit 0 ok, 1 failed, 2 usage
// The commands live one group a file in this folder (commands.h lists them); the parser is cli/'s.
// Every command also takes `--db URL` (a postgresql:// URI): the gateway's database is then PostgreSQL
// instead of DIR/gateway.db (gateway/store/database.h). It is read here, once, into WAYMARK_GATEWAY_DB, so
// every connection the command opens (the server's pool, the mail sender) uses the same database.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "gateway/cli/commands.h"

using namespace waymark::gateway::cli;

namespace {

// Takes `--db URL` / `--db=URL` out of argv into WAYMARK_GATEWAY_DB; false (with a message) when it is bad.
bool take_db_option(int& argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    std::string url;
    if (a == "--db") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "waymark-gateway: --db needs a postgresql:// URL\n");
        return false;
      }
      url = argv[++i];
    } else if (a.rfind("--db=", 0) == 0) {
      url = a.substr(5);
    } else {
      rest.push_back(argv[i]);
      continue;
    }
    if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0) {
      std::fprintf(stderr, "waymark-gateway: --db takes a postgresql:// URL (SQLite needs no option: it is DIR/gateway.db)\n");
      return false;
    }
    ::setenv("WAYMARK_GATEWAY_DB", url.c_str(), 1);
  }
  argc = static_cast<int>(rest.size());
  for (int i = 0; i < argc; ++i) argv[i] = rest[static_cast<size_t>(i)];
  argv[argc] = nullptr;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  if (!take_db_option(argc, argv)) return 2;
  const waymark::cli::Program program{
      "waymark-gateway",
      {&kInitCommand, &kServeCommand, &kDemoSeedCommand, &kEstablishmentsCommand, &kEnrolCodeCommand, &kPinCommand, &kWorkersCommand,
       &kChildrenCommand, &kContactsCommand, &kMeetingsCommand, &kPlanCommand, &kDevicesCommand, &kMessagesCommand, &kPacksCommand,
       &kAuditCommand, &kRestoredCommand, &kWorkerPasswordCodeCommand, &kSecurityCommand, &kItCommand, &kWebDomainsCommand,
       &kMailCommand, &kBoardCommand, &kReportCommand}};
  return waymark::cli::run_program(program, argc, argv);
}
