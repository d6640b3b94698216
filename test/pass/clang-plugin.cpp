// The plugin loaded into clang with -fpass-plugin: C++ with exceptions at
// -O0 and -O2, and the LTO pre-link compiles.
// RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %clangxx -O0 -fpass-plugin=%plugin \
// RUN:   -S -emit-llvm %s -o - | FileCheck %s
// RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %clangxx -O2 -fpass-plugin=%plugin \
// RUN:   -S -emit-llvm %s -o - | FileCheck %s
// The result is valid IR (clang itself skips the verifier in release builds).
// RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %clangxx -O2 -g -fpass-plugin=%plugin \
// RUN:   -S -emit-llvm %s -o - | %opt -passes=verify -disable-output
// Full LTO always defers to the link; so does ThinLTO when optimising.
// RUN: %clangxx -O2 -flto -fpass-plugin=%plugin -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WARN
// RUN: env FRUGAL_LTO_QUIET=1 %clangxx -O2 -flto=thin -fpass-plugin=%plugin \
// RUN:   -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// WARN: frugal: warning: {{.*}}clang-plugin.cpp: LTO pre-link compile; instrumentation is deferred to the LTO link
// QUIET-NOT: warning

#include <stdexcept>

__attribute__((noinline)) int mayThrow(int N) {
  if (N > 10)
    throw std::runtime_error("too big");
  return N;
}

int caller(int N) { return mayThrow(N) + 1; }

// CHECK-LABEL: define {{.*}}i32 @_Z6calleri(
// CHECK:         call void @__frugal_enter(ptr @frugal.rec._Z6calleri, ptr %{{[0-9a-z.]+}})
// CHECK:         invoke {{.*}}i32 @_Z8mayThrowi(
// CHECK:         call void @__frugal_exit(ptr @frugal.rec._Z6calleri, ptr %{{[0-9a-z.]+}})
// CHECK:         landingpad
// CHECK-NEXT:      cleanup
// CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec._Z6calleri, ptr %{{[0-9a-z.]+}})
// CHECK-NEXT:    resume

// CHECK: define internal void @frugal.module_ctor()
