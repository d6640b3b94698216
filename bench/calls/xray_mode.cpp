//===- xray_mode.cpp - Starts an XRay logging mode for bench-calls-xray ---===//
//
// XRAY_OPTIONS=xray_mode=... only selects a mode: the profiling and FDR modes
// record nothing until someone initialises them, which a program normally
// does itself through xray_log_interface.h. This does it for the call
// benchmark, from the environment:
//   BENCH_XRAY_MODE    xray-profiling or xray-fdr (unset: no mode, so a
//                      patched binary runs its trampolines only)
//   BENCH_XRAY_CONFIG  the mode's options (e.g. func_duration_threshold_us=0)
// The profiling mode writes its profile at exit by itself; FDR is finalised
// and flushed here at exit. Where the file goes: XRAY_OPTIONS's
// xray_logfile_base. bench/calls/run.sh checks that the file is written.
//
// A constructor of ours is fine: the XRay runtime's archives come first on
// the link line, so the modes are registered before this runs.
//
//===----------------------------------------------------------------------===//
#include <xray/xray_log_interface.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

[[clang::xray_never_instrument]] void flushFdr() {
  if (__xray_log_finalize() != XRayLogInitStatus::XRAY_LOG_FINALIZED ||
      __xray_log_flushLog() != XRayLogFlushStatus::XRAY_LOG_FLUSHED)
    std::fprintf(stderr, "bench-calls-xray: xray-fdr: flush failed\n");
}

[[clang::xray_never_instrument]] __attribute__((constructor)) void startMode() {
  const char *Mode = std::getenv("BENCH_XRAY_MODE");
  if (!Mode || !*Mode)
    return;
  const char *Config = std::getenv("BENCH_XRAY_CONFIG");
  // Selecting first: __xray_log_init_mode alone leaves the mode unset.
  if (__xray_log_select_mode(Mode) != XRAY_REGISTRATION_OK ||
      __xray_log_init_mode(Mode, Config ? Config : "") !=
          XRayLogInitStatus::XRAY_LOG_INITIALIZED) {
    std::fprintf(stderr,
                 "bench-calls-xray: cannot start XRay mode '%s' (linked "
                 "with -fxray-modes=xray-profiling,xray-fdr?)\n",
                 Mode);
    std::exit(3);
  }
  if (std::strcmp(Mode, "xray-fdr") == 0)
    std::atexit(flushFdr);
}

} // namespace
