// Triangular loop nests: the inner bound is the outer counter (j < i,
// j = i + 1 .. n, j <= i); the sums are n(n-1)/2 and n(n+1)/2.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

/* y = L x for a unit lower-triangular L (the diagonal is implicit). */
void trmv_unit_lower(const float *L, const float *x, float *y, int n) {
  for (int i = 0; i < n; ++i) {
    float acc = x[i];
    for (int j = 0; j < i; ++j)
      acc += L[i * n + j] * x[j];
    y[i] = acc;
  }
}
// Inner: i iterations per entry; n(n-1)/2 in all. flops n(n-1);
// int ops 2n + 2 n(n-1)/2 (loop) + 2 n(n-1)/2 (index) = 2n^2;
// loads 4n + 8 n(n-1)/2 = 4n^2; stores 4n. Footprint: x, y n floats; L's
// span is between n^2 - n - 1 (the elements the nest reaches) and n^2.
// CHECK-STATIC: trmv_unit_lower loops[1].trip_count == i ; loops[1].confidence == exact ; loops[1].depth == 2
// CHECK-STATIC: trmv_unit_lower complexity.big_o == O(n^2) ; complexity.confidence == exact ; ops.total.iterations ~= n + n*(n - 1)/2 ; ops.total.iterations @ {n: 10} == 55
// CHECK-STATIC: trmv_unit_lower ops.total.fmul ~= n*(n - 1)/2 ; ops.total.flops ~= n*(n - 1) ; ops.total.int_ops ~= 2*n*n ; ops.total.load_bytes ~= 4*n*n ; ops.total.store_bytes ~= 4*n
// CHECK-STATIC: trmv_unit_lower memory.bytes_touched @ {n: 10} >= 436 ; memory.bytes_touched @ {n: 10} <= 480 ; memory.stack_bytes == 12

/* Sum of squared differences over all pairs i < j (upper triangle). */
float pairwise_energy(const float *p, int n) {
  float e = 0.0f;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      float dlt = p[i] - p[j];
      e += dlt * dlt;
    }
  return e;
}
// Inner: n - i - 1 per entry, n(n-1)/2 in all. flops 3 n(n-1)/2;
// int ops 2n + n (i + 1) + 2 n(n-1)/2 = n^2 + 2n; loads 4n(n-1).
// CHECK-STATIC: pairwise_energy loops[1].trip_count ~= n - i - 1 ; loops[1].confidence == exact ; complexity.big_o == O(n^2) ; complexity.confidence == exact
// CHECK-STATIC: pairwise_energy ops.total.iterations @ {n: 10} == 55 ; ops.total.flops @ {n: 10} == 135 ; ops.total.flops ~= 3*n*(n - 1)/2 ; ops.total.int_ops ~= n*n + 2*n ; ops.total.load_bytes ~= 4*n*(n - 1)
// CHECK-STATIC: pairwise_energy memory.bytes_touched ~= 4*n ; memory.stack_bytes == 16

/* Lower triangle (j <= i) of the Gram matrix G = X X^T; X is n x d. */
void gram_lower(const float *X, float *G, int n, int d) {
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j) {
      float acc = 0.0f;
      for (int p = 0; p < d; ++p)
        acc += X[i * d + p] * X[j * d + p];
      G[i * n + j] = acc;
    }
}
// Middle: i + 1 per entry, n(n+1)/2 in all; inner d. With
// U = n(n+1)/2: iterations n + U + dU; flops 2dU; int ops 2n + 2U +
// 2dU + 4dU + 2U; loads 8dU; stores 4U. Footprint: X n*d (one array, read
// twice), G n^2 (indices 0 .. n^2 - 1).
// At {n: 4, d: 3}: U 10, iterations 44, flops 60, int ops 228, loads 240,
// stores 40, footprint 112.
// CHECK-STATIC: gram_lower loops[1].trip_count ~= i + 1 ; loops[1].confidence == exact ; loops[2].trip_count == d
// CHECK-STATIC: gram_lower complexity.big_o == O(n^2*d) ; complexity.confidence == exact
// CHECK-STATIC: gram_lower ops.total.iterations ~= n + n*(n + 1)/2 + d*n*(n + 1)/2 ; ops.total.flops ~= d*n*(n + 1) ; ops.total.int_ops ~= 2*n + n*(n + 1)*(2 + 3*d)
// CHECK-STATIC: gram_lower ops.total.iterations @ {n: 4, d: 3} == 44 ; ops.total.flops @ {n: 4, d: 3} == 60 ; ops.total.int_ops @ {n: 4, d: 3} == 228 ; ops.total.load_bytes @ {n: 4, d: 3} == 240 ; ops.total.store_bytes @ {n: 4, d: 3} == 40
// CHECK-STATIC: gram_lower memory.bytes_touched ~= 4*n*d + 4*n*n ; memory.bytes_touched @ {n: 4, d: 3} == 112 ; memory.stack_bytes == 16
