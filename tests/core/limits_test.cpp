// Issue 13: the bounds on what comes from outside. JSON depth (parse_json_limited: a 32,000-deep array is a
// plain refusal, not a stack overflow) and content pack versions (at most 1,000,000,000; a jump of more than
// 1,000 needs --allow-big-jump), so one typo cannot freeze every wing.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/base/json_limits.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/pack_version.h"
#include "core/myviews/forms.h"

using namespace waymark;

namespace {

std::string deep_array(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string put_u32(uint32_t v) {
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((v >> shift) & 0xff));
  return s;
}

// A well-framed pack around a manifest text: magic, manifest, a zero signature, no files.
std::string frame(const std::string& manifest) {
  return "WMPACK01" + put_u32(static_cast<uint32_t>(manifest.size())) + manifest + put_u32(64) + std::string(64, '\0') +
         put_u32(0);
}

VerifyOptions options() {
  VerifyOptions vo;
  vo.today = CivilDate{2026, 12, 2};
  return vo;
}

}  // namespace

TEST(JsonLimits, DepthIsCountedOutsideStrings) {
  EXPECT_EQ(json_nesting_depth("{}"), 1u);
  EXPECT_EQ(json_nesting_depth(R"({"a":[1,{"b":[]}]})"), 4u);
  EXPECT_EQ(json_nesting_depth(R"(["[[[[", "\"[[[["])"), 1u);
  EXPECT_EQ(json_nesting_depth("]]]][[]"), 2u) << "stray closers do not go below zero";
  EXPECT_EQ(json_nesting_depth(deep_array(32'000), 10), 11u) << "stops counting past the limit";
}

TEST(JsonLimits, ADeepArrayIsAPlainRefusal) {
  EXPECT_TRUE(parse_json_limited(deep_array(32'000)).is_discarded());
  EXPECT_TRUE(parse_json_limited(std::string(1'000'000, '[')).is_discarded());
  EXPECT_TRUE(parse_json_limited(deep_array(kMaxJsonDepth + 1)).is_discarded());
  EXPECT_FALSE(parse_json_limited(deep_array(kMaxJsonDepth)).is_discarded());
  EXPECT_TRUE(parse_json_limited(R"({"a":1})", kMaxJsonDepth, 3).is_discarded()) << "over max_bytes";
  EXPECT_EQ(parse_json_limited(R"({"a":[1,2]})")["a"][1], 2);
  EXPECT_TRUE(parse_json_limited("{\"a\":").is_discarded());
}

TEST(JsonLimits, ADeepPackManifestOrKeyFileIsRefused) {
  const PackCheck c = inspect_pack(frame("{\"files\":" + deep_array(32'000) + "}"), options());
  EXPECT_EQ(c.error, PackError::BadManifest);
  EXPECT_EQ(c.reason, "The pack's manifest is not readable.");
  PublicKey k;
  std::string err;
  EXPECT_FALSE(parse_public_key(deep_array(32'000), k, &err));
  EXPECT_FALSE(parse_form(deep_array(32'000)).form);
}

TEST(PackVersion, AVersionAboveTheBoundIsRefusedOnTheDevice) {
  PublicKey pub;
  SecretKey sec;
  generate_keypair("test", pub, sec);
  const std::vector<PackFile> files = {{"local_authorities.csv", "code,name_en,name_cy,region,lat,lon\n"}};
  auto pack = [&](int64_t v) { return build_pack("demo", v, "2026-11-23T12:00:00Z", "2031-11-02", "2026-11-02", files, sec); };
  for (const int64_t v : {std::numeric_limits<int64_t>::max(), kMaxPackVersion + 1}) {
    for (const PackCheck& c : {inspect_pack(pack(v), options()), verify_pack(pack(v), {pub}, options())}) {
      EXPECT_EQ(c.error, PackError::BadManifest) << v;
      EXPECT_NE(c.reason.find("from 1 to 1000000000"), std::string::npos) << c.reason;
    }
  }
  const PackCheck ok = verify_pack(pack(kMaxPackVersion), {pub}, options());
  EXPECT_TRUE(ok.ok()) << ok.reason;
  // a manifest's version as an unsigned number beyond int64 is refused too
  const PackCheck huge = inspect_pack(
      frame(R"({"format":1,"pack_id":"demo","version":18446744073709551615,"created":"2026-11-23T12:00:00Z",)"
            R"("expires":"2031-11-02","as_of":"2026-11-02","key_id":"0000000000000000","files":[]})"),
      options());
  EXPECT_EQ(huge.error, PackError::BadManifest) << huge.reason;
}

TEST(PackVersion, BuildingRefusesABigJumpUnlessAllowed) {
  EXPECT_EQ(pack_version_problem(3, 2, false), "");
  EXPECT_EQ(pack_version_problem(1002, 2, false), "");
  EXPECT_NE(pack_version_problem(1003, 2, false).find("--allow-big-jump"), std::string::npos);
  EXPECT_EQ(pack_version_problem(1003, 2, true), "");
  EXPECT_EQ(pack_version_problem(1000, std::nullopt, false), "") << "no previous version counts as 0";
  EXPECT_NE(pack_version_problem(1001, std::nullopt, false), "");
  EXPECT_NE(pack_version_problem(2, 2, false).find("not newer"), std::string::npos);
  EXPECT_NE(pack_version_problem(0, std::nullopt, true), "");
  EXPECT_NE(pack_version_problem(std::numeric_limits<int64_t>::max(), 2, true).find("from 1 to 1000000000"),
            std::string::npos)
      << "--allow-big-jump never lifts the upper bound";
}
