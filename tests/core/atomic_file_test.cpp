// The one atomic file write (core/base/atomic_file.h): the whole file or the old one, and nothing left over
// when it fails.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/atomic_file.h"
#include "tests/core/test_dirs.h"

namespace fs = std::filesystem;
using namespace waymark;

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  return out;
}
}  // namespace

TEST(AtomicFile, WritesTheWholeFileAndReplacesAnOldOne) {
  test::TempDir d;
  const std::string p = d.file("pack.bin");
  const std::string big(3 << 20, 'x');
  ASSERT_TRUE(write_file_atomic(p, big).ok());
  EXPECT_EQ(slurp(p), big);
  ASSERT_TRUE(write_file_atomic(p, "short").ok());
  EXPECT_EQ(slurp(p), "short");
  EXPECT_EQ(names_in(d.path()), std::vector<std::string>{"pack.bin"}) << "no temporary file is left";
}

TEST(AtomicFile, GivesTheModeAsked) {
  test::TempDir d;
  AtomicWriteOptions secret;
  secret.mode = 0600;
  ASSERT_TRUE(write_file_atomic(d.file("curator.key"), "k", secret).ok());
  ASSERT_TRUE(write_file_atomic(d.file("curator.pub"), "p").ok());
  struct stat st {};
  ASSERT_EQ(::stat(d.file("curator.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(d.file("curator.pub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(AtomicFile, AMissingFolderIsAnErrorValue) {
  test::TempDir d;
  const FileWriteResult r = write_file_atomic(d.file("no-such-folder/x.txt"), "x");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("cannot write"), std::string::npos) << r.error;
}

TEST(AtomicFile, AFolderThatIsNotWritableGivesAnErrorAndLeavesNothing) {
  test::TempDir d;
  const std::string dir = d.file("readonly");
  fs::create_directory(dir);
  ASSERT_TRUE(write_file_atomic(dir + "/old.txt", "old").ok());
  ::chmod(dir.c_str(), 0555);
  // Root ignores folder permissions, so under root the write runs in a child process as "nobody".
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
    const FileWriteResult r = write_file_atomic(dir + "/new.txt", "new");
    const FileWriteResult again = write_file_atomic(dir + "/old.txt", "replaced");
    ::_exit(r.ok() || again.ok() ? 1 : r.error.find("Permission denied") == std::string::npos ? 2 : 0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: the write succeeded, 2: no plain reason, 3: could not drop root";
  ::chmod(dir.c_str(), 0755);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"old.txt"}) << "no partial or temporary file";
  EXPECT_EQ(slurp(dir + "/old.txt"), "old");
}

TEST(AtomicFile, AFailedRenameRemovesTheTemporaryFile) {
  test::TempDir d;
  fs::create_directories(d.file("target/inside"));  // a non-empty folder cannot be replaced by a file
  const FileWriteResult r = write_file_atomic(d.file("target"), "x");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(names_in(d.path()), std::vector<std::string>{"target"});
}
