// Argument recording: with FRUGAL_RECORD_ARGS=1 the profile gives, for each
// function of the recording module, its integer parameters' names (from
// debug info; frugal-clang++ adds -g when no -g option is given) and their
// values in a sample of at most 16 calls spread over the whole run.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %frugal-clangxx -O2 -c %S/Inputs/args-other.cpp -o %t/other.o
// RUN: env FRUGAL_RECORD_ARGS=1 %frugal-clangxx -O2 -c %s -o %t/main.o
// RUN: %frugal-clangxx %t/main.o %t/other.o -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_args.py %t/p.json show | FileCheck %s
// RUN: %python %S/Inputs/check_args.py %t/p.json noargs | FileCheck %s --check-prefix=NOARGS
// RUN: %python %S/Inputs/check_args.py %t/p.json stats 'at(long)' | FileCheck %s --check-prefix=SPREAD
// RUN: %python %S/Inputs/check_args.py %t/p.json relation 'fib(int)' '0 <= n <= 15' | FileCheck %s --check-prefix=REL
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK
// RUN: %frugal summary %t/p.json > /dev/null
//
// -O0: the parameters live in allocas, described by declares.
// RUN: env FRUGAL_RECORD_ARGS=1 %frugal-clangxx -O0 %s %S/Inputs/args-other.cpp -o %t/exe0
// RUN: env FRUGAL_OUTPUT=%t/p0.json %t/exe0 | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_args.py %t/p0.json show | FileCheck %s --check-prefix=O0
//
// Under -flto the pass runs at the link: the variable must be set there too.
// RUN: env FRUGAL_RECORD_ARGS=1 %frugal-clangxx -O2 -flto %s %S/Inputs/args-other.cpp -o %t/exe-lto
// RUN: env FRUGAL_OUTPUT=%t/lto.json %t/exe-lto | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_args.py %t/lto.json show | FileCheck %s --check-prefix=LTO
//
// Without -g (plain clang, or -g0 through the wrapper) there are no names,
// and the note says why.
// RUN: env FRUGAL_RECORD_ARGS=1 %clangxx -O2 -I%include -fpass-plugin=%plugin %s %S/Inputs/args-other.cpp %rtlink -o %t/exe-nog
// RUN: env FRUGAL_OUTPUT=%t/nog.json %t/exe-nog | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_args.py %t/nog.json show | FileCheck %s --check-prefix=NOG
// RUN: env FRUGAL_RECORD_ARGS=1 %frugal-clangxx -O2 -g0 %s %S/Inputs/args-other.cpp -o %t/exe-g0
// RUN: env FRUGAL_OUTPUT=%t/g0.json %t/exe-g0 | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_args.py %t/g0.json show | FileCheck %s --check-prefix=NOG

// OUT: done

// Rows are sorted; each shape of matmul was called 25 times.
// CHECK:      args Layer::forward(int) names=batch rows=3 note=-
// CHECK-NEXT:   row 32 x3
// CHECK-NEXT: args at(long) names=i rows=16 note=-
// CHECK:      args fib(int) names=n rows=16 note=-
// CHECK:      args main names= rows=0 note=-
// CHECK-NEXT: args matmul(float*, float const*, float const*, int, int, int) names=m,n,k rows=16 note=-
// CHECK-NEXT:   row 64,128,10 x{{[0-9]+}}
// CHECK-NEXT:   row 64,784,128 x{{[0-9]+}}
// CHECK-NEXT: args norm(float const*, int, float) names=n rows=2 note=-
// CHECK-NEXT:   row 7 x2
// CHECK-NEXT: args wide(unsigned long long, unsigned short, signed char) names=u,s,c rows=2 note=-
// CHECK-NEXT:   row -1,65535,-3 x1
// CHECK-NEXT:   row 5,1,100 x1
// CHECK-NOT:  args

// other() comes from the module compiled without recording.
// NOARGS: noargs other(int)

// at(long) was called with 1..100000: 16 distinct calls, not all from the
// first half of the run (chance 2^-16).
// SPREAD: stats rows=16 distinct=16 min={{[0-9]+}} max={{[5-9][0-9][0-9][0-9][0-9]|100000}}{{$}}
// REL: relation ok rows=16
// OK: ok

// O0:      args matmul(float*, float const*, float const*, int, int, int) names=m,n,k rows=16 note=-
// O0-NEXT:   row 64,128,10 x{{[0-9]+}}
// O0-NEXT:   row 64,784,128 x{{[0-9]+}}
// O0:      args wide(unsigned long long, unsigned short, signed char) names=u,s,c rows=2 note=-
// O0-NEXT:   row -1,65535,-3 x1

// LTO: args matmul(float*, float const*, float const*, int, int, int) names=m,n,k rows=16 note=-

// NOG: args matmul(float*, float const*, float const*, int, int, int) names= rows=0 note=no debug info for parameters: compile with -g
// NOG: args wide({{.*}}) names= rows=0 note=no debug info for parameters: compile with -g

#include <frugal/frugal.h>

#include <cstdio>

void other(int N);

volatile long Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void
matmul(float *C, const float *A, const float *B, int m, int n, int k) {
  for (int I = 0; I < m; ++I)
    for (int J = 0; J < n; ++J) {
      float S = 0;
      for (int P = 0; P < k; ++P)
        S += A[I * k + P] * B[P * n + J];
      C[I * n + J] = S;
    }
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) long at(long i) {
  Sink = i;
  return i * 3;
}

// Unsigned values above INT64_MAX read as negative int64: ~0ull is -1.
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) unsigned long long
wide(unsigned long long u, unsigned short s, signed char c) {
  Sink = static_cast<long>(u + s + c);
  return u + s;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int fib(int n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

// The pointer and the float are not recorded.
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) float
norm(const float *x, int n, float scale) {
  float S = 0;
  for (int I = 0; I < n; ++I)
    S += x[I] * x[I];
  return S * scale;
}

struct Layer {
  int Units;
  // `this` is not recorded.
  FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int forward(int batch) {
    Sink = batch * Units;
    return batch;
  }
};

static float A[64 * 784], B[784 * 128], C[64 * 784];

FRUGAL_ALWAYS_INSTRUMENT int main() {
  for (int I = 0; I < 25; ++I) {
    matmul(C, A, B, 64, 784, 128);
    matmul(C, A, B, 64, 128, 10);
  }
  for (long I = 1; I <= 100000; ++I)
    Sink = at(I);
  Sink = static_cast<long>(wide(~0ull, 65535, -3) + wide(5, 1, 100));
  Sink = fib(15);
  Sink = static_cast<long>(norm(A, 7, 0.5f) + norm(B, 7, 2.0f));
  Layer L{10};
  for (int I = 0; I < 3; ++I)
    Sink = L.forward(32);
  other(3);
  std::printf("done\n");
  return 0;
}
