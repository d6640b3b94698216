//===- ModulePin.h - Keeping a static copy's shared object loaded ---------===//
//
// A copy of the static archive linked into a shared object (a plugin, a
// library loaded by ctypes) points the process at that object once used:
// its energy sampler and flush threads run its code, its signal handlers,
// thread-exit key destructor and atexit handler are in it, and other
// copies call into it on a signal (Rendezvous.h). A dlclose that unmapped
// it would crash the process later. The shared runtime is linked
// -z nodelete for the same reason; a static copy marks its object
// RTLD_NODELETE at first use instead. Its profile is then written at exit,
// and the object's own static destructors run then too.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_MODULEPIN_H
#define FRUGAL_RUNTIME_MODULEPIN_H

namespace frugal::rt {

// Marks the shared object holding this copy of the runtime RTLD_NODELETE;
// nothing for the main program. False when the dynamic linker refused.
bool keepOwnModuleLoaded();

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_MODULEPIN_H
