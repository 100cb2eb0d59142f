// Fuzz target: a content pack's manifest JSON and key files. The input is framed as a well-formed pack (magic,
// the input as manifest, a zero signature, no files) so every input reaches the manifest checks, and is
// also read as a public and a secret key file.
#include <cstdint>
#include <string>

#include "core/catalogue/pack.h"

using namespace waymark;

namespace {
void put_u32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((v >> shift) & 0xff));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string pack = "WMPACK01";
  put_u32(pack, static_cast<uint32_t>(text.size()));
  pack += text;
  put_u32(pack, 64);
  pack.append(64, '\0');
  put_u32(pack, 0);
  VerifyOptions vo;
  vo.today = CivilDate{2026, 12, 2};
  const PackCheck c = inspect_pack(pack, vo);
  if (!c.ok() && c.reason.empty()) __builtin_trap();
  if (c.ok() && (c.manifest.version < 1 || c.manifest.version > 1'000'000'000)) __builtin_trap();
  std::string out, err;
  PublicKey pub;
  SecretKey sec;
  (void)parse_public_key(text, pub, &err);
  (void)parse_secret_key(text, sec, &err);
  (void)resign_pack(pack, sec, out, &err);
  return 0;
}
