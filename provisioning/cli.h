// provisioning/cli.h: waymarkctl's commands. Each group of commands lives in its own cmd_*.cpp, which states
// what each command accepts, its summary and usage text next to the function that does the work; the
// parsing, --help, plain usage errors and exit codes are cli/command_line.h's, shared with waymark-gateway.
#pragma once

#include <memory>
#include <string>

#include "cli/command_line.h"
#include "core/accounts/pin_seal.h"

namespace waymark::cli {

// device data folder commands (cmd_device.cpp)
extern const Command kInitCommand, kDemoSeedCommand, kCheckCommand;
// staff accounts (cmd_staff.cpp)
extern const Command kStaffCommand;
// content packs, keys and listing curation (cmd_catalogue.cpp)
extern const Command kKeysCommand, kPackCommand, kListingsCommand;
// sync with the gateway (cmd_sync.cpp)
extern const Command kEnrolCommand, kSyncCommand;
// My Views form definitions (cmd_myviews.cpp)
extern const Command kFormCheckCommand, kFormInstallCommand;
// provisioning and lockdown (cmd_provision.cpp)
extern const Command kDoctorCommand, kStatusCommand, kWipeCommand, kDecommissionCommand;
// child-facing strings (cmd_strings.cpp)
extern const Command kStringsCommand;

// Run as root on a folder another user owns: become that user first (run_as_owner.cpp). False with err
// when the switch failed.
bool run_as_data_owner(const Args& a, std::string& err);

// The device's PIN pepper for a command that writes or checks PINs (pin_pepper.cpp): `out` stays null when
// there is none. False (with the reason printed) when one is named but cannot be used.
bool pin_seal_for(const Args& a, const char* cmd, std::unique_ptr<PinSeal>& out);

}  // namespace waymark::cli
