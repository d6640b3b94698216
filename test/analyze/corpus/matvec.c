// Matrix-vector products: row-major y = A x, and the transposed product
// y = A^T x accumulating into y (column access).
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

void matvec(const float *A, const float *x, float *y, int m, int n) {
  for (int i = 0; i < m; ++i) {
    float acc = 0.0f;
    for (int j = 0; j < n; ++j)
      acc += A[i * n + j] * x[j];
    y[i] = acc;
  }
}
// Iterations m + m*n. Int ops: outer 2m, inner 2mn, index i*n+j 2mn.
// Loads A and x: 8mn; stores y: 4m. Footprint A m*n, x n, y m floats.
// Locals i, acc, j: 12 bytes.
// CHECK-STATIC: matvec max_loop_depth == 2 ; cyclomatic == 3 ; cognitive == 3 ; statements == 5
// CHECK-STATIC: matvec loops[0].trip_count == m ; loops[0].depth == 1 ; loops[1].trip_count == n ; loops[1].depth == 2 ; loops[1].confidence == exact
// CHECK-STATIC: matvec complexity.big_o == O(m*n) ; complexity.confidence == exact
// CHECK-STATIC: matvec ops.total.flops ~= 2*m*n ; ops.total.int_ops ~= 2*m + 4*m*n ; ops.total.load_bytes ~= 8*m*n ; ops.total.store_bytes ~= 4*m ; ops.total.iterations ~= m + m*n
// CHECK-STATIC: matvec ops.total.flops @ {m: 3, n: 5} == 30 ; ops.total.int_ops @ {m: 3, n: 5} == 66 ; ops.total.iterations @ {m: 3, n: 5} == 18
// CHECK-STATIC: matvec memory.stack_bytes == 12 ; memory.bytes_touched ~= 4*m*n + 4*n + 4*m ; memory.bytes_touched @ {m: 3, n: 5} == 92 ; memory.arithmetic_intensity @ {m: 3, n: 5} == 0.3261

/* y += A^T x, A is m x n row-major: y[j] += A[i*n+j] * x[i]. */
void matvec_t(const float *A, const float *x, float *y, int m, int n) {
  for (int i = 0; i < m; ++i) {
    const float xi = x[i];
    for (int j = 0; j < n; ++j)
      y[j] += A[i * n + j] * xi;
  }
}
// y[j] += ...: one load and one store of y per iteration, plus A.
// Loads: x 4m + (A 4 + y 4) mn; stores 4mn. Footprint A mn, x m, y n.
// CHECK-STATIC: matvec_t complexity.big_o == O(m*n) ; ops.total.flops ~= 2*m*n ; ops.total.load_bytes ~= 4*m + 8*m*n ; ops.total.store_bytes ~= 4*m*n ; ops.total.int_ops ~= 2*m + 4*m*n
// CHECK-STATIC: matvec_t memory.bytes_touched ~= 4*m*n + 4*m + 4*n ; memory.stack_bytes == 12
