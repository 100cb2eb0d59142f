#include "kiosk/staff/staff_publish.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/atomic_file.h"

namespace fs = std::filesystem;

namespace waymark::kiosk {

std::string published_packs_dir(const std::string& data_dir) { return (fs::path(data_dir) / "published-packs").string(); }

StaffPublishResult staff_publish(Db& db, const std::string& key_path, const std::string& data_dir,
                                 const StaffProfile& by, CivilDate today, int64_t now_s) {
  StaffPublishResult r;
  if (!by.has(Role::Approver)) {
    r.error = "Only someone with the approver role can publish.";
    return r;
  }
  if (key_path.empty()) {
    r.error = "This device has no curator key. Publishing is done on the education office PC.";
    return r;
  }
  std::ifstream in(key_path, std::ios::binary);
  if (!in) {
    r.error = "The curator key file " + key_path + " cannot be read.";
    return r;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  SecretKey key;
  std::string err;
  if (!parse_secret_key(ss.str(), key, &err)) {
    r.error = "The curator key file " + key_path + " is not a secret key: " + err;
    return r;
  }
  if (!publish_pack(db, key, today, now_s, "staff:" + by.number, {}, {}, r.pack, &err)) {
    r.error = err;
    return r;
  }
  const std::string dir = published_packs_dir(data_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    r.error = "Could not make the folder " + dir + ".";
    return r;
  }
  r.path = (fs::path(dir) / (r.pack.pack_id + "-v" + std::to_string(r.pack.version) + ".pack")).string();
  if (const FileWriteResult w = write_file_atomic(r.path, r.pack.bytes); !w.ok()) {
    r.error = "The pack could not be saved (" + w.error + ").";
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace waymark::kiosk
