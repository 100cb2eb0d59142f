#include "core/accounts/pin_seal.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/base/secrets.h"

namespace waymark {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPrefix = "$wmseal1$";
constexpr size_t kPrefixLen = 9;
constexpr size_t kKeyIdHex = 16;
constexpr size_t kMaxStored = 512;  // an Argon2id string is under 128 bytes, a sync key 64; anything far longer is not ours

std::string to_hex(const unsigned char* b, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b, n);
  out.pop_back();
  return out;
}

// Reads a pepper file into `out`; the reason when it cannot be used (unreadable, readable by others, wrong size).
std::string read_pepper_file(const std::string& path, std::array<unsigned char, PinSeal::kPepperBytes>& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return "cannot read the PIN pepper " + path + ": " + std::strerror(errno);
  struct stat st {};
  std::string raw;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0) {
    ::close(fd);
    return "the PIN pepper " + path + " is readable by other users (it must be mode 0600 or 0400)";
  }
  char buf[256];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    raw.append(buf, static_cast<size_t>(n));
    if (raw.size() > 200) break;
  }
  sodium_memzero(buf, sizeof buf);
  ::close(fd);
  std::string err;
  if (raw.size() == out.size()) {
    std::memcpy(out.data(), raw.data(), out.size());
  } else {
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r' || raw.back() == ' ')) raw.pop_back();
    size_t got = 0;
    if (raw.size() != out.size() * 2 ||
        sodium_hex2bin(out.data(), out.size(), raw.data(), raw.size(), nullptr, &got, nullptr) != 0 || got != out.size())
      err = "the PIN pepper " + path + " is not 32 bytes (raw, or 64 hex digits)";
  }
  wipe(raw);
  return err;
}

// Whether `path` lies inside `dir` (after resolving both as far as they exist).
bool inside(const std::string& path, const std::string& dir) {
  if (dir.empty()) return false;
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path d = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  auto pi = p.begin();
  for (auto di = d.begin(); di != d.end(); ++di, ++pi) {
    if (di->empty()) continue;  // a trailing slash
    if (pi == p.end() || *pi != *di) return false;
  }
  return true;
}

}  // namespace

PinSeal::PinSeal(const std::array<unsigned char, kPepperBytes>& pepper) {
  crypto_init();
  // One subkey for sealing, another for the id, so the id says nothing about the sealing key.
  if (crypto_kdf_derive_from_key(key_.data(), key_.size(), 1, "wmpinkey", pepper.data()) != 0)
    throw std::runtime_error("libsodium could not derive the PIN key");
  unsigned char id_key[crypto_kdf_KEYBYTES];
  unsigned char id[kKeyIdHex / 2];
  if (crypto_kdf_derive_from_key(id_key, sizeof id_key, 2, "wmpinkey", pepper.data()) != 0 ||
      crypto_generichash(id, sizeof id, reinterpret_cast<const unsigned char*>("key id"), 6, id_key, sizeof id_key) != 0)
    throw std::runtime_error("libsodium could not name the PIN key");
  sodium_memzero(id_key, sizeof id_key);
  key_id_ = to_hex(id, sizeof id);
}

PinSeal::~PinSeal() { sodium_memzero(key_.data(), key_.size()); }

std::unique_ptr<PinSeal> PinSeal::random() {
  crypto_init();
  std::array<unsigned char, kPepperBytes> p{};
  randombytes_buf(p.data(), p.size());
  auto s = std::make_unique<PinSeal>(p);
  sodium_memzero(p.data(), p.size());
  return s;
}

bool PinSeal::is_sealed(const std::string& stored) { return stored.rfind(kPrefix, 0) == 0; }

std::string PinSeal::key_id_of(const std::string& stored) {
  if (!is_sealed(stored) || stored.size() < kPrefixLen + kKeyIdHex + 1 || stored[kPrefixLen + kKeyIdHex] != '$') return {};
  return stored.substr(kPrefixLen, kKeyIdHex);
}

std::string PinSeal::seal(const std::string& secret) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + secret.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(secret.data()),
                        secret.size(), nonce, key_.data());
  std::string b64(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL_NO_PADDING), '\0');
  sodium_bin2base64(b64.data(), b64.size(), nonce, box.size(), sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  b64.pop_back();  // the terminating NUL
  return std::string(kPrefix) + key_id_ + "$" + b64;
}

std::optional<std::string> PinSeal::open(const std::string& stored) const {
  if (stored.size() > kMaxStored || key_id_of(stored) != key_id_) return std::nullopt;
  const std::string b64 = stored.substr(kPrefixLen + kKeyIdHex + 1);
  std::string box(b64.size(), '\0');
  size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), b64.data(), b64.size(), nullptr, &n,
                        nullptr, sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
      n < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  const size_t clen = n - crypto_secretbox_NONCEBYTES;
  std::string plain(clen - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), nonce + crypto_secretbox_NONCEBYTES, clen,
                                 nonce, key_.data()) != 0)
    return std::nullopt;
  return plain;
}

PinPepperLookup find_pin_pepper(const std::string& path, const std::string& data_dir) {
  PinPepperLookup r;
  std::string file = path;
  if (file.empty())
    if (const char* e = std::getenv(kPinPepperEnv); e && *e) file = e;
  if (file.empty())
    if (const char* c = std::getenv("CREDENTIALS_DIRECTORY"); c && *c) {
      const std::string cred = std::string(c) + "/" + kPinPepperCredential;
      if (::access(cred.c_str(), F_OK) == 0) file = cred;
    }
  if (file.empty()) return r;
  if (inside(file, data_dir)) {
    r.error = "the PIN pepper " + file + " is inside the data folder " + data_dir +
              "; a copy of the folder would carry it (keep it outside: docs/operating.md)";
    return r;
  }
  std::array<unsigned char, PinSeal::kPepperBytes> p{};
  r.error = read_pepper_file(file, p);
  if (r.error.empty()) {
    r.seal = std::make_unique<PinSeal>(p);
    r.source = file;
  }
  sodium_memzero(p.data(), p.size());
  return r;
}

std::string create_pin_pepper_file(const std::string& path, const std::string& data_dir) {
  if (path.empty()) return "no path for the PIN pepper";
  if (inside(path, data_dir)) return "the PIN pepper must not be inside the data folder " + data_dir;
  crypto_init();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return "cannot create the PIN pepper " + path + ": " + std::strerror(errno);
  unsigned char p[PinSeal::kPepperBytes];
  randombytes_buf(p, sizeof p);
  const bool ok = ::write(fd, p, sizeof p) == static_cast<ssize_t>(sizeof p) && ::fsync(fd) == 0;
  sodium_memzero(p, sizeof p);
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return "cannot write the PIN pepper " + path;
  }
  return {};
}

}  // namespace waymark
