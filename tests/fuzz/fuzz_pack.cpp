// Fuzz target: a content pack's bytes as a device reads them (verify_pack with a trusted key, and the gateway's
// inspect_pack, which checks everything but the signature). Seeds: assets/packs/demo.pack and packs the
// seeding script builds. Anything but a refusal with a code and a sentence is a bug.
#include <cstdint>
#include <string>

#include "core/catalogue/pack.h"

using namespace waymark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const PublicKey key = [] {
    PublicKey p;
    SecretKey s;
    generate_keypair("fuzz", p, s);
    return p;
  }();
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  VerifyOptions vo;
  vo.today = CivilDate{2026, 12, 2};
  vo.installed_version = 1;
  const PackCheck a = inspect_pack(bytes, vo);
  if (!a.ok() && a.reason.empty()) __builtin_trap();  // every refusal says why
  const PackCheck b = verify_pack(bytes, {key}, vo);
  if (b.ok()) __builtin_trap();  // nothing the fuzzer makes is signed by this key
  return 0;
}
