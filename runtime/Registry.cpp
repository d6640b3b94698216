//===- Registry.cpp - Instrumented modules and their function records -----===//
#include "Registry.h"

#include "ArgSampler.h"
#include "Clock.h"
#include "Log.h"
#include "Memory.h"

#include <string.h>
#include <time.h>

namespace frugal::rt {

namespace {

constinit OnceFlag BoundsWarning;
constinit OnceFlag ModuleAbiWarning;
constinit OnceFlag RecordAbiWarning;
constinit OnceFlag CopyWarning;
constinit OnceFlag ArgsAbiWarning;
constinit OnceFlag ArgsOwnerWarning;
constinit OnceFlag ArgsMemoryWarning;

const char *copyOrEmpty(const char *S) {
  const char *C = permanentCopyString(S ? S : "");
  return C ? C : "";
}

// Copies the records and the strings they point to; nullptr on failure.
frugal_func_record *copyRecords(const frugal_func_record *Src, uint32_t N) {
  auto *Dst = static_cast<frugal_func_record *>(
      permanentAllocate(sizeof(frugal_func_record) * (N ? N : 1), 8));
  if (!Dst)
    return nullptr;
  memcpy(Dst, Src, sizeof(frugal_func_record) * N);
  for (uint32_t I = 0; I < N; ++I) {
    frugal_func_record &R = Dst[I];
    if (R.abi_version != FRUGAL_ABI_VERSION)
      continue; // never read: its layout may not even be ours
    R.linkage_name = copyOrEmpty(R.linkage_name);
    R.name = copyOrEmpty(R.name);
    R.file = copyOrEmpty(R.file);
    R.resolved_file = copyOrEmpty(R.resolved_file);
  }
  return Dst;
}

} // namespace

ModuleEntry *Registry::registerModule(const frugal_module_info *Info,
                                      frugal_func_record *Begin,
                                      frugal_func_record *End,
                                      const char *Path) {
  if (!Begin || !End || End < Begin) {
    if (BoundsWarning.first())
      warning("ignoring a module registered with invalid record bounds");
    return nullptr;
  }
  if (Info && Info->abi_version != FRUGAL_ABI_VERSION) {
    if (ModuleAbiWarning.first())
      warning(Path, " was instrumented for frugal ABI version ",
              Info->abi_version, " but this runtime implements version ",
              FRUGAL_ABI_VERSION, "; its functions are not measured");
    return nullptr;
  }

  lock();
  for (ModuleEntry *M = Head; M; M = M->Next)
    if (M->Loaded && M->Begin == Begin) {
      ++M->RefCount;
      unlock();
      return M;
    }

  auto *M = static_cast<ModuleEntry *>(permanentAllocate(sizeof(ModuleEntry)));
  if (!M) {
    unlock();
    warning("out of memory registering ", Path);
    return nullptr;
  }
  M->Begin = Begin;
  M->Records = Begin;
  M->NumRecords = static_cast<uint32_t>(End - Begin);
  M->RefCount = 1;
  M->Loaded = true;
  M->Path = copyOrEmpty(Path);
  M->LlvmVersion = copyOrEmpty(Info ? Info->llvm_version : nullptr);
  M->Filter = copyOrEmpty(Info ? Info->filter : nullptr);
  M->ArgsBegin = nullptr;
  M->Args = nullptr;

  uint32_t Instrumented = 0, Mismatched = 0;
  for (frugal_func_record *R = Begin; R != End; ++R) {
    if (R->abi_version != FRUGAL_ABI_VERSION) {
      ++Mismatched; // id stays 0: the hooks ignore it
      continue;
    }
    if (loadRelaxed(R->id) == 0)
      storeRelaxed(R->id, Ids.allocate());
    if (!(R->flags & FRUGAL_FN_FILTERED))
      ++Instrumented;
  }
  if (Mismatched && RecordAbiWarning.first())
    warning(Path, ": ", Mismatched, " function records have an ABI version "
            "other than ", FRUGAL_ABI_VERSION, "; they are skipped");

  // Publish last: a concurrent reader of the list sees complete entries.
  if (Tail)
    storeRelease(Tail->Next, M);
  else
    storeRelease(Head, M);
  Tail = M;
  unlock();
  verbose("registered ", M->Path, ": ", M->NumRecords, " functions, ",
          Instrumented, " instrumented");
  return M;
}

void Registry::unregisterModule(frugal_func_record *Begin, bool CopyRecords) {
  lock();
  for (ModuleEntry *M = Head; M; M = M->Next) {
    if (!M->Loaded || M->Begin != Begin)
      continue;
    if (--M->RefCount == 0) {
      frugal_func_record *Copy =
          CopyRecords ? copyRecords(M->Records, M->NumRecords) : nullptr;
      if (CopyRecords && !Copy && CopyWarning.first())
        warning("out of memory copying the records of ", M->Path,
                "; its functions will be missing from the profile");
      M->Records = Copy;
      if (!Copy)
        M->NumRecords = 0;
      if (Copy && M->Args)
        for (uint32_t I = 0; I < M->NumRecords; ++I)
          if (M->Args[I])
            keepStrings(*M->Args[I]);
      M->Loaded = false;
      verbose("unregistered ", M->Path);
    }
    break;
  }
  unlock();
}

void Registry::registerArgs(frugal_args_desc *Begin, frugal_args_desc *End) {
  if (!Begin || !End || End <= Begin)
    return;
  // One layout per object (one pass built it): the first says which.
  if (Begin->version != FRUGAL_ARGS_VERSION) {
    if (ArgsAbiWarning.first())
      warning("argument descriptors of version ", Begin->version,
              " where this runtime reads version ", FRUGAL_ARGS_VERSION,
              "; arguments are not recorded");
    return;
  }
  lock();
  ModuleEntry *Owner = nullptr;
  for (ModuleEntry *M = Head; M; M = M->Next) {
    if (!M->Loaded)
      continue;
    if (M->ArgsBegin == Begin) {
      unlock(); // another module of the object registered them
      return;
    }
    if (Begin->record >= M->Begin && Begin->record < M->Begin + M->NumRecords)
      Owner = M;
  }
  if (!Owner) {
    unlock();
    if (ArgsOwnerWarning.first())
      warning("argument descriptors whose functions were not registered; "
              "arguments are not recorded");
    return;
  }
  Owner->Args = static_cast<ArgSampler **>(permanentAllocate(
      sizeof(ArgSampler *) * (Owner->NumRecords ? Owner->NumRecords : 1),
      alignof(void *)));
  if (!Owner->Args) {
    unlock();
    if (ArgsMemoryWarning.first())
      warning("out of memory for argument samples; arguments are not "
              "recorded");
    return;
  }
  Owner->ArgsBegin = Begin;
  for (frugal_args_desc *D = Begin; D != End; ++D) {
    size_t Index = static_cast<size_t>(D->record - Owner->Begin);
    if (D->record < Owner->Begin || Index >= Owner->NumRecords ||
        Owner->Args[Index])
      continue;
    ArgSampler *S = createArgSampler(*D);
    if (!S) {
      if (ArgsMemoryWarning.first())
        warning("out of memory for argument samples; some arguments are "
                "not recorded");
      break;
    }
    Owner->Args[Index] = S;
    // The hooks may run on other threads as soon as this is seen.
    storeRelease(D->state, static_cast<void *>(S));
  }
  unlock();
}

void Registry::resetArgSamples() {
  for (ModuleEntry *M = Head; M; M = M->Next)
    if (M->Args)
      for (uint32_t I = 0; I < M->NumRecords; ++I)
        if (M->Args[I])
          resetSamples(*M->Args[I]);
}

bool Registry::tryLockFor(uint64_t TimeoutNs) {
  uint64_t Deadline = monotonicNs() + TimeoutNs;
  while (pthread_mutex_trylock(&Mutex) != 0) {
    if (monotonicNs() >= Deadline)
      return false;
    timespec Pause{0, 1000000};
    nanosleep(&Pause, nullptr);
  }
  return true;
}

const char *filterReasonName(uint32_t Reason) {
  switch (Reason) {
  case FRUGAL_REASON_DEFAULT:
    return "default";
  case FRUGAL_REASON_ATTR_ALWAYS:
    return "always-attribute";
  case FRUGAL_REASON_ATTR_NEVER:
    return "never-attribute";
  case FRUGAL_REASON_INCLUDE_REGEX:
    return "include-regex";
  case FRUGAL_REASON_EXCLUDE_REGEX:
    return "exclude-regex";
  case FRUGAL_REASON_THRESHOLD:
    return "threshold";
  case FRUGAL_REASON_SYSTEM_HEADER:
    return "system-header";
  }
  return "unknown";
}

} // namespace frugal::rt
