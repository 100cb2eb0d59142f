// waymark-gateway: the establishment's sync gateway and its admin commands (docs/sync-protocol.md).
//   waymark-gateway COMMAND --data DIR [options]      every command takes --help; exit 0 ok, 1 failed, 2 usage
// The commands live one group a file in this folder (commands.h lists them); the parser is cli/'s.
#include <signal.h>

#include "gateway/cli/commands.h"

using namespace waymark::gateway::cli;

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  const waymark::cli::Program program{
      "waymark-gateway",
      {&kInitCommand, &kServeCommand, &kDemoSeedCommand, &kEstablishmentsCommand, &kEnrolCodeCommand, &kPinCommand, &kWorkersCommand,
       &kChildrenCommand, &kContactsCommand, &kMeetingsCommand, &kPlanCommand, &kDevicesCommand, &kMessagesCommand, &kPacksCommand,
       &kAuditCommand, &kRestoredCommand, &kWorkerPasswordCodeCommand, &kSecurityCommand, &kWebDomainsCommand,
       &kMailCommand, &kBoardCommand, &kReportCommand}};
  return waymark::cli::run_program(program, argc, argv);
}
