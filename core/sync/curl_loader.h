// core/sync/curl_loader.h: libcurl, opened when the kiosk first talks to its gateway, not when it starts.
// Linked directly, libcurl and the libraries it needs (OpenSSL, GnuTLS, Kerberos, LDAP, SSH, HTTP/2, IDN and
// more: about thirty) were mapped and relocated before the first frame on every start, enrolled or not: about
// 5 ms of CPU and a few MB of memory (issue 17). http_client.cpp calls libcurl only through this table.
#pragma once

#include <curl/curl.h>

#include <string>

namespace waymark {

struct CurlApi {
  decltype(&curl_global_init) global_init;
  decltype(&curl_easy_init) easy_init;
  decltype(&curl_easy_cleanup) easy_cleanup;
  decltype(&curl_easy_reset) easy_reset;
  decltype(&curl_easy_setopt) easy_setopt;
  decltype(&curl_easy_perform) easy_perform;
  decltype(&curl_easy_getinfo) easy_getinfo;
  decltype(&curl_easy_strerror) easy_strerror;
  decltype(&curl_slist_append) slist_append;
  decltype(&curl_slist_free_all) slist_free_all;
};

// The library's functions, loaded and curl_global_init'ed on the first call (thread-safe); null with a reason
// when libcurl.so.4 or one of its functions is missing, or it would not start. Later calls return the same answer.
const CurlApi* curl_api(std::string* error);

}  // namespace waymark
