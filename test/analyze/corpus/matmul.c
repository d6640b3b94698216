// Matrix multiplication: naive i-j-k, and tiled (blocked) with MIN bounds.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define TILE 32

/* C = A B; A is m x k, B is k x n, C is m x n, all row-major. */
void matmul(const float *A, const float *B, float *C, int m, int n, int k) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      float acc = 0.0f;
      for (int p = 0; p < k; ++p)
        acc += A[i * k + p] * B[p * n + j];
      C[i * n + j] = acc;
    }
}
// Iterations m + mn + mnk; flops 2mnk. Int ops: loops 2m + 2mn + 2mnk,
// A and B indices 4mnk, C index 2mn. Loads 8mnk, stores 4mn.
// Footprint A m*k, B k*n, C m*n floats. Locals i, j, acc, p: 16 bytes.
// cognitive: for +1, for +2, for +3 = 6.
// CHECK-STATIC: matmul max_loop_depth == 3 ; cyclomatic == 4 ; cognitive == 6 ; len(params) == 6
// CHECK-STATIC: matmul loops[0].trip_count == m ; loops[1].trip_count == n ; loops[2].trip_count == k ; loops[2].depth == 3 ; loops[2].confidence == exact
// CHECK-STATIC: matmul complexity.big_o == O(m*n*k) ; complexity.confidence == exact
// CHECK-STATIC: matmul ops.total.flops ~= 2*m*n*k ; ops.total.fadd ~= m*n*k ; ops.total.fmul ~= m*n*k ; ops.total.int_ops ~= 2*m + 4*m*n + 6*m*n*k
// CHECK-STATIC: matmul ops.total.load_bytes ~= 8*m*n*k ; ops.total.store_bytes ~= 4*m*n ; ops.total.iterations ~= m + m*n + m*n*k ; ops.total.calls == 0
// CHECK-STATIC: matmul ops.total.flops @ {m: 2, n: 3, k: 4} == 48 ; ops.total.int_ops @ {m: 2, n: 3, k: 4} == 172 ; ops.total.iterations @ {m: 2, n: 3, k: 4} == 32
// CHECK-STATIC: matmul memory.stack_bytes == 16 ; memory.heap_bytes == 0 ; memory.bytes_touched ~= 4*m*k + 4*k*n + 4*m*n ; memory.bytes_touched @ {m: 2, n: 3, k: 4} == 104
// CHECK-STATIC: matmul memory.arithmetic_intensity @ {m: 2, n: 3, k: 4} == 0.4615 ; memory.arithmetic_intensity @ {m: 64, n: 64, k: 64} == 10.67

/* The same product in TILE x TILE x TILE blocks; C must be zeroed first. */
void matmul_tiled(const float *A, const float *B, float *C, int n) {
  for (int ii = 0; ii < n; ii += TILE)
    for (int jj = 0; jj < n; jj += TILE)
      for (int pp = 0; pp < n; pp += TILE)
        for (int i = ii; i < MIN(ii + TILE, n); ++i)
          for (int j = jj; j < MIN(jj + TILE, n); ++j) {
            float acc = C[i * n + j];
            for (int p = pp; p < MIN(pp + TILE, n); ++p)
              acc += A[i * n + p] * B[p * n + j];
            C[i * n + j] = acc;
          }
}
// Tile loops: (n + 31) / 32 each, exact. Point loops: at most 32 each
// (min(ii + 32, n) - ii <= 32), upper bound. Flops at most
// 2 * ((n+31)/32)^3 * 32^3, = 2 n^3 when 32 divides n (n = 64: 524288).
// Loads: 8 bytes per p iteration, plus C[i*n+j] per j iteration
// (8 * 32 * 32 of them at n = 64): 2097152 + 32768.
// CHECK-STATIC: matmul_tiled max_loop_depth == 6 ; len(loops) == 6
// CHECK-STATIC: matmul_tiled loops[0].trip_count ~= (n + 31) / 32 ; loops[0].confidence == exact ; loops[2].trip_count ~= (n + 31) / 32 ; loops[2].confidence == exact
// CHECK-STATIC: matmul_tiled loops[3].trip_count == 32 ; loops[3].confidence == upper_bound ; loops[3].reason != null ; loops[4].trip_count == 32 ; loops[4].confidence == upper_bound ; loops[5].trip_count == 32 ; loops[5].confidence == upper_bound
// CHECK-STATIC: matmul_tiled complexity.big_o == O(n^3) ; complexity.confidence == upper_bound
// CHECK-STATIC: matmul_tiled ops.total.flops @ {n: 64} == 524288 ; ops.total.fmul @ {n: 64} == 262144 ; ops.total.load_bytes @ {n: 64} == 2129920
// The three arrays are n*n floats each whatever the tiling.
// CHECK-STATIC: matmul_tiled memory.bytes_touched @ {n: 64} == 49152 ; memory.stack_bytes == 28
