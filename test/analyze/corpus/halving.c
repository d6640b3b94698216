// Halving and doubling loops: log2(...) + 1 iterations at most, O(log(n)).
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

/* The first index whose value is >= key, in a sorted array. */
int lower_bound_f(const float *a, int n, float key) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (a[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}
// The interval hi - lo = n halves: at most log2(n) + 1 iterations.
// CHECK-STATIC: lower_bound_f loops[0].trip_count ~= log2(n) + 1 ; loops[0].trip_count @ {n: 16} == 5 ; loops[0].confidence == upper_bound ; loops[0].reason != null
// CHECK-STATIC: lower_bound_f complexity.big_o == O(log(n)) ; complexity.confidence == upper_bound
// CHECK-STATIC: lower_bound_f cyclomatic == 3 ; cognitive == 4 ; max_loop_depth == 1 ; memory.stack_bytes == 12

/* Levels of a balanced binary tree over n leaves. */
int count_halvings(int n) {
  int steps = 0;
  while (n > 0) {
    n /= 2;
    ++steps;
  }
  return steps;
}
// 3 int ops per iteration (>, /=, ++).
// CHECK-STATIC: count_halvings loops[0].trip_count ~= log2(n) + 1 ; loops[0].confidence == upper_bound ; complexity.big_o == O(log(n)) ; complexity.confidence == upper_bound
// CHECK-STATIC: count_halvings ops.total.int_ops @ {n: 16} == 15 ; ops.total.iterations @ {n: 16} == 5

/* Smallest power of two >= n (buffer sizes). */
int next_pow2(int n) {
  int p = 1;
  while (p < n)
    p *= 2;
  return p;
}
// CHECK-STATIC: next_pow2 loops[0].trip_count ~= log2(n) + 1 ; loops[0].confidence == upper_bound ; complexity.big_o == O(log(n)) ; complexity.confidence == upper_bound

/* Tree reduction as on a GPU; n is a power of two. */
float tree_reduce(float *x, int n) {
  for (int s = n / 2; s > 0; s >>= 1)
    for (int i = 0; i < s; ++i)
      x[i] += x[i + s];
  return x[0];
}
// Outer: s halves from n/2: log2(n/2) + 1 at most. Inner: s per entry.
// CHECK-STATIC: tree_reduce loops[0].trip_count ~= log2(n / 2) + 1 ; loops[0].confidence == upper_bound ; loops[1].trip_count == s ; loops[1].confidence == exact

/* Hillis-Steele inclusive scan: log2(n) passes over x (tmp: scratch). */
void scan_hillis_steele(float *x, float *tmp, int n) {
  for (int off = 1; off < n; off *= 2) {
    for (int i = 0; i < n; ++i)
      tmp[i] = i >= off ? x[i] + x[i - off] : x[i];
    for (int i = 0; i < n; ++i)
      x[i] = tmp[i];
  }
}
// P = log2(n) + 1 passes at most, each 2n iterations. Per pass: fadd n
// (worst branch); int ops 2 + n * (2 + 1 (>=) + 1 (i - off)) + 2n;
// loads 8n + 4n; stores 4n + 4n. At n = 16, P = 5: fadd 80, int ops 490,
// loads 960, stores 640, iterations 165.
// CHECK-STATIC: scan_hillis_steele loops[0].trip_count ~= log2(n) + 1 ; loops[0].confidence == upper_bound ; loops[1].trip_count == n ; loops[1].confidence == exact
// CHECK-STATIC: scan_hillis_steele complexity.big_o == O(n*log(n)) ; complexity.confidence == upper_bound
// CHECK-STATIC: scan_hillis_steele ops.total.fadd @ {n: 16} == 80 ; ops.total.int_ops @ {n: 16} == 490 ; ops.total.load_bytes @ {n: 16} == 960 ; ops.total.store_bytes @ {n: 16} == 640 ; ops.total.iterations @ {n: 16} == 165
