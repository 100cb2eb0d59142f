// gateway/store/codes.h: the random secrets the gateway hands out: one-time codes a person reads and types
// (enrolment, passwords) and tokens a browser keeps (sessions, CSRF, the sign-in form's cookie).
#pragma once

#include <cstddef>
#include <string>

namespace waymark::gateway {

// "ABCD-EFGH-JKMN": 12 characters from 30 that do not look alike (about 59 bits).
std::string one_time_code();
// `bytes` random bytes as base64url without padding: safe in a cookie, a form field and a URL.
std::string random_url_token(size_t bytes);

}  // namespace waymark::gateway
