// core/base/shared_library.h: a shared library opened when a program first needs it, not when it starts.
// A library linked directly is mapped and relocated, with every library it needs, before main runs; for one
// that most runs never call (espeak-ng's voice, libcurl's HTTPS before a device is enrolled) that is start-up
// time and memory for nothing (issue 17). The callers keep a table of the functions they use, filled here, and
// call only through it (core/i18n/espeak_loader.h, core/sync/curl_loader.h).
#pragma once

#include <string>

namespace waymark {

class SharedLibrary {
public:
  // Opens soname (RTLD_NOW | RTLD_LOCAL). It is never closed: the tables point into it for the process's life.
  // false with the reason when it cannot be opened; what_package names the Debian package that ships it.
  bool open(const char* soname, const char* what_package, std::string* error);

  // Sets *out to the function called name; false with the reason when the library has none.
  template <typename Fn>
  bool find(const char* name, Fn* out, std::string* error) const {
    void* sym = symbol(name, error);
    if (!sym) return false;
    *out = reinterpret_cast<Fn>(sym);  // POSIX: a function's address from dlsym
    return true;
  }

private:
  void* symbol(const char* name, std::string* error) const;
  void* handle_ = nullptr;
  std::string soname_;
};

}  // namespace waymark
