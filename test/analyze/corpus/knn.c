// k-nearest neighbours: squared distances from a query to every training
// point, then a partial selection sort that brings the k nearest first.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

void knn(const float *train, const float *query, int n, int d, int k,
         float *dist, int *idx) {
  for (int i = 0; i < n; ++i) {
    float s = 0.0f;
    for (int j = 0; j < d; ++j) {
      float diff = train[i * d + j] - query[j];
      s += diff * diff;
    }
    dist[i] = s;
    idx[i] = i;
  }
  for (int a = 0; a < k; ++a) {
    int best = a;
    for (int b = a + 1; b < n; ++b)
      if (dist[b] < dist[best])
        best = b;
    float td = dist[a];
    dist[a] = dist[best];
    dist[best] = td;
    int ti = idx[a];
    idx[a] = idx[best];
    idx[best] = ti;
  }
}
// Loops: n, d, k, and n - a - 1 (triangular in a). With
// T = sum_{a<k} (n - a - 1) = k*n - k*(k+1)/2:
//   iterations n + n*d + k + T
//   flops: fsub, fmul, fadd per (i, j): 3nd (comparisons are not flops)
//   int ops: 2n + 2nd + 2nd (index) + 2k + k (a + 1) + 2T
//   loads: 8nd + 8T (dist[b], dist[best]) + 16k (swaps)
//   stores: 8n + 16k
//   footprint: train n*d, query d, dist n, idx n (4 bytes each); the
//   analysis does not know k <= n, so dist[0..k) and idx[0..k) (the swaps)
//   are counted besides [0..n): 8k more, an upper bound. dist[best] is
//   data-dependent and taken to stay within what the affine accesses reach.
//   locals i s j diff a best b td ti: 36 bytes
// At {n: 10, d: 3, k: 2}: T = 17, iterations 59, flops 90, int ops 180,
// loads 408, stores 112, footprint 212 (228 with the 8k of the bound).
// cyclomatic 1 + 4 for + if = 6; cognitive for 1, for 2, for 1, for 2,
// if 3 = 9.
// CHECK-STATIC: knn cyclomatic == 6 ; cognitive == 9 ; max_loop_depth == 2 ; len(loops) == 4 ; len(params) == 7
// CHECK-STATIC: knn loops[0].trip_count == n ; loops[1].trip_count == d ; loops[2].trip_count == k ; loops[3].trip_count ~= n - a - 1 ; loops[3].confidence == exact ; loops[3].depth == 2
// CHECK-STATIC: knn complexity.big_o == O(n*d + n*k) ; complexity.confidence == exact
// CHECK-STATIC: knn ops.total.iterations ~= n + n*d + k + k*n - k*(k + 1)/2 ; ops.total.iterations @ {n: 10, d: 3, k: 2} == 59
// CHECK-STATIC: knn ops.total.flops ~= 3*n*d ; ops.total.fsub ~= n*d ; ops.total.fmul ~= n*d ; ops.total.fadd ~= n*d
// CHECK-STATIC: knn ops.total.int_ops ~= 2*n + 4*n*d + 3*k + 2*(k*n - k*(k + 1)/2) ; ops.total.int_ops @ {n: 10, d: 3, k: 2} == 180
// CHECK-STATIC: knn ops.total.load_bytes ~= 8*n*d + 8*(k*n - k*(k + 1)/2) + 16*k ; ops.total.load_bytes @ {n: 10, d: 3, k: 2} == 408 ; ops.total.store_bytes ~= 8*n + 16*k
// CHECK-STATIC: knn memory.stack_bytes == 36 ; memory.bytes_touched ~= 4*n*d + 4*d + 8*n + 8*k ; memory.bytes_touched @ {n: 10, d: 3, k: 2} == 228
