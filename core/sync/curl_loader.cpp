#include "core/sync/curl_loader.h"

#include "core/base/shared_library.h"

namespace waymark {

namespace {
struct Loaded {
  CurlApi api{};
  bool ok = false;
  std::string error;
};

Loaded load() {
  Loaded l;
  SharedLibrary lib;
  CurlApi& a = l.api;
  l.ok = lib.open("libcurl.so.4", "libcurl4", &l.error) && lib.find("curl_global_init", &a.global_init, &l.error) &&
         lib.find("curl_easy_init", &a.easy_init, &l.error) && lib.find("curl_easy_cleanup", &a.easy_cleanup, &l.error) &&
         lib.find("curl_easy_reset", &a.easy_reset, &l.error) && lib.find("curl_easy_setopt", &a.easy_setopt, &l.error) &&
         lib.find("curl_easy_perform", &a.easy_perform, &l.error) &&
         lib.find("curl_easy_getinfo", &a.easy_getinfo, &l.error) &&
         lib.find("curl_easy_strerror", &a.easy_strerror, &l.error) &&
         lib.find("curl_slist_append", &a.slist_append, &l.error) &&
         lib.find("curl_slist_free_all", &a.slist_free_all, &l.error);
  if (l.ok && a.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    l.ok = false;
    l.error = "libcurl would not start (curl_global_init)";
  }
  return l;
}
}  // namespace

const CurlApi* curl_api(std::string* error) {
  static const Loaded loaded = load();  // C++ makes this once, thread-safe; curl_global_init is called once too
  if (!loaded.ok && error) *error = loaded.error;
  return loaded.ok ? &loaded.api : nullptr;
}

}  // namespace waymark
