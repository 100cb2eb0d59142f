// waymarkctl: provisioning and operations for a Waymark device data folder. Links core only (and the
// command-line parser it shares with waymark-gateway, cli/).
#include "provisioning/cli.h"

using namespace waymark::cli;

int main(int argc, char** argv) {
  const Program program{
      "waymarkctl",
      {&kInitCommand, &kDemoSeedCommand, &kStaffCommand, &kCheckCommand, &kKeysCommand, &kPackCommand, &kListingsCommand,
       &kEnrolCommand, &kSyncCommand, &kFormCheckCommand, &kFormInstallCommand, &kDoctorCommand, &kStatusCommand,
       &kWipeCommand, &kDecommissionCommand, &kStringsCommand},
      run_as_data_owner};
  return run_program(program, argc, argv);
}
