#include "core/base/shared_library.h"

#include <dlfcn.h>

namespace waymark {

bool SharedLibrary::open(const char* soname, const char* what_package, std::string* error) {
  soname_ = soname;
  handle_ = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle_) return true;
  const char* why = dlerror();
  if (error) *error = soname_ + " is not installed (" + what_package + "): " + (why ? why : "cannot open it");
  return false;
}

void* SharedLibrary::symbol(const char* name, std::string* error) const {
  void* sym = handle_ ? dlsym(handle_, name) : nullptr;
  if (!sym && error) *error = soname_ + " has no " + name;
  return sym;
}

}  // namespace waymark
