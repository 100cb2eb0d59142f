#include "gateway/store/codes.h"

#include <sodium.h>

#include <vector>

#include "core/base/secrets.h"
#include "core/sync/sync_proto.h"

namespace waymark::gateway {

std::string one_time_code() {
  crypto_init();
  static const char kAlpha[] = "ABCDEFGHJKMNPQRSTVWXYZ23456789";  // 30 letters, none that look alike
  std::string code;
  for (int i = 0; i < 12; i++) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
    code.push_back(kAlpha[randombytes_uniform(30)]);
  }
  return code;
}

std::string random_url_token(size_t bytes) {
  crypto_init();
  std::vector<unsigned char> b(bytes);
  randombytes_buf(b.data(), b.size());
  std::string t = sync::base64_encode(std::string(b.begin(), b.end()));
  for (char& c : t) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!t.empty() && t.back() == '=') t.pop_back();
  return t;
}

}  // namespace waymark::gateway
