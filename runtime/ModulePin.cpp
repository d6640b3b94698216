//===- ModulePin.cpp - Keeping a static copy's shared object loaded -------===//
#include "ModulePin.h"

#include "SystemInfo.h"

#include <dlfcn.h>

namespace frugal::rt {

bool keepOwnModuleLoaded() {
  const void *Self = reinterpret_cast<const void *>(&keepOwnModuleLoaded);
  Dl_info Info;
  // The main program is never unloaded (nor is a static executable known
  // to the dynamic linker).
  if (isInMainProgram(Self) || !dladdr(Self, &Info) || !Info.dli_fname)
    return true;
  // RTLD_NOLOAD finds the object already loaded (possibly still inside its
  // own dlopen, whose constructors registered it) and takes a reference,
  // which the dlclose gives back; RTLD_NODELETE stays.
  void *Handle =
      dlopen(Info.dli_fname, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
  if (!Handle)
    return false;
  dlclose(Handle);
  return true;
}

} // namespace frugal::rt
