// OpenMP: `#pragma omp parallel for` does not change what a loop costs
// (the counts are the total work over all threads).
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -fopenmp -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

void omp_scale(float *x, float a, int n) {
#pragma omp parallel for
  for (int i = 0; i < n; ++i)
    x[i] *= a;
}
// CHECK-STATIC: omp_scale len(loops) == 1 ; loops[0].trip_count == n ; loops[0].confidence == exact ; complexity.big_o == O(n) ; complexity.confidence == exact
// CHECK-STATIC: omp_scale ops.total.fmul ~= n ; ops.total.load_bytes ~= 4*n ; ops.total.store_bytes ~= 4*n ; ops.total.int_ops ~= 2*n ; cyclomatic == 2 ; max_loop_depth == 1

float omp_dot(const float *x, const float *y, int n) {
  float s = 0.0f;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < n; ++i)
    s += x[i] * y[i];
  return s;
}
// CHECK-STATIC: omp_dot loops[0].trip_count == n ; ops.total.flops ~= 2*n ; ops.total.load_bytes ~= 8*n ; ops.total.store_bytes == 0 ; memory.bytes_touched ~= 8*n ; memory.stack_bytes == 8

void omp_matmul(const float *A, const float *B, float *C, int m, int n, int k) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      float acc = 0.0f;
      for (int p = 0; p < k; ++p)
        acc += A[i * k + p] * B[p * n + j];
      C[i * n + j] = acc;
    }
}
// The same counts as matmul.c's matmul.
// CHECK-STATIC: omp_matmul max_loop_depth == 3 ; loops[2].trip_count == k ; complexity.big_o == O(m*n*k) ; complexity.confidence == exact
// CHECK-STATIC: omp_matmul ops.total.flops ~= 2*m*n*k ; ops.total.int_ops ~= 2*m + 4*m*n + 6*m*n*k ; ops.total.load_bytes ~= 8*m*n*k ; ops.total.store_bytes ~= 4*m*n ; memory.bytes_touched ~= 4*m*k + 4*k*n + 4*m*n
