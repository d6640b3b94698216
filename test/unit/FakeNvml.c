/*===- FakeNvml.c - Stand-in for libnvidia-ml in the unit tests -----------===//
//
// Implements the NVML entry points the runtime's NVML source uses, with the
// devices described by environment variables read at nvmlInit_v2 (when no
// earlier init is still open):
//
//   FAKE_NVML_DEVICES      number of GPUs (default 1, at most 64)
//   FAKE_NVML_WATTS        power of GPU i is WATTS x (i + 1) (default 100)
//   FAKE_NVML_START_MJ     energy at init, millijoules (default 1000000)
//   FAKE_NVML_UNSUPPORTED  comma-separated indices whose energy call
//                          returns NVML_ERROR_NOT_SUPPORTED
//   FAKE_NVML_INIT_FAIL    set: nvmlInit_v2 returns DRIVER_NOT_LOADED
//
// Energy of GPU i = START + WATTS x (i + 1) x seconds since init, so a test
// can check both the value and that it moves. fakeNvmlInitCount() tells a
// test whether the source balanced its init with nvmlShutdown.
//
//===----------------------------------------------------------------------===*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int nvmlReturn_t;
typedef struct nvmlDevice_st *nvmlDevice_t;

enum {
  NVML_SUCCESS = 0,
  NVML_ERROR_UNINITIALIZED = 1,
  NVML_ERROR_INVALID_ARGUMENT = 2,
  NVML_ERROR_NOT_SUPPORTED = 3,
  NVML_ERROR_DRIVER_NOT_LOADED = 9,
};

struct nvmlDevice_st {
  unsigned Index;
};

#define MAX_DEVICES 64
static struct nvmlDevice_st Devices[MAX_DEVICES];
static int InitCount;
static unsigned Count;
static double Watts;
static unsigned long long StartMj;
static int Unsupported[MAX_DEVICES];
static struct timespec Start;

static double envNumber(const char *Name, double Default) {
  const char *V = getenv(Name);
  return V && *V ? strtod(V, NULL) : Default;
}

static void configure(void) {
  double N = envNumber("FAKE_NVML_DEVICES", 1);
  Count = N < 0 ? 0 : N > MAX_DEVICES ? MAX_DEVICES : (unsigned)N;
  Watts = envNumber("FAKE_NVML_WATTS", 100);
  StartMj = (unsigned long long)envNumber("FAKE_NVML_START_MJ", 1000000);
  memset(Unsupported, 0, sizeof(Unsupported));
  const char *U = getenv("FAKE_NVML_UNSUPPORTED");
  while (U && *U) {
    char *End;
    long I = strtol(U, &End, 10);
    if (End == U)
      break;
    if (I >= 0 && I < MAX_DEVICES)
      Unsupported[I] = 1;
    U = *End == ',' ? End + 1 : End;
  }
  for (unsigned I = 0; I < MAX_DEVICES; ++I)
    Devices[I].Index = I;
  clock_gettime(CLOCK_MONOTONIC, &Start);
}

nvmlReturn_t nvmlInit_v2(void) {
  if (getenv("FAKE_NVML_INIT_FAIL"))
    return NVML_ERROR_DRIVER_NOT_LOADED;
  if (InitCount++ == 0)
    configure();
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlShutdown(void) {
  if (InitCount == 0)
    return NVML_ERROR_UNINITIALIZED;
  --InitCount;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned *DeviceCount) {
  if (!InitCount)
    return NVML_ERROR_UNINITIALIZED;
  *DeviceCount = Count;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned Index,
                                           nvmlDevice_t *Device) {
  if (!InitCount)
    return NVML_ERROR_UNINITIALIZED;
  if (Index >= Count)
    return NVML_ERROR_INVALID_ARGUMENT;
  *Device = &Devices[Index];
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t Device,
                                                 unsigned long long *Mj) {
  if (!InitCount)
    return NVML_ERROR_UNINITIALIZED;
  if (!Device || Device->Index >= Count)
    return NVML_ERROR_INVALID_ARGUMENT;
  if (Unsupported[Device->Index])
    return NVML_ERROR_NOT_SUPPORTED;
  struct timespec Now;
  clock_gettime(CLOCK_MONOTONIC, &Now);
  double Seconds = (double)(Now.tv_sec - Start.tv_sec) +
                   (Now.tv_nsec - Start.tv_nsec) * 1e-9;
  *Mj = StartMj +
        (unsigned long long)(Watts * (Device->Index + 1) * Seconds * 1000.0);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t Device, char *Name,
                               unsigned Length) {
  if (!InitCount)
    return NVML_ERROR_UNINITIALIZED;
  if (!Device || !Name || Length == 0)
    return NVML_ERROR_INVALID_ARGUMENT;
  snprintf(Name, Length, "Fake GPU %u", Device->Index);
  return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t R) {
  switch (R) {
  case NVML_SUCCESS:
    return "Success";
  case NVML_ERROR_UNINITIALIZED:
    return "Uninitialized";
  case NVML_ERROR_INVALID_ARGUMENT:
    return "Invalid Argument";
  case NVML_ERROR_NOT_SUPPORTED:
    return "Not Supported";
  case NVML_ERROR_DRIVER_NOT_LOADED:
    return "Driver Not Loaded";
  default:
    return "Unknown Error";
  }
}

int fakeNvmlInitCount(void) { return InitCount; }
