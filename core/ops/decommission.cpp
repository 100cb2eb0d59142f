// Decommissioning: the data folder goes, every file overwritten first (see provisioning.h).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/ops/provisioning.h"

namespace fs = std::filesystem;

namespace waymark {

DecommissionReport remove_data_folder(const std::string& dir) {
  DecommissionReport r;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return r;
  std::vector<fs::path> files, dirs;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink(ec)) files.push_back(it->path());  // the link goes, never its target
    else if (it->is_regular_file(ec)) files.push_back(it->path());
    else if (it->is_directory(ec)) dirs.push_back(it->path());
  }
  if (ec) {
    r.error = "cannot list " + dir + ": " + ec.message();
    return r;
  }
  std::vector<char> zeros(1 << 16, 0);
  for (const fs::path& f : files) {
    if (!fs::is_symlink(f)) {
      // Overwrite in place before unlinking. On flash storage this is best effort: the data partition's
      // encryption (see images/) is what makes the old blocks unreadable.
      int fd = ::open(f.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
      if (fd >= 0) {
        std::error_code size_ec;
        auto left = static_cast<int64_t>(fs::file_size(f, size_ec));
        if (size_ec) left = 0;
        while (left > 0) {
          const size_t n = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(zeros.size())));
          const ssize_t w = ::write(fd, zeros.data(), n);
          if (w <= 0) break;
          left -= w;
        }
        ::fsync(fd);
        ::close(fd);
      }
    }
    fs::remove(f, ec);
    if (ec) {
      r.error = "cannot remove " + f.string() + ": " + ec.message();
      return r;
    }
    r.removed.push_back(fs::relative(f, dir).string());
  }
  std::sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) { return a.string().size() > b.string().size(); });
  for (const fs::path& d : dirs) fs::remove(d, ec);
  fs::remove(dir, ec);
  if (ec) r.error = "cannot remove the folder " + dir + ": " + ec.message();
  return r;
}

}  // namespace waymark
