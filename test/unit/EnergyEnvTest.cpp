//===- EnergyEnvTest.cpp - Energy FRUGAL_* variables and text parsers -----===//
#include "energy/EnergyEnv.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

using namespace frugal;
using namespace frugal::rt::energy;

namespace {

using test::FakeEnv;
std::vector<std::string> &Warnings = FakeEnv::Warnings;

EnergyConfig parse(std::map<std::string, std::string> V) {
  FakeEnv::reset(std::move(V));
  EnergyConfig C;
  parseEnergyConfig(C, FakeEnv::lookup, FakeEnv::warn);
  return C;
}

TEST(EnergyEnv, DefaultsWhenUnset) {
  EnergyConfig C = parse({});
  EXPECT_EQ(C.Choice, EnergyChoice::Auto);
  EXPECT_TRUE(C.Gpu);
  EXPECT_EQ(C.CpuWatts, 0.0);
  EXPECT_EQ(C.IdleWatts, -1.0);
  EXPECT_STREQ(C.PowercapRoot, "/sys/class/powercap");
  EXPECT_STREQ(C.MsrPath, "/dev/cpu/%d/msr");
  EXPECT_STREQ(C.PerfRoot, "/sys/bus/event_source/devices");
  EXPECT_STREQ(C.CpuRoot, "/sys/devices/system/cpu");
  EXPECT_STREQ(C.NvmlLibrary, "libnvidia-ml.so.1");
  EXPECT_EQ(C.LivenessProbeMs, 20u);
  EXPECT_TRUE(Warnings.empty());
}

TEST(EnergyEnv, AcceptsGoodValues) {
  EnergyConfig C = parse({{"FRUGAL_ENERGY", "PowerCap"},
                          {"FRUGAL_GPU", "off"},
                          {"FRUGAL_CPU_WATTS", "12.5"},
                          {"FRUGAL_IDLE_WATTS", "0"},
                          {"FRUGAL_PERF_ROOT", "/fake/perf"},
                          {"FRUGAL_POWERCAP_ROOT", "/fake/powercap"},
                          {"FRUGAL_MSR_PATH", "/fake/msr%d"},
                          {"FRUGAL_CPU_ROOT", "/fake/cpu"},
                          {"FRUGAL_NVML_LIBRARY", "/opt/nvml.so"}});
  EXPECT_EQ(C.Choice, EnergyChoice::Powercap);
  EXPECT_FALSE(C.Gpu);
  EXPECT_EQ(C.CpuWatts, 12.5);
  EXPECT_EQ(C.IdleWatts, 0.0);
  EXPECT_STREQ(C.PerfRoot, "/fake/perf");
  EXPECT_STREQ(C.PowercapRoot, "/fake/powercap");
  EXPECT_STREQ(C.MsrPath, "/fake/msr%d");
  EXPECT_STREQ(C.CpuRoot, "/fake/cpu");
  EXPECT_STREQ(C.NvmlLibrary, "/opt/nvml.so");
  EXPECT_TRUE(Warnings.empty());

  for (auto [Text, Choice] : {std::pair{"auto", EnergyChoice::Auto},
                              {"perf", EnergyChoice::Perf},
                              {"msr", EnergyChoice::Msr},
                              {"MODEL", EnergyChoice::Model},
                              {"none", EnergyChoice::None}}) {
    EXPECT_EQ(parse({{"FRUGAL_ENERGY", Text}}).Choice, Choice) << Text;
    EXPECT_TRUE(Warnings.empty());
  }
  EXPECT_EQ(parse({{"FRUGAL_CPU_WATTS", "1000"}}).CpuWatts, 1000.0);
  EXPECT_EQ(parse({{"FRUGAL_CPU_WATTS", ".5"}}).CpuWatts, 0.5);
  EXPECT_EQ(parse({{"FRUGAL_IDLE_WATTS", "42.25"}}).IdleWatts, 42.25);
  EXPECT_TRUE(Warnings.empty());
}

TEST(EnergyEnv, BadValuesFallBackWithOneWarningEach) {
  std::string Long(600, 'x');
  EnergyConfig C = parse({{"FRUGAL_ENERGY", "rapl"},
                          {"FRUGAL_GPU", "2"},
                          {"FRUGAL_CPU_WATTS", "0"},
                          {"FRUGAL_IDLE_WATTS", "-3"},
                          {"FRUGAL_PERF_ROOT", ""},
                          {"FRUGAL_POWERCAP_ROOT", Long},
                          {"FRUGAL_MSR_PATH", "/dev/cpu/0/msr"},
                          {"FRUGAL_CPU_ROOT", ""},
                          {"FRUGAL_NVML_LIBRARY", ""}});
  EXPECT_EQ(C.Choice, EnergyChoice::Auto);
  EXPECT_TRUE(C.Gpu);
  EXPECT_EQ(C.CpuWatts, 0.0);
  EXPECT_EQ(C.IdleWatts, -1.0);
  EXPECT_STREQ(C.PerfRoot, "/sys/bus/event_source/devices");
  EXPECT_STREQ(C.PowercapRoot, "/sys/class/powercap");
  EXPECT_STREQ(C.MsrPath, "/dev/cpu/%d/msr");
  EXPECT_STREQ(C.CpuRoot, "/sys/devices/system/cpu");
  EXPECT_STREQ(C.NvmlLibrary, "libnvidia-ml.so.1");
  EXPECT_EQ(Warnings.size(), 9u);
  for (const char *Name :
       {"FRUGAL_ENERGY", "FRUGAL_GPU", "FRUGAL_CPU_WATTS", "FRUGAL_IDLE_WATTS",
        "FRUGAL_PERF_ROOT", "FRUGAL_POWERCAP_ROOT", "FRUGAL_MSR_PATH",
        "FRUGAL_CPU_ROOT", "FRUGAL_NVML_LIBRARY"})
    EXPECT_EQ(FakeEnv::warningsAbout(Name), 1u) << Name;
  // The warning names the value and the fallback; an oversized value is
  // not echoed.
  EXPECT_NE(Warnings[0].find("'rapl'"), std::string::npos) << Warnings[0];
  EXPECT_NE(Warnings[0].find("using auto"), std::string::npos);
  EXPECT_EQ(FakeEnv::warningsAbout(Long.c_str()), 0u);
}

TEST(EnergyEnv, WattsMustBeAPlainNumberInRange) {
  for (const char *Bad :
       {"0", "0.0", "-1", "1000.5", "1e3", "10W", " 10", "", ".", "1,5"}) {
    EXPECT_EQ(parse({{"FRUGAL_CPU_WATTS", Bad}}).CpuWatts, 0.0) << Bad;
    EXPECT_EQ(Warnings.size(), 1u) << Bad;
    EXPECT_NE(Warnings[0].find("using 10"), std::string::npos) << Warnings[0];
  }
  for (const char *Bad : {"-0.5", "100001", "nan", "inf", "5 W"}) {
    EXPECT_EQ(parse({{"FRUGAL_IDLE_WATTS", Bad}}).IdleWatts, -1.0) << Bad;
    EXPECT_EQ(Warnings.size(), 1u) << Bad;
  }
}

AttributionChoice attribution(std::map<std::string, std::string> V) {
  FakeEnv::reset(std::move(V));
  AttributionChoice C = AttributionChoice::Auto;
  parseAttributionChoice(C, FakeEnv::lookup, FakeEnv::warn);
  return C;
}

TEST(EnergyEnv, AttributionChoice) {
  EXPECT_EQ(attribution({}), AttributionChoice::Auto);
  for (auto [Text, Choice] : {std::pair{"auto", AttributionChoice::Auto},
                              {"regression", AttributionChoice::Regression},
                              {"Time", AttributionChoice::Time},
                              {"TIME", AttributionChoice::Time}}) {
    EXPECT_EQ(attribution({{"FRUGAL_ATTRIBUTION", Text}}), Choice) << Text;
    EXPECT_TRUE(Warnings.empty()) << Text;
  }
  for (const char *Bad : {"time-split", "", "regress", "time ", "by-time"}) {
    EXPECT_EQ(attribution({{"FRUGAL_ATTRIBUTION", Bad}}),
              AttributionChoice::Auto)
        << Bad;
    ASSERT_EQ(Warnings.size(), 1u) << Bad;
    EXPECT_EQ(FakeEnv::warningsAbout("FRUGAL_ATTRIBUTION"), 1u);
    EXPECT_NE(Warnings[0].find("auto, regression, time"), std::string::npos)
        << Warnings[0];
    EXPECT_NE(Warnings[0].find("using auto"), std::string::npos);
  }
  // parseEnergyConfig reads it with the others, for the sampler.
  parse({{"FRUGAL_ATTRIBUTION", "time"}});
  EXPECT_EQ(configuredAttribution(), AttributionChoice::Time);
  parse({{"FRUGAL_ATTRIBUTION", "nonsense"}});
  EXPECT_EQ(configuredAttribution(), AttributionChoice::Auto);
  EXPECT_EQ(FakeEnv::warningsAbout("FRUGAL_ATTRIBUTION"), 1u);
  parse({{"FRUGAL_ATTRIBUTION", "regression"}});
  EXPECT_EQ(configuredAttribution(), AttributionChoice::Regression);
  parse({});
  EXPECT_EQ(configuredAttribution(), AttributionChoice::Auto);
}

TEST(EnergyEnv, MsrPathNeedsExactlyOneCpuNumber) {
  EXPECT_TRUE(isMsrPathTemplate("/dev/cpu/%d/msr"));
  EXPECT_TRUE(isMsrPathTemplate("%d"));
  EXPECT_FALSE(isMsrPathTemplate("/dev/cpu/0/msr"));
  EXPECT_FALSE(isMsrPathTemplate("/dev/cpu/%d/%d"));
  EXPECT_FALSE(isMsrPathTemplate("/dev/cpu/%s/msr"));
  EXPECT_FALSE(isMsrPathTemplate("/dev/%n/%d"));
  EXPECT_FALSE(isMsrPathTemplate("/x/%d%"));
}

TEST(EnergyText, ParseNumber) {
  double V = 0;
  ASSERT_TRUE(parseNumber("2.3283064365386962890625e-10", true, V));
  EXPECT_NEAR(V / (1.0 / 4294967296.0), 1.0, 1e-15);
  ASSERT_TRUE(parseNumber("6.103515625e-05", true, V));
  EXPECT_NEAR(V / (1.0 / 16384.0), 1.0, 1e-15);
  ASSERT_TRUE(parseNumber("1E+3", true, V));
  EXPECT_EQ(V, 1000.0);
  ASSERT_TRUE(parseNumber("10", false, V));
  EXPECT_EQ(V, 10.0);
  ASSERT_TRUE(parseNumber("0.001", false, V));
  EXPECT_NEAR(V, 0.001, 1e-18);
  ASSERT_TRUE(parseNumber("3.", false, V));
  EXPECT_EQ(V, 3.0);
  ASSERT_TRUE(parseNumber("123456789012345678901234", false, V));
  EXPECT_NEAR(V / 1.23456789012345678901234e23, 1.0, 1e-15);
  for (const char *Bad :
       {"", ".", "e5", "1e", "1e+", "-1", "+1", "1.5x", "1 ", "0x10", "1e5"})
    EXPECT_FALSE(parseNumber(Bad, std::string(Bad) != "1e5", V)) << Bad;
}

TEST(EnergyText, ParseCpuList) {
  uint32_t Cpus[8];
  unsigned N = 0;
  ASSERT_TRUE(parseCpuList("0,18", Cpus, 8, N));
  ASSERT_EQ(N, 2u);
  EXPECT_EQ(Cpus[0], 0u);
  EXPECT_EQ(Cpus[1], 18u);
  ASSERT_TRUE(parseCpuList("0-2,8-9\n", Cpus, 8, N));
  ASSERT_EQ(N, 5u);
  EXPECT_EQ(Cpus[2], 2u);
  EXPECT_EQ(Cpus[3], 8u);
  EXPECT_EQ(Cpus[4], 9u);
  // More than fit: counted, not stored past the capacity.
  ASSERT_TRUE(parseCpuList("0-9", Cpus, 8, N));
  EXPECT_EQ(N, 10u);
  ASSERT_TRUE(parseCpuList("", Cpus, 8, N));
  EXPECT_EQ(N, 0u);
  for (const char *Bad : {"a", "1-", "3-1", "1,,2", "1;2", "-1", "0-99999999"})
    EXPECT_FALSE(parseCpuList(Bad, Cpus, 8, N)) << Bad;
  // Numbers that wrap uint64 back into range (2^64 + 3 and 2^64 + 1,
  // found by fuzz_msr) are rejected, not read as 3 and 1.
  for (const char *Wrapping : {"18446744073709551619", "0-18446744073709551617",
                               "184467440737095516160000000000000000003"})
    EXPECT_FALSE(parseCpuList(Wrapping, Cpus, 8, N)) << Wrapping;
}

TEST(EnergyText, ParseCounterText) {
  uint64_t V = 0;
  ASSERT_TRUE(parseCounterText("123456\n", 7, V));
  EXPECT_EQ(V, 123456u);
  // Only Len bytes count (a pread buffer is not NUL-terminated).
  ASSERT_TRUE(parseCounterText("42999", 2, V));
  EXPECT_EQ(V, 42u);
  EXPECT_FALSE(parseCounterText("", 0, V));
  EXPECT_FALSE(parseCounterText("12a4\n", 5, V));
  EXPECT_FALSE(parseCounterText("\n", 1, V));
  EXPECT_FALSE(parseCounterText("99999999999999999999999", 23, V));
}

TEST(EnergyText, AppendNumber) {
  auto Text = [](double V, unsigned Decimals) {
    frugal::rt::MessageBuilder B;
    appendNumber(B, V, Decimals);
    return std::string(B.view());
  };
  EXPECT_EQ(Text(10, 3), "10");
  EXPECT_EQ(Text(12.5, 3), "12.5");
  EXPECT_EQ(Text(0.1234, 3), "0.123");
  EXPECT_EQ(Text(2.0006, 3), "2.001");
  EXPECT_EQ(Text(2.0004, 3), "2");
  EXPECT_EQ(Text(-1.5, 1), "-1.5");
}

} // namespace
