// The whole flow: a program built with argument recording, its profile,
// `frugal report -p BUILD_DIR` running the analysis itself, and the static
// expressions evaluated per call with the recorded values.
// matmul(m, n, k) is called 3 times with (8, 16, 4) and once with (2, 2, 2):
// 2*m*n*k flops is 1024 or 16 per call. With every call sampled, the mean
// per call is (3*1024 + 16) / 4 = 772 and the total 3088; with fewer
// samples the per-call figure stays within [16, 1024].
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: env FRUGAL_RECORD_ARGS=1 %frugal-clangxx -g -O1 -c %s -o e2e.o
// RUN: %frugal-clangxx e2e.o -o exe
// RUN: env FRUGAL_OUTPUT=%t/p.json FRUGAL_INSTRUMENT_THRESHOLD=0 %t/exe
// RUN: %python %S/../../analyze/Inputs/make_db.py %t/compile_commands.json %t %frugal-clangxx -g -O1 -- %s
// RUN: %frugal report %t/p.json -p %t --format json -o %t/r.json
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); \
// RUN:   r=[x for x in d['rows'] if x['name'].startswith('matmul')][0]; f=r['static']['flops']; \
// RUN:   print(r['calls'], f['expr'], f['samples'], f['min'], f['max'], f['per_call'], f['total'])" %t/r.json \
// RUN:   | FileCheck %s
// CHECK: 4 2*m*n*k 4 16 1024 772 3088
//
// The table shows the evaluated figures, not the expressions; main calls
// matmul with constants, so its total is a number without samples.
// RUN: %frugal report %t/p.json -p %t --columns=name,calls,flops,flops-total | FileCheck --check-prefix=TABLE %s
// TABLE: main 1 ≥3.09k ≥3.09k
// TABLE-NEXT: matmul(float const*, float const*, float*, int, int, int) 4 772 3.09k

#include <cstdio>
#include <vector>

__attribute__((noinline)) void matmul(const float *A, const float *B,
                                      float *C, int m, int n, int k) {
  for (int I = 0; I < m; ++I)
    for (int J = 0; J < n; ++J) {
      float Sum = 0;
      for (int P = 0; P < k; ++P)
        Sum += A[I * k + P] * B[P * n + J];
      C[I * n + J] = Sum;
    }
}

int main() {
  std::vector<float> A(8 * 4, 1.0f), B(4 * 16, 2.0f), C(8 * 16);
  for (int Run = 0; Run < 3; ++Run)
    matmul(A.data(), B.data(), C.data(), 8, 16, 4);
  matmul(A.data(), B.data(), C.data(), 2, 2, 2);
  std::printf("%g\n", C[0]);
  return 0;
}
