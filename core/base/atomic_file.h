// core/base/atomic_file.h: writing a whole file so that, after a crash or a power cut, the path holds either
// the old file or the new one in full, never a mix and never a half-written file.
//
// How: the bytes go to a temporary file in the same folder (".NAME.XXXXXX", created 0600 so a secret is never
// readable on the way), which is fsynced, given its final mode, renamed over NAME (atomic within one file
// system), and then the folder itself is fsynced so the rename survives a power cut too.
// Expected failures (no such folder, not writable, disk full) come back as a plain-words error value, never as
// an exception; the temporary file is removed on every failure, so nothing partial is left behind.
#pragma once

#include <string>
#include <string_view>

namespace waymark {

struct AtomicWriteOptions {
  unsigned mode = 0644;  // default 0644; 0600 for secret keys and stored packs
};

struct FileWriteResult {
  std::string error;  // empty: written and durable; else what went wrong, e.g. "cannot write /x/y: Permission denied"
  bool ok() const { return error.empty(); }
};

FileWriteResult write_file_atomic(const std::string& path, std::string_view bytes, const AtomicWriteOptions& opt = {});

}  // namespace waymark
