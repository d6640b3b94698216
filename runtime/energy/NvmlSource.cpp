//===- NvmlSource.cpp - NVIDIA GPU energy through NVML --------------------===//
#include "energy/NvmlSource.h"

#include <dlfcn.h>
#include <string.h>

namespace frugal::rt::energy {

namespace {

constexpr NvmlSource::Return NvmlSuccess = 0;
constexpr NvmlSource::Return NvmlNotSupported = 3;
// NVML_DEVICE_NAME_V2_BUFFER_SIZE.
constexpr unsigned NameCapacity = 96;

using InitFn = NvmlSource::Return (*)();
using GetCountFn = NvmlSource::Return (*)(unsigned *);
using GetHandleFn = NvmlSource::Return (*)(unsigned, NvmlSource::Device *);
using GetNameFn = NvmlSource::Return (*)(NvmlSource::Device, char *, unsigned);
using ErrorStringFn = const char *(*)(NvmlSource::Return);

struct Entry {
  Channel C;
  NvmlSource::Device Handle = nullptr;
};

template <class Fn> Fn symbol(void *Library, const char *Name) {
  return reinterpret_cast<Fn>(dlsym(Library, Name));
}

} // namespace

NvmlSource *NvmlSource::create(const char *Library, Reason &Why) {
  void *Lib = dlopen(Library, RTLD_NOW | RTLD_LOCAL);
  if (!Lib) {
    const char *Err = dlerror();
    // dlerror() already names the library.
    Why.append("cannot load NVML (");
    Why.append(Err ? Err : Library);
    Why.append("): no NVIDIA driver, or set FRUGAL_NVML_LIBRARY");
    return nullptr;
  }
  auto Init = symbol<InitFn>(Lib, "nvmlInit_v2");
  auto GetCount = symbol<GetCountFn>(Lib, "nvmlDeviceGetCount_v2");
  auto GetHandle = symbol<GetHandleFn>(Lib, "nvmlDeviceGetHandleByIndex_v2");
  auto GetEnergy =
      symbol<GetEnergyFn>(Lib, "nvmlDeviceGetTotalEnergyConsumption");
  auto Shutdown = symbol<ShutdownFn>(Lib, "nvmlShutdown");
  auto GetName = symbol<GetNameFn>(Lib, "nvmlDeviceGetName");
  auto ErrorString = symbol<ErrorStringFn>(Lib, "nvmlErrorString");
  auto Describe = [&](Return R) {
    const char *S = ErrorString ? ErrorString(R) : nullptr;
    Why.append(S ? S : "error ");
    if (!S)
      Why.append(R);
  };
  if (!Init || !GetCount || !GetHandle || !GetEnergy || !Shutdown) {
    // The library handle is left open: dlclose of a half-usable driver
    // library buys nothing.
    Why.append(Library).append(
        " lacks the NVML entry points needed (nvmlInit_v2, "
        "nvmlDeviceGetTotalEnergyConsumption, ...): driver too old");
    return nullptr;
  }
  Return R = Init();
  if (R != NvmlSuccess) {
    Why.append("nvmlInit_v2 failed: ");
    Describe(R);
    return nullptr;
  }
  unsigned Count = 0;
  R = GetCount(&Count);
  if (R != NvmlSuccess || Count == 0) {
    Shutdown();
    if (R != NvmlSuccess) {
      Why.append("nvmlDeviceGetCount_v2 failed: ");
      Describe(R);
    } else {
      Why.append("NVML sees no GPU");
    }
    return nullptr;
  }
  ScratchArray<Entry> Entries(MaxChannels);
  if (!Entries.ok()) {
    Shutdown();
    Why.append("out of memory");
    return nullptr;
  }
  for (unsigned I = 0; I < Count && !Entries.full(); ++I) {
    Device Handle = nullptr;
    unsigned long long Mj = 0;
    if (GetHandle(I, &Handle) != NvmlSuccess) {
      verbose("nvml: skipping GPU ", I, ": no handle");
      continue;
    }
    R = GetEnergy(Handle, &Mj);
    if (R != NvmlSuccess) {
      verbose("nvml: skipping GPU ", I, ": ",
              R == NvmlNotSupported ? "no energy counter (Volta or newer "
                                      "needed)"
                                    : "energy counter unreadable");
      continue;
    }
    Entry *E = Entries.push();
    E->Handle = Handle;
    E->C.Dom = Domain::Gpu;
    E->C.Unit = uint16_t(I);
    E->C.JoulesPerCount = 1e-3;
    E->C.Modulus = 0;
    char Name[NameCapacity] = {};
    MessageBuilder L;
    L.append("GPU ").append(I);
    if (GetName && GetName(Handle, Name, sizeof(Name)) == NvmlSuccess) {
      Name[sizeof(Name) - 1] = '\0';
      L.append(' ').append(Name);
    }
    copyText(E->C.Label, sizeof(E->C.Label), L.view());
  }
  if (Entries.size() == 0) {
    Shutdown();
    Why.append("none of the ")
        .append(Count)
        .append(" GPU(s) has an energy counter "
                "(nvmlDeviceGetTotalEnergyConsumption "
                "needs Volta or newer)");
    return nullptr;
  }

  unsigned N = Entries.size();
  NvmlSource *S = permanentObject<NvmlSource>();
  Channel *Channels = permanentArray<Channel>(N);
  Device *Devices = permanentArray<Device>(N);
  if (!S || !Channels || !Devices) {
    Shutdown();
    Why.append("out of memory");
    return nullptr;
  }
  for (unsigned I = 0; I < N; ++I) {
    Channels[I] = Entries[I].C;
    Devices[I] = Entries[I].Handle;
  }
  S->Kind = SourceKind::Nvml;
  S->Measured = true;
  S->NumChannels = N;
  S->Channels = Channels;
  S->Devices = Devices;
  S->GetEnergy = GetEnergy;
  S->Shutdown = Shutdown;
  S->Initialized = true;
  MessageBuilder B;
  B.append(N).append(N == 1 ? " GPU" : " GPUs");
  if (N < Count)
    B.append(" of ").append(Count);
  B.append(" (total energy counter)");
  copyText(S->Note, sizeof(S->Note), B.view());
  return S;
}

ReadStatus NvmlSource::read(uint64_t *Raw, bool *Valid) {
  for (unsigned I = 0; I < NumChannels; ++I) {
    unsigned long long Mj = 0;
    Valid[I] = Initialized && GetEnergy(Devices[I], &Mj) == NvmlSuccess;
    Raw[I] = Valid[I] ? uint64_t(Mj) : 0;
  }
  return summarize(Valid, NumChannels);
}

void NvmlSource::close() {
  if (!Initialized)
    return;
  Initialized = false;
  Shutdown();
}

} // namespace frugal::rt::energy
