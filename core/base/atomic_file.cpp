#include "core/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace waymark {

namespace {
std::string why(const std::string& what, int err) { return what + ": " + std::strerror(err); }

// Writes everything or reports errno; a short write (disk full) is retried until write() itself fails.
int write_all(int fd, std::string_view bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n == 0 ? ENOSPC : errno;
    off += static_cast<size_t>(n);
  }
  return 0;
}
}  // namespace

FileWriteResult write_file_atomic(const std::string& path, std::string_view bytes, const AtomicWriteOptions& opt) {
  FileWriteResult r;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // ".NAME.XXXXXX" beside NAME (built piece by piece: GCC 12 warns falsely on "." + string)
  std::string tmpl = dir.string();
  tmpl += "/.";
  tmpl += target.filename().string();
  tmpl += ".XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);  // 0600 from the start
  if (fd < 0) {
    r.error = why("cannot write " + path, errno);
    return r;
  }
  const std::string tmp(name.data());
  auto give_up = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    r.error = why(what, err);
    return r;
  };
  if (int err = write_all(fd, bytes)) return give_up("cannot write " + path, err);
  if (::fchmod(fd, static_cast<mode_t>(opt.mode)) != 0) return give_up("cannot set the mode of " + path, errno);
  if (::fsync(fd) != 0) return give_up("cannot flush " + path + " to disk", errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    r.error = why("cannot write " + path, err);
    return r;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    r.error = why("cannot put " + path + " in place", err);
    return r;
  }
  // The rename lives in the folder: without this a power cut could bring back the old name.
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) {
    r.error = why("wrote " + path + " but cannot open its folder to flush it", errno);
    return r;
  }
  // EINVAL: the file system cannot sync a folder (some network file systems); nothing more can be done there.
  if (::fsync(dfd) != 0 && errno != EINVAL) r.error = why("wrote " + path + " but cannot flush its folder", errno);
  ::close(dfd);
  return r;
}

}  // namespace waymark
