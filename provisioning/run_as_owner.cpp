// provisioning/run_as_owner.cpp: waymarkctl run as root on a data folder owned by the kiosk's user works
// as that user, so every file it creates (the database, its WAL and shared-memory files) stays readable
// and writable by the kiosk. Without this, `sudo waymarkctl staff add` would leave root-owned -wal/-shm
// files behind and the kiosk could no longer open its own database.
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "provisioning/cli.h"

namespace waymark::cli {

bool run_as_data_owner(const Args& a, std::string& err) {
  if (geteuid() != 0 || a.data.empty()) return true;
  if (a.pos.front() == "decommission") return true;  // removing the folder itself needs its parent's owner (root)
  struct stat st {};
  if (::stat(a.data.c_str(), &st) != 0 || st.st_uid == 0) return true;  // absent or root's: stay root
  if (setgroups(0, nullptr) != 0 || setgid(st.st_gid) != 0 || setuid(st.st_uid) != 0) {
    err = std::string("cannot switch to the data folder's owner (uid ") + std::to_string(st.st_uid) + "): " + std::strerror(errno);
    return false;
  }
  if (setuid(0) == 0) {  // must be impossible now
    err = "could not give up root";
    return false;
  }
  return true;
}

}  // namespace waymark::cli
