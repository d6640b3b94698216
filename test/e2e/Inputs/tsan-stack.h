// NOT_IN_TSAN_STACK: under ThreadSanitizer, a function that recurses deeper
// than 65,536 calls must not be instrumented by TSan (elsewhere it is empty).
//
// TSan keeps each thread's calls in a fixed array of 65,536 entries
// (kShadowStackSize, compiler-rt/lib/tsan/rtl/tsan_defs.h): C/C++ builds of
// TSan never grow it and check its bound only in debug builds
// (FuncEntry, tsan_rtl.h). A deeper recursion writes return addresses past
// it into TSan's own state, and the program then dies of SIGSEGV inside TSan
// (TraceSwitchPartImpl), reports a bogus race or hangs: with or without
// frugal, and only with address-space randomisation, so never under gdb
// (docs/reliability.md, section 3). frugal's hooks, called by the function,
// stay instrumented, and the runtime's own shadow stack still sees the whole
// depth.
#ifndef FRUGAL_TEST_TSAN_STACK_H
#define FRUGAL_TEST_TSAN_STACK_H

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define NOT_IN_TSAN_STACK __attribute__((disable_sanitizer_instrumentation))
#endif
#endif
#ifndef NOT_IN_TSAN_STACK
#define NOT_IN_TSAN_STACK
#endif

#endif
