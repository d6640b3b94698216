//===- EnergySourcesTest.cpp - Energy sources against fake trees ----------===//
//
// Each source reads a temporary tree laid out like the kernel's (powercap
// zones, the perf power PMU, CPU topology, sparse files standing in for
// /dev/cpu/N/msr) or, for NVML, a stand-in library (FakeNvml.c). Tests
// that need a permission to be refused drop root in a forked child.
//
//===----------------------------------------------------------------------===//
#include "energy/EnergyEnv.h"
#include "energy/ModelSource.h"
#include "energy/MsrSource.h"
#include "energy/NvmlSource.h"
#include "energy/PerfSource.h"
#include "energy/PowercapSource.h"
#include "energy/Source.h"

#include "TestSupport.h"

#include <atomic>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <grp.h>
#include <gtest/gtest.h>
#include <set>
#include <stdlib.h>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace frugal;
using namespace frugal::rt::energy;

namespace {

bool contains(std::string_view Text, std::string_view Part) {
  return Text.find(Part) != std::string_view::npos;
}

// A temporary directory removed with everything in it.
class FakeTree {
public:
  FakeTree() {
    const char *Tmp = getenv("TMPDIR");
    std::string T =
        std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/frugal-energy-XXXXXX";
    if (mkdtemp(T.data()))
      Root = T;
    // Traversable by the unprivileged child of the permission tests.
    chmod(Root.c_str(), 0755);
  }
  ~FakeTree() {
    std::error_code Ignored;
    std::filesystem::remove_all(Root, Ignored);
  }
  const std::string &root() const { return Root; }
  std::string path(const std::string &Rel) const { return Root + "/" + Rel; }

  void write(const std::string &Rel, const std::string &Content,
             mode_t Mode = 0644) {
    std::filesystem::path P = path(Rel);
    std::filesystem::create_directories(P.parent_path());
    for (auto D = P.parent_path(); D.string().size() > Root.size();
         D = D.parent_path())
      chmod(D.c_str(), 0755);
    int Fd = open(P.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ASSERT_GE(Fd, 0) << P;
    ASSERT_EQ(::write(Fd, Content.data(), Content.size()),
              ssize_t(Content.size()));
    close(Fd);
    chmod(P.c_str(), Mode);
  }
  // 8 bytes at Offset, as a register of a fake MSR device.
  void writeAt(const std::string &Rel, uint64_t Offset, uint64_t Value) {
    int Fd = open(path(Rel).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(Fd, 0);
    ASSERT_EQ(pwrite(Fd, &Value, 8, off_t(Offset)), 8);
    close(Fd);
  }

private:
  std::string Root;
};

// Runs F where a permission can be refused: in a child that dropped root
// when the tests run as root (root reads any file), else here. Returns
// F's text.
std::string withoutRoot(std::function<std::string()> F) {
  if (geteuid() != 0)
    return F();
  int Pipe[2];
  if (pipe(Pipe) != 0)
    return "pipe failed";
  pid_t Pid = fork();
  if (Pid == 0) {
    close(Pipe[0]);
    std::string Out = "could not drop root";
    if (setgroups(0, nullptr) == 0 && setresgid(65534, 65534, 65534) == 0 &&
        setresuid(65534, 65534, 65534) == 0)
      Out = F();
    (void)!::write(Pipe[1], Out.data(), Out.size());
    _exit(0);
  }
  close(Pipe[1]);
  std::string Out;
  char Buf[512];
  ssize_t N;
  while ((N = read(Pipe[0], Buf, sizeof(Buf))) > 0)
    Out.append(Buf, size_t(N));
  close(Pipe[0]);
  int Status = 0;
  waitpid(Pid, &Status, 0);
  return Out;
}

const Channel *find(const Source &S, Domain D, uint16_t Unit,
                    unsigned Nth = 0) {
  for (unsigned I = 0; I < S.numChannels(); ++I)
    if (S.channel(I).Dom == D && S.channel(I).Unit == Unit && Nth-- == 0)
      return &S.channel(I);
  return nullptr;
}

unsigned indexOf(const Source &S, const Channel *C) {
  return unsigned(C - &S.channel(0));
}

struct Reading {
  std::vector<uint64_t> Raw;
  std::vector<char> Valid;
  ReadStatus Status;
};

Reading readAll(Source &S) {
  Reading R;
  R.Raw.assign(S.numChannels(), 0);
  bool Valid[MaxChannels];
  R.Status = S.read(R.Raw.data(), Valid);
  R.Valid.assign(Valid, Valid + S.numChannels());
  return R;
}

//===----------------------------------------------------------------------===//
// powercap
//===----------------------------------------------------------------------===//

constexpr const char *MaxRange = "262143328850";

void addZone(FakeTree &T, const std::string &Zone, const std::string &Name,
             uint64_t Energy, const char *Range = MaxRange) {
  T.write(Zone + "/name", Name + "\n");
  T.write(Zone + "/energy_uj", std::to_string(Energy) + "\n");
  if (Range)
    T.write(Zone + "/max_energy_range_uj", std::string(Range) + "\n", 0444);
}

void twoSocketPowercap(FakeTree &T) {
  T.write("intel-rapl/enabled", "1\n"); // the control type: not a zone
  addZone(T, "intel-rapl:0", "package-0", 1000);
  addZone(T, "intel-rapl:0:0", "core", 100);
  addZone(T, "intel-rapl:0:1", "dram", 200);
  addZone(T, "intel-rapl:1", "package-1", 2000);
  addZone(T, "intel-rapl:1:0", "dram", 400);
  addZone(T, "intel-rapl:2", "psys", 5000);
  addZone(T, "intel-rapl-mmio:0", "package-0", 999999);
}

TEST(EnergyPowercap, FindsZonesAndSubzones) {
  FakeTree T;
  twoSocketPowercap(T);
  Reason Why;
  PowercapSource *S = PowercapSource::create(T.root().c_str(), Why);
  ASSERT_NE(S, nullptr) << Why.view();
  EXPECT_EQ(S->kind(), SourceKind::Powercap);
  EXPECT_TRUE(S->measured());
  ASSERT_EQ(S->numChannels(), 6u); // the mmio zone is skipped
  const Channel *Pkg0 = find(*S, Domain::Package, 0);
  const Channel *Pkg1 = find(*S, Domain::Package, 1);
  const Channel *Core0 = find(*S, Domain::Core, 0);
  const Channel *Dram0 = find(*S, Domain::Dram, 0);
  const Channel *Dram1 = find(*S, Domain::Dram, 1);
  const Channel *Psys = find(*S, Domain::Psys, 0);
  ASSERT_TRUE(Pkg0 && Pkg1 && Core0 && Dram0 && Dram1 && Psys);
  EXPECT_STREQ(Pkg0->Label, "intel-rapl:0 package-0");
  EXPECT_STREQ(Dram1->Label, "intel-rapl:1:0 dram");
  EXPECT_EQ(Pkg0->Modulus, 262143328851u);
  EXPECT_EQ(Pkg0->JoulesPerCount, 1e-6);
  // Sorted by domain, then unit.
  EXPECT_EQ(indexOf(*S, Pkg0), 0u);
  EXPECT_EQ(indexOf(*S, Pkg1), 1u);

  Reading R = readAll(*S);
  EXPECT_EQ(R.Status, ReadStatus::Ok);
  EXPECT_EQ(R.Raw[indexOf(*S, Pkg0)], 1000u);
  EXPECT_EQ(R.Raw[indexOf(*S, Dram1)], 400u);
  EXPECT_EQ(R.Raw[indexOf(*S, Psys)], 5000u);

  // The descriptor stays open: a new value is seen by the next read.
  T.write("intel-rapl:1:0/energy_uj", "123456789\n");
  T.write("intel-rapl:0/energy_uj", "garbage\n");
  R = readAll(*S);
  EXPECT_EQ(R.Status, ReadStatus::Partial);
  EXPECT_EQ(R.Raw[indexOf(*S, Dram1)], 123456789u);
  EXPECT_FALSE(R.Valid[indexOf(*S, Pkg0)]);
  EXPECT_TRUE(contains(S->note(), "package, core, dram, psys on "
                                  "2 units"))
      << S->note();
  S->close();
  S->close(); // idempotent
  EXPECT_EQ(readAll(*S).Status, ReadStatus::Failed);
}

TEST(EnergyPowercap, DiesOfOnePackageShareItsUnit) {
  FakeTree T;
  addZone(T, "intel-rapl:0", "package-0-die-0", 10);
  addZone(T, "intel-rapl:1", "package-0-die-1", 20);
  addZone(T, "intel-rapl:1:0", "dram", 30);
  Reason Why;
  PowercapSource *S = PowercapSource::create(T.root().c_str(), Why);
  ASSERT_NE(S, nullptr) << Why.view();
  ASSERT_EQ(S->numChannels(), 3u);
  EXPECT_NE(find(*S, Domain::Package, 0, 0), nullptr);
  EXPECT_NE(find(*S, Domain::Package, 0, 1), nullptr);
  EXPECT_NE(find(*S, Domain::Dram, 0), nullptr);
  S->close();
}

TEST(EnergyPowercap, SkipsZonesItCannotUse) {
  FakeTree T;
  addZone(T, "intel-rapl:0", "package-0", 10);
  addZone(T, "intel-rapl:0:0", "mystery", 10);          // unknown subzone
  addZone(T, "intel-rapl:1", "package-1", 10, nullptr); // no range
  addZone(T, "intel-rapl:2", "psys", 10);
  addZone(T, "intel-rapl:3", "psys", 10); // a second psys
  addZone(T, "intel-rapl:4", "platform", 10);
  addZone(T, "intel-rapl:5", "package-5", 10);
  T.write("intel-rapl:5/energy_uj", "not a number\n");
  addZone(T, "intel-rapl-mmio:0", "package-0", 10);
  rt::setVerbose(true);
  test::LogCapture Log;
  Reason Why;
  PowercapSource *S = PowercapSource::create(T.root().c_str(), Why);
  rt::setVerbose(false);
  ASSERT_NE(S, nullptr) << Why.view();
  ASSERT_EQ(S->numChannels(), 2u);
  EXPECT_NE(find(*S, Domain::Package, 0), nullptr);
  EXPECT_STREQ(find(*S, Domain::Psys, 0)->Label, "intel-rapl:2 psys");
  EXPECT_EQ(Log.count("intel-rapl:0:0: unknown subzone name 'mystery'"), 1u);
  EXPECT_EQ(Log.count("intel-rapl:1: no usable max_energy_range_uj"), 1u);
  EXPECT_EQ(Log.count("intel-rapl:3: a second psys zone"), 1u);
  EXPECT_EQ(Log.count("intel-rapl:4: unknown zone name 'platform'"), 1u);
  EXPECT_EQ(Log.count("intel-rapl:5: energy_uj unreadable"), 1u);
  EXPECT_EQ(Log.count("skipping intel-rapl-mmio:0: the MMIO interface"), 1u);
  S->close();
}

TEST(EnergyPowercap, MissingRootSaysSo) {
  FakeTree T;
  std::string Root = T.path("absent");
  Reason Why;
  EXPECT_EQ(PowercapSource::create(Root.c_str(), Why), nullptr);
  EXPECT_TRUE(contains(Why.view(), "no RAPL zones under " + Root))
      << Why.view();
  EXPECT_TRUE(contains(Why.view(), "modprobe intel_rapl_msr"));
  // An existing root without zones gives the same reason.
  T.write("intel-rapl/enabled", "0\n");
  Why.clear();
  EXPECT_EQ(PowercapSource::create(T.root().c_str(), Why), nullptr);
  EXPECT_TRUE(contains(Why.view(), "no RAPL zones under")) << Why.view();
}

TEST(EnergyPowercap, PermissionDeniedExplainsTheCve) {
  FakeTree T;
  twoSocketPowercap(T);
  for (const char *Zone : {"intel-rapl:0", "intel-rapl:0:0", "intel-rapl:0:1",
                           "intel-rapl:1", "intel-rapl:1:0", "intel-rapl:2"})
    chmod(T.path(std::string(Zone) + "/energy_uj").c_str(), 0);
  std::string Out = withoutRoot([&] {
    Reason Why;
    PowercapSource *S = PowercapSource::create(T.root().c_str(), Why);
    return S ? std::string("created") : std::string(Why.view());
  });
  EXPECT_TRUE(
      contains(Out, "permission denied on " + T.root() + "/intel-rapl:"))
      << Out;
  EXPECT_TRUE(contains(Out, "CVE-2020-8694")) << Out;
  EXPECT_TRUE(contains(Out, "sudo chmod o+r")) << Out;
  EXPECT_TRUE(contains(Out, "FRUGAL_ENERGY=perf")) << Out;
}

TEST(EnergyPowercap, RealDefaultRootWhenAbsent) {
  if (access("/sys/class/powercap", F_OK) == 0)
    GTEST_SKIP() << "this machine has /sys/class/powercap";
  Reason Why;
  EXPECT_EQ(PowercapSource::create("/sys/class/powercap", Why), nullptr);
  EXPECT_TRUE(contains(Why.view(), "no RAPL zones under /sys/class/powercap"))
      << Why.view();
}

//===----------------------------------------------------------------------===//
// perf
//===----------------------------------------------------------------------===//

// Hands back regular files named count-CONFIG-CPU for perf_event_open.
struct FakePerf {
  static inline std::string Dir;
  static inline int FailErrno = 0;
  static inline std::set<std::pair<uint64_t, int>> Missing;
  struct Call {
    uint32_t Type;
    uint64_t Config;
    int Cpu;
  };
  static inline std::vector<Call> Calls;

  static int open(uint32_t Type, uint64_t Config, int Cpu) {
    Calls.push_back({Type, Config, Cpu});
    if (FailErrno) {
      errno = FailErrno;
      return -1;
    }
    if (Missing.count({Config, Cpu})) {
      errno = ENOENT;
      return -1;
    }
    return ::open(file(Config, Cpu).c_str(), O_RDONLY | O_CLOEXEC);
  }
  static std::string file(uint64_t Config, int Cpu) {
    return Dir + "/count-" + std::to_string(Config) + "-" + std::to_string(Cpu);
  }
  static void reset(const std::string &D) {
    Dir = D;
    FailErrno = 0;
    Missing.clear();
    Calls.clear();
  }
};

void writeCount(FakeTree &T, uint64_t Config, int Cpu, uint64_t V) {
  T.writeAt("count-" + std::to_string(Config) + "-" + std::to_string(Cpu), 0,
            V);
}

void fakePmu(FakeTree &T) {
  T.write("devices/power/type", "42\n");
  T.write("devices/power/cpumask", "0,2\n");
  auto Event = [&](const char *Name, const char *Encoding, const char *Scale,
                   const char *Unit) {
    std::string Base = std::string("devices/power/events/energy-") + Name;
    T.write(Base, std::string(Encoding) + "\n");
    T.write(Base + ".scale", std::string(Scale) + "\n");
    T.write(Base + ".unit", std::string(Unit) + "\n");
  };
  Event("pkg", "event=0x02", "2.3283064365386962890625e-10", "Joules");
  Event("ram", "event=0x03", "6.103515625e-05", "Joules");
  Event("psys", "event=0x05", "2.3283064365386962890625e-10", "Joules");
  Event("cores", "event=0x01", "2.3283064365386962890625e-10", "Watts");
  Event("gpu", "event=0x04,umask=0x1", "2.3283064365386962890625e-10",
        "Joules");
  T.write("cpu/cpu0/topology/physical_package_id", "0\n");
  T.write("cpu/cpu2/topology/physical_package_id", "1\n");
  for (uint64_t Config : {2, 3, 5})
    for (int Cpu : {0, 2})
      writeCount(T, Config, Cpu, Config * 1000 + uint64_t(Cpu));
  T.write("paranoid", "3\n");
}

TEST(EnergyPerf, OpensOneCounterPerPackageAndDomain) {
  FakeTree T;
  fakePmu(T);
  FakePerf::reset(T.root());
  Reason Why;
  PerfSource *S =
      PerfSource::create(T.path("devices").c_str(), T.path("cpu").c_str(), Why,
                         FakePerf::open, T.path("paranoid").c_str());
  ASSERT_NE(S, nullptr) << Why.view();
  EXPECT_EQ(S->kind(), SourceKind::Perf);
  // pkg and ram on both packages, psys once; cores (unit Watts) and gpu
  // (an encoding with more than event=) are skipped.
  ASSERT_EQ(S->numChannels(), 5u);
  for (const FakePerf::Call &C : FakePerf::Calls)
    EXPECT_EQ(C.Type, 42u);
  EXPECT_EQ(FakePerf::Calls.size(), 5u);
  const Channel *Pkg1 = find(*S, Domain::Package, 1);
  const Channel *Ram0 = find(*S, Domain::Dram, 0);
  const Channel *Psys = find(*S, Domain::Psys, 0);
  ASSERT_TRUE(Pkg1 && Ram0 && Psys);
  EXPECT_EQ(find(*S, Domain::Psys, 0, 1), nullptr);
  EXPECT_EQ(find(*S, Domain::Core, 0), nullptr);
  EXPECT_EQ(find(*S, Domain::Uncore, 0), nullptr);
  EXPECT_STREQ(Pkg1->Label, "energy-pkg cpu2");
  EXPECT_DOUBLE_EQ(Pkg1->JoulesPerCount, 1.0 / 4294967296.0);
  EXPECT_DOUBLE_EQ(Ram0->JoulesPerCount, 1.0 / 16384.0);
  EXPECT_EQ(Pkg1->Modulus, 0u);

  Reading R = readAll(*S);
  EXPECT_EQ(R.Status, ReadStatus::Ok);
  EXPECT_EQ(R.Raw[indexOf(*S, Pkg1)], 2002u);
  EXPECT_EQ(R.Raw[indexOf(*S, Ram0)], 3000u);
  EXPECT_EQ(R.Raw[indexOf(*S, Psys)], 5000u);
  writeCount(T, 2, 2, uint64_t(1) << 60);
  EXPECT_EQ(readAll(*S).Raw[indexOf(*S, Pkg1)], uint64_t(1) << 60);
  S->close();
  S->close();
  EXPECT_EQ(readAll(*S).Status, ReadStatus::Failed);
}

TEST(EnergyPerf, AnEventThatFailsToOpenIsSkipped) {
  FakeTree T;
  fakePmu(T);
  FakePerf::reset(T.root());
  FakePerf::Missing = {{3, 2}}; // ram on the second package
  Reason Why;
  PerfSource *S =
      PerfSource::create(T.path("devices").c_str(), T.path("cpu").c_str(), Why,
                         FakePerf::open, T.path("paranoid").c_str());
  ASSERT_NE(S, nullptr) << Why.view();
  EXPECT_EQ(S->numChannels(), 4u);
  EXPECT_EQ(find(*S, Domain::Dram, 1), nullptr);
  EXPECT_NE(find(*S, Domain::Dram, 0), nullptr);
  S->close();
}

TEST(EnergyPerf, PermissionDeniedGivesParanoidLevelAndFix) {
  FakeTree T;
  fakePmu(T);
  FakePerf::reset(T.root());
  FakePerf::FailErrno = EACCES;
  Reason Why;
  EXPECT_EQ(PerfSource::create(T.path("devices").c_str(), T.path("cpu").c_str(),
                               Why, FakePerf::open, T.path("paranoid").c_str()),
            nullptr);
  EXPECT_TRUE(contains(Why.view(), "perf_event_paranoid <= 0 (it is 3 here"))
      << Why.view();
  EXPECT_TRUE(contains(Why.view(), "CAP_PERFMON"));
  EXPECT_TRUE(contains(Why.view(), "sudo sysctl kernel.perf_event_paranoid=0"));
  FakePerf::FailErrno = EPERM;
  Why.clear();
  EXPECT_EQ(PerfSource::create(T.path("devices").c_str(), T.path("cpu").c_str(),
                               Why, FakePerf::open, T.path("paranoid").c_str()),
            nullptr);
  EXPECT_TRUE(contains(Why.view(), "it is 3 here")) << Why.view();
}

TEST(EnergyPerf, MissingPmuSaysSo) {
  FakeTree T;
  FakePerf::reset(T.root());
  Reason Why;
  EXPECT_EQ(PerfSource::create(T.root().c_str(), T.path("cpu").c_str(), Why,
                               FakePerf::open),
            nullptr);
  EXPECT_TRUE(contains(Why.view(),
                       "no RAPL power PMU: " + T.root() + "/power is missing"))
      << Why.view();
  EXPECT_TRUE(contains(Why.view(), "rapl perf driver"));
  EXPECT_TRUE(FakePerf::Calls.empty());
}

TEST(EnergyPerf, RealPmuWhenPresent) {
  // The real perf_event path (read(), not pread: perf fds refuse pread).
  Reason Why;
  PerfSource *S = PerfSource::create("/sys/bus/event_source/devices",
                                     "/sys/devices/system/cpu", Why);
  if (access("/sys/bus/event_source/devices/power", F_OK) != 0) {
    EXPECT_EQ(S, nullptr);
    EXPECT_TRUE(contains(Why.view(), "no RAPL power PMU")) << Why.view();
    return;
  }
  if (!S)
    GTEST_SKIP() << "power PMU present but not usable here: " << Why.view();
  EXPECT_GT(S->numChannels(), 0u);
  EXPECT_EQ(readAll(*S).Status, ReadStatus::Ok);
  S->close();
}

//===----------------------------------------------------------------------===//
// msr
//===----------------------------------------------------------------------===//

void cpuTopology(FakeTree &T, const char *Online,
                 std::vector<std::tuple<int, int, int>> Cpus) {
  T.write("cpu/online", std::string(Online) + "\n");
  for (auto [Cpu, Package, Core] : Cpus) {
    std::string Dir = "cpu/cpu" + std::to_string(Cpu) + "/topology/";
    T.write(Dir + "physical_package_id", std::to_string(Package) + "\n");
    T.write(Dir + "core_id", std::to_string(Core) + "\n");
  }
}

void intelMsrs(FakeTree &T) {
  cpuTopology(T, "0-3", {{0, 0, 0}, {1, 0, 1}, {2, 1, 0}, {3, 1, 1}});
  // ESU 14 (bits 12:8): 61 uJ, as on some Xeons.
  T.writeAt("msr0", msr::IntelPowerUnit, 0xA0E03);
  T.writeAt("msr0", msr::IntelPackageEnergy, 0xDEAD0000'12345678ull);
  T.writeAt("msr0", msr::IntelPp0Energy, 1000);
  T.writeAt("msr0", msr::IntelDramEnergy, 5000);
  T.writeAt("msr0", msr::IntelPsysEnergy, 777); // PP1 stays a hole: 0
  T.writeAt("msr2", msr::IntelPowerUnit, 0xA0E03);
  T.writeAt("msr2", msr::IntelPackageEnergy, 2000);
  T.writeAt("msr2", msr::IntelDramEnergy, 3000); // the file ends here
}

TEST(EnergyMsr, IntelRegistersPerPackage) {
  FakeTree T;
  intelMsrs(T);
  CpuIdentity SkylakeX{CpuVendor::Intel, 6, 0x55};
  std::string Template = T.path("msr%d");
  Reason Why;
  MsrSource *S = MsrSource::create(Template.c_str(), T.path("cpu").c_str(), Why,
                                   &SkylakeX);
  ASSERT_NE(S, nullptr) << Why.view();
  EXPECT_EQ(S->kind(), SourceKind::Msr);
  ASSERT_EQ(S->numChannels(), 6u);
  const Channel *Pkg0 = find(*S, Domain::Package, 0);
  const Channel *Pkg1 = find(*S, Domain::Package, 1);
  const Channel *Core0 = find(*S, Domain::Core, 0);
  const Channel *Dram0 = find(*S, Domain::Dram, 0);
  const Channel *Dram1 = find(*S, Domain::Dram, 1);
  const Channel *Psys = find(*S, Domain::Psys, 0);
  ASSERT_TRUE(Pkg0 && Pkg1 && Core0 && Dram0 && Dram1 && Psys);
  EXPECT_EQ(find(*S, Domain::Uncore, 0), nullptr); // reads 0
  EXPECT_EQ(find(*S, Domain::Core, 1), nullptr);   // past the file's end
  EXPECT_EQ(Pkg0->JoulesPerCount, 1.0 / 16384);
  EXPECT_EQ(Dram0->JoulesPerCount, 1.0 / 65536); // fixed on Skylake-X
  EXPECT_EQ(Pkg0->Modulus, uint64_t(1) << 32);
  EXPECT_STREQ(Pkg1->Label, "msr 0x611 cpu2");

  Reading R = readAll(*S);
  EXPECT_EQ(R.Status, ReadStatus::Ok);
  EXPECT_EQ(R.Raw[indexOf(*S, Pkg0)], 0x12345678u); // low 32 bits only
  EXPECT_EQ(R.Raw[indexOf(*S, Dram1)], 3000u);
  EXPECT_EQ(R.Raw[indexOf(*S, Psys)], 777u);
  T.writeAt("msr2", msr::IntelDramEnergy, 0xFFFFFFFF'FFFFFFF0ull);
  EXPECT_EQ(readAll(*S).Raw[indexOf(*S, Dram1)], 0xFFFFFFF0u);
  S->close();
  S->close();
  EXPECT_EQ(readAll(*S).Status, ReadStatus::Failed);

  // A client part: DRAM in the ESU unit like the rest.
  CpuIdentity AlderLake{CpuVendor::Intel, 6, 0x9A};
  S = MsrSource::create(Template.c_str(), T.path("cpu").c_str(), Why,
                        &AlderLake);
  ASSERT_NE(S, nullptr);
  EXPECT_EQ(find(*S, Domain::Dram, 0)->JoulesPerCount, 1.0 / 16384);
  S->close();
}

TEST(EnergyMsr, AmdCoreEnergyIsPerPhysicalCore) {
  FakeTree T;
  // cpu1 is cpu0's SMT sibling: its core is read once, on cpu0.
  cpuTopology(T, "0-3", {{0, 0, 0}, {1, 0, 0}, {2, 0, 1}, {3, 1, 0}});
  // AMD's registers are consecutive (units 0xC0010299, core ...9A, package
  // ...9B) but a file holds 8 bytes per offset, so in the fake each
  // register keeps its low byte and shows the next one's bytes above it.
  // Written in this order, units bits 12:8 are the core's low byte (ESU
  // 16 when that is 0x10) and the core reads CoreLow | Package << 8.
  auto Amd = [&](const char *File, uint64_t CoreLow, uint64_t Package) {
    T.writeAt(File, msr::AmdPowerUnit, 0x03);
    T.writeAt(File, msr::AmdCoreEnergy, CoreLow);
    if (Package)
      T.writeAt(File, msr::AmdPackageEnergy, Package);
  };
  Amd("msr0", 0x10, 100);
  Amd("msr1", 0x10, 0); // the sibling's device exists but is not read
  Amd("msr2", 0x20, 0); // read for its core only
  Amd("msr3", 0x10, 300);
  CpuIdentity Zen3{CpuVendor::Amd, 0x19, 0x01};
  std::string Template = T.path("msr%d");
  Reason Why;
  MsrSource *S =
      MsrSource::create(Template.c_str(), T.path("cpu").c_str(), Why, &Zen3);
  ASSERT_NE(S, nullptr) << Why.view();
  ASSERT_EQ(S->numChannels(), 5u);
  const Channel *CoreA = find(*S, Domain::Core, 0, 0);
  const Channel *CoreB = find(*S, Domain::Core, 0, 1);
  const Channel *Core1 = find(*S, Domain::Core, 1);
  ASSERT_TRUE(CoreA && CoreB && Core1);
  EXPECT_EQ(find(*S, Domain::Core, 0, 2), nullptr);
  EXPECT_EQ(find(*S, Domain::Dram, 0), nullptr);
  EXPECT_EQ(CoreA->JoulesPerCount, 1.0 / 65536);
  for (unsigned I = 0; I < S->numChannels(); ++I)
    EXPECT_FALSE(contains(S->channel(I).Label, "cpu1")) << S->channel(I).Label;
  EXPECT_STREQ(CoreA->Label, "msr 0xc001029a cpu0");
  EXPECT_STREQ(CoreB->Label, "msr 0xc001029a cpu2");
  EXPECT_STREQ(Core1->Label, "msr 0xc001029a cpu3");
  Reading R = readAll(*S);
  EXPECT_EQ(R.Raw[indexOf(*S, CoreA)], 0x10u | 100u << 8);
  EXPECT_EQ(R.Raw[indexOf(*S, CoreB)], 0x20u);
  EXPECT_EQ(R.Raw[indexOf(*S, find(*S, Domain::Package, 0))], 100u);
  EXPECT_EQ(R.Raw[indexOf(*S, find(*S, Domain::Package, 1))], 300u);
  S->close();

  // Hygon is AMD's layout; family 15h predates RAPL.
  CpuIdentity Hygon{CpuVendor::Hygon, 0x18, 0};
  S = MsrSource::create(Template.c_str(), T.path("cpu").c_str(), Why, &Hygon);
  ASSERT_NE(S, nullptr);
  S->close();
  CpuIdentity Bulldozer{CpuVendor::Amd, 0x15, 0};
  Why.clear();
  EXPECT_EQ(MsrSource::create(Template.c_str(), T.path("cpu").c_str(), Why,
                              &Bulldozer),
            nullptr);
  EXPECT_TRUE(contains(Why.view(), "family 21 has no RAPL")) << Why.view();
}

TEST(EnergyMsr, MissingDriverAndUnreadableUnits) {
  FakeTree T;
  cpuTopology(T, "0-1", {{0, 0, 0}, {1, 0, 1}});
  CpuIdentity Intel{CpuVendor::Intel, 6, 0x9A};
  std::string Template = T.path("msr%d");
  Reason Why;
  EXPECT_EQ(
      MsrSource::create(Template.c_str(), T.path("cpu").c_str(), Why, &Intel),
      nullptr);
  EXPECT_TRUE(contains(Why.view(), "msr driver not loaded: " + T.path("msr0") +
                                       " is missing (sudo modprobe msr)"))
      << Why.view();
  // The device exists but has no RAPL registers (reads fail).
  T.write("msr0", "");
  Why.clear();
  EXPECT_EQ(
      MsrSource::create(Template.c_str(), T.path("cpu").c_str(), Why, &Intel),
      nullptr);
  EXPECT_TRUE(contains(Why.view(), "(0x606) is unreadable: no RAPL"))
      << Why.view();
  CpuIdentity Other{CpuVendor::Unknown, 0, 0};
  Why.clear();
  EXPECT_EQ(
      MsrSource::create(Template.c_str(), T.path("cpu").c_str(), Why, &Other),
      nullptr);
  EXPECT_TRUE(contains(Why.view(), "not Intel, AMD or Hygon")) << Why.view();
}

TEST(EnergyMsr, PermissionDeniedNeedsRawIo) {
  FakeTree T;
  intelMsrs(T);
  chmod(T.path("msr0").c_str(), 0);
  CpuIdentity Intel{CpuVendor::Intel, 6, 0x9A};
  std::string Template = T.path("msr%d"), CpuRoot = T.path("cpu");
  std::string Out = withoutRoot([&] {
    Reason Why;
    MsrSource *S =
        MsrSource::create(Template.c_str(), CpuRoot.c_str(), Why, &Intel);
    return S ? std::string("created") : std::string(Why.view());
  });
  EXPECT_TRUE(contains(Out, "permission denied on " + T.path("msr0"))) << Out;
  EXPECT_TRUE(contains(Out, "CAP_SYS_RAWIO")) << Out;
}

TEST(EnergyMsr, RealDefaultPathWhenAbsent) {
  if (access("/dev/cpu/0/msr", F_OK) == 0)
    GTEST_SKIP() << "this machine has the msr driver";
  Reason Why;
  EXPECT_EQ(
      MsrSource::create("/dev/cpu/%d/msr", "/sys/devices/system/cpu", Why),
      nullptr);
  // On a CPU without RAPL MSRs known (not x86) the vendor is the reason.
  if (detectCpu().Vendor != CpuVendor::Unknown)
    EXPECT_TRUE(contains(Why.view(), "msr driver not loaded")) << Why.view();
}

TEST(EnergyMsr, DramFixedUnitModels) {
  for (unsigned M :
       {0x3F, 0x4F, 0x56, 0x55, 0x57, 0x85, 0x6A, 0x6C, 0x8F, 0xCF, 0xAD, 0xAE})
    EXPECT_TRUE(intelDramHasFixedUnit(M)) << M;
  for (unsigned M : {0x3C, 0x5E, 0x9A, 0x97, 0xB7, 0xAA})
    EXPECT_FALSE(intelDramHasFixedUnit(M)) << M;
}

//===----------------------------------------------------------------------===//
// model
//===----------------------------------------------------------------------===//

void burnCpu(uint64_t Ns) {
  timespec Start, Now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &Start);
  volatile uint64_t X = 0;
  do {
    for (int I = 0; I < 10000; ++I)
      X = X + uint64_t(I);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &Now);
  } while (uint64_t(Now.tv_sec - Start.tv_sec) * 1000000000u +
               uint64_t(Now.tv_nsec) - uint64_t(Start.tv_nsec) <
           Ns);
}

TEST(EnergyModel, ProcessCpuTimeTimesWatts) {
  ModelSource *S = ModelSource::create(0);
  ASSERT_NE(S, nullptr);
  EXPECT_EQ(S->kind(), SourceKind::Model);
  EXPECT_FALSE(S->measured());
  ASSERT_EQ(S->numChannels(), 1u);
  EXPECT_EQ(S->channel(0).Dom, Domain::Package);
  EXPECT_DOUBLE_EQ(S->channel(0).JoulesPerCount, 10e-9);
  EXPECT_STREQ(S->note(), "process CPU time \u00d7 10 W per busy core "
                          "(default; set FRUGAL_CPU_WATTS)");
  Reading Before = readAll(*S);
  ASSERT_EQ(Before.Status, ReadStatus::Ok);
  EnergyCounter E;
  E.reset(S->channel(0), Before.Raw[0], 0);
  burnCpu(30000000); // 30 ms of this thread's CPU
  Reading After = readAll(*S);
  EXPECT_GE(After.Raw[0] - Before.Raw[0], 30000000u);
  ASSERT_TRUE(E.update(After.Raw[0], 1000000000));
  EXPECT_GE(E.joules(), 0.3); // 10 W x 30 ms
  EXPECT_LT(E.joules(), 10.0);

  ModelSource *W = ModelSource::create(12.5);
  ASSERT_NE(W, nullptr);
  EXPECT_DOUBLE_EQ(W->channel(0).JoulesPerCount, 12.5e-9);
  EXPECT_TRUE(contains(W->note(), "12.5 W per busy core (FRUGAL_CPU_WATTS)"))
      << W->note();
}

//===----------------------------------------------------------------------===//
// NVML
//===----------------------------------------------------------------------===//

class FakeNvmlEnv {
public:
  explicit FakeNvmlEnv(std::vector<std::pair<const char *, const char *>> Vars)
      : Vars(std::move(Vars)) {
    for (auto [Name, Value] : this->Vars)
      setenv(Name, Value, 1);
  }
  ~FakeNvmlEnv() {
    for (auto [Name, Value] : Vars)
      unsetenv(Name);
  }

private:
  std::vector<std::pair<const char *, const char *>> Vars;
};

int fakeNvmlInitCount() {
  void *Lib = dlopen(FRUGAL_FAKE_NVML_PATH, RTLD_NOW | RTLD_NOLOAD);
  if (!Lib)
    return -1;
  auto *Count = reinterpret_cast<int (*)()>(dlsym(Lib, "fakeNvmlInitCount"));
  int N = Count ? Count() : -1;
  dlclose(Lib);
  return N;
}

TEST(EnergyNvml, OneChannelPerGpuWithAnEnergyCounter) {
  FakeNvmlEnv Env({{"FAKE_NVML_DEVICES", "3"},
                   {"FAKE_NVML_UNSUPPORTED", "1"},
                   {"FAKE_NVML_WATTS", "100"},
                   {"FAKE_NVML_START_MJ", "5000000"}});
  Reason Why;
  NvmlSource *S = NvmlSource::create(FRUGAL_FAKE_NVML_PATH, Why);
  ASSERT_NE(S, nullptr) << Why.view();
  EXPECT_EQ(S->kind(), SourceKind::Nvml);
  EXPECT_TRUE(S->measured());
  ASSERT_EQ(S->numChannels(), 2u); // GPU 1 has no energy counter
  EXPECT_EQ(S->channel(0).Dom, Domain::Gpu);
  EXPECT_EQ(S->channel(0).Unit, 0u);
  EXPECT_EQ(S->channel(1).Unit, 2u);
  EXPECT_EQ(S->channel(1).JoulesPerCount, 1e-3);
  EXPECT_EQ(S->channel(1).Modulus, 0u);
  EXPECT_STREQ(S->channel(1).Label, "GPU 2 Fake GPU 2");
  EXPECT_TRUE(contains(S->note(), "2 GPUs of 3")) << S->note();
  EXPECT_EQ(fakeNvmlInitCount(), 1);

  Reading First = readAll(*S);
  EXPECT_EQ(First.Status, ReadStatus::Ok);
  EXPECT_GE(First.Raw[0], 5000000u);
  EnergyCounter E;
  E.reset(S->channel(1), First.Raw[1], 0);
  usleep(50000);
  Reading Second = readAll(*S);
  // GPU 2 draws 300 W in the fake: at least 15 J in 50 ms.
  ASSERT_TRUE(E.update(Second.Raw[1], 1000000000));
  EXPECT_GE(E.joules(), 15.0);
  EXPECT_LT(E.joules(), 300.0);
  S->close();
  S->close();
  EXPECT_EQ(fakeNvmlInitCount(), 0); // one nvmlShutdown for one nvmlInit
  EXPECT_EQ(readAll(*S).Status, ReadStatus::Failed);
}

TEST(EnergyNvml, NoUsableGpuIsAReasonNotAnError) {
  {
    FakeNvmlEnv Env({{"FAKE_NVML_DEVICES", "0"}});
    Reason Why;
    EXPECT_EQ(NvmlSource::create(FRUGAL_FAKE_NVML_PATH, Why), nullptr);
    EXPECT_TRUE(contains(Why.view(), "NVML sees no GPU")) << Why.view();
    EXPECT_EQ(fakeNvmlInitCount(), 0);
  }
  {
    FakeNvmlEnv Env(
        {{"FAKE_NVML_DEVICES", "2"}, {"FAKE_NVML_UNSUPPORTED", "0,1"}});
    Reason Why;
    EXPECT_EQ(NvmlSource::create(FRUGAL_FAKE_NVML_PATH, Why), nullptr);
    EXPECT_TRUE(contains(Why.view(), "none of the 2 GPU(s)")) << Why.view();
    EXPECT_TRUE(contains(Why.view(), "Volta"));
    EXPECT_EQ(fakeNvmlInitCount(), 0);
  }
  {
    FakeNvmlEnv Env({{"FAKE_NVML_INIT_FAIL", "1"}});
    Reason Why;
    EXPECT_EQ(NvmlSource::create(FRUGAL_FAKE_NVML_PATH, Why), nullptr);
    EXPECT_TRUE(contains(Why.view(), "nvmlInit_v2 failed: Driver Not Loaded"))
        << Why.view();
  }
  Reason Why;
  EXPECT_EQ(NvmlSource::create("/nonexistent/libnvidia-ml.so.1", Why), nullptr);
  EXPECT_TRUE(contains(Why.view(), "cannot load NVML (/nonexistent/libnvidia-ml"))
      << Why.view();
  // A library without NVML's entry points.
  Why.clear();
  EXPECT_EQ(NvmlSource::create("libc.so.6", Why), nullptr);
  EXPECT_TRUE(contains(Why.view(), "lacks the NVML entry points"))
      << Why.view();
}

//===----------------------------------------------------------------------===//
// selectSources
//===----------------------------------------------------------------------===//

// A configuration whose every path points into T (nothing there unless a
// test puts it there), without the liveness probe and without a GPU.
EnergyConfig fakeConfig(const FakeTree &T) {
  EnergyConfig C;
  auto Set = [](char(&Field)[512], const std::string &V) {
    snprintf(Field, sizeof(Field), "%s", V.c_str());
  };
  Set(C.PerfRoot, T.path("perf"));
  Set(C.PowercapRoot, T.path("powercap"));
  Set(C.MsrPath, T.path("msr%d"));
  Set(C.CpuRoot, T.path("cpu"));
  Set(C.NvmlLibrary, T.path("no-nvml.so"));
  C.Gpu = false;
  C.LivenessProbeMs = 0;
  return C;
}

class VerboseLog {
public:
  VerboseLog() { rt::setVerbose(true); }
  ~VerboseLog() { rt::setVerbose(false); }
  test::LogCapture Log;
};

TEST(EnergySelect, AutoTakesTheFirstUsableInOrder) {
  FakeTree T;
  addZone(T, "powercap/intel-rapl:0", "package-0", 10);
  EnergyConfig C = fakeConfig(T);
  VerboseLog V;
  SourceSet S = selectSources(C);
  ASSERT_NE(S.Cpu, nullptr);
  EXPECT_EQ(S.Cpu->kind(), SourceKind::Powercap);
  EXPECT_EQ(S.Gpu, nullptr);
  EXPECT_EQ(V.Log.count("energy: perf unavailable: no RAPL power PMU"), 1u);
  EXPECT_EQ(V.Log.count("energy: CPU source powercap:"), 1u);
  EXPECT_EQ(V.Log.count("msr"), 0u); // never tried
  EXPECT_EQ(V.Log.count("warning"), 0u);
  S.Cpu->close();
}

TEST(EnergySelect, AutoFallsBackToTheModelQuietly) {
  FakeTree T;
  EnergyConfig C = fakeConfig(T);
  C.CpuWatts = 7;
  {
    test::LogCapture Log; // not verbose: nothing at all
    SourceSet S = selectSources(C);
    ASSERT_NE(S.Cpu, nullptr);
    EXPECT_EQ(S.Cpu->kind(), SourceKind::Model);
    EXPECT_DOUBLE_EQ(S.Cpu->channel(0).JoulesPerCount, 7e-9);
    EXPECT_TRUE(Log.lines().empty());
  }
  VerboseLog V;
  selectSources(C);
  EXPECT_EQ(V.Log.count("energy: perf unavailable"), 1u);
  EXPECT_EQ(V.Log.count("energy: powercap unavailable: no RAPL zones"), 1u);
  EXPECT_EQ(V.Log.count("energy: msr unavailable"), 1u);
  EXPECT_EQ(V.Log.count("CPU energy is estimated"), 1u);
  EXPECT_EQ(V.Log.count("warning"), 0u);
}

TEST(EnergySelect, ForcedSourceThatFailsWarnsOnceAndUsesTheModel) {
  FakeTree T;
  addZone(T, "powercap/intel-rapl:0", "package-0", 10); // usable, not asked
  EnergyConfig C = fakeConfig(T);
  C.Choice = EnergyChoice::Msr;
  test::LogCapture Log;
  SourceSet S = selectSources(C);
  ASSERT_NE(S.Cpu, nullptr);
  EXPECT_EQ(S.Cpu->kind(), SourceKind::Model);
  ASSERT_EQ(Log.lines().size(), 1u);
  const std::string &W = Log.lines()[0];
  EXPECT_TRUE(contains(W, "warning: FRUGAL_ENERGY=msr cannot be used: ")) << W;
  EXPECT_TRUE(contains(W, "cannot read the online CPUs")) << W;
  EXPECT_TRUE(contains(W, "using the model instead")) << W;

  // Forced and usable: no message.
  C.Choice = EnergyChoice::Powercap;
  test::LogCapture Quiet;
  S = selectSources(C);
  ASSERT_NE(S.Cpu, nullptr);
  EXPECT_EQ(S.Cpu->kind(), SourceKind::Powercap);
  EXPECT_TRUE(Quiet.lines().empty());
  S.Cpu->close();
}

TEST(EnergySelect, NoneAndModel) {
  FakeTree T;
  EnergyConfig C = fakeConfig(T);
  C.Choice = EnergyChoice::None;
  EXPECT_EQ(selectSources(C).Cpu, nullptr);
  C.Choice = EnergyChoice::Model;
  addZone(T, "powercap/intel-rapl:0", "package-0", 10);
  SourceSet S = selectSources(C);
  ASSERT_NE(S.Cpu, nullptr);
  EXPECT_EQ(S.Cpu->kind(), SourceKind::Model);
}

TEST(EnergySelect, GpuAlongsideUnlessOff) {
  FakeTree T;
  FakeNvmlEnv Env({{"FAKE_NVML_DEVICES", "1"}});
  EnergyConfig C = fakeConfig(T);
  snprintf(C.NvmlLibrary, sizeof(C.NvmlLibrary), "%s", FRUGAL_FAKE_NVML_PATH);
  C.Gpu = true;
  SourceSet S = selectSources(C);
  ASSERT_NE(S.Gpu, nullptr);
  EXPECT_EQ(S.Gpu->kind(), SourceKind::Nvml);
  EXPECT_EQ(S.Cpu->kind(), SourceKind::Model);
  S.Gpu->close();
  C.Gpu = false;
  EXPECT_EQ(selectSources(C).Gpu, nullptr);
  // No library: no GPU source and no warning.
  snprintf(C.NvmlLibrary, sizeof(C.NvmlLibrary), "%s",
           T.path("absent.so").c_str());
  C.Gpu = true;
  test::LogCapture Log;
  EXPECT_EQ(selectSources(C).Gpu, nullptr);
  EXPECT_TRUE(Log.lines().empty());
}

TEST(EnergySelect, CountersThatNeverMoveAreNotAMeasurement) {
  // Virtual machines can expose RAPL events that read 0 for ever.
  FakeTree T;
  addZone(T, "powercap/intel-rapl:0", "package-0", 10);
  EnergyConfig C = fakeConfig(T);
  C.LivenessProbeMs = 20;
  VerboseLog V;
  SourceSet S = selectSources(C);
  ASSERT_NE(S.Cpu, nullptr);
  EXPECT_EQ(S.Cpu->kind(), SourceKind::Model);
  EXPECT_EQ(V.Log.count("powercap unavailable: no energy counter advanced "
                        "in 20 ms"),
            1u);

  // The same zone with a counter that moves is kept.
  std::atomic<bool> Stop{false};
  std::string File = T.path("powercap/intel-rapl:0/energy_uj");
  std::thread Writer([&] {
    int Fd = open(File.c_str(), O_WRONLY | O_CLOEXEC);
    for (uint64_t V = 100; !Stop.load(); V += 61) {
      char Buf[16];
      snprintf(Buf, sizeof(Buf), "%012llu\n", (unsigned long long)V);
      (void)!pwrite(Fd, Buf, 13, 0); // fixed width: never torn short
      usleep(500);
    }
    close(Fd);
  });
  C.LivenessProbeMs = 200;
  S = selectSources(C);
  Stop = true;
  Writer.join();
  ASSERT_NE(S.Cpu, nullptr);
  EXPECT_EQ(S.Cpu->kind(), SourceKind::Powercap);
  S.Cpu->close();
}

TEST(EnergySelect, RealMachineNeverPicksFrozenCounters) {
  // Whatever this machine has: a measured CPU source that auto picks must
  // have counters that move (this VM's perf PMU offers a psys event that
  // reads 0, which must not be taken for energy).
  EnergyConfig C;
  C.Gpu = false;
  SourceSet S = selectSources(C);
  ASSERT_NE(S.Cpu, nullptr);
  if (S.Cpu->measured()) {
    Reason Why;
    EXPECT_TRUE(counterAdvances(*S.Cpu, 50, Why)) << Why.view();
    S.Cpu->close();
  }
}

} // namespace
