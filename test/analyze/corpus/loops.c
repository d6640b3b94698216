// Loop shapes: decrementing counters, inclusive bounds, steps, a counter
// declared before the loop, early exits (upper bounds), counters modified
// in the body and data-dependent conditions (unknown), while loops, and
// bounds read from globals and struct members.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

#include <math.h>

/* Suffix sums: x[i] += x[i + 1], right to left. */
void reverse_cumsum(float *x, int n) {
  for (int i = n - 2; i >= 0; --i)
    x[i] += x[i + 1];
}
// i = n-2 .. 0 inclusive: n - 1 iterations. Int ops: n - 2 once, then
// >=, --, i + 1 per iteration: 3n - 2.
// CHECK-STATIC: reverse_cumsum loops[0].trip_count ~= n - 1 ; loops[0].confidence == exact ; complexity.big_o == O(n)
// CHECK-STATIC: reverse_cumsum ops.total.fadd ~= n - 1 ; ops.total.int_ops ~= 3*n - 2 ; ops.total.load_bytes ~= 8*(n - 1) ; ops.total.store_bytes ~= 4*(n - 1) ; memory.bytes_touched ~= 4*n

/* Cumulative histogram, bins 1 .. nbins inclusive. */
void cumulative_hist(int *hist, int nbins) {
  for (int b = 1; b <= nbins; ++b)
    hist[b] += hist[b - 1];
}
// <= adds one: nbins iterations. Integer +=, b - 1: 4 int ops per
// iteration. hist spans 0 .. nbins: nbins + 1 ints.
// CHECK-STATIC: cumulative_hist loops[0].trip_count == nbins ; loops[0].confidence == exact ; ops.total.int_ops ~= 4*nbins ; ops.total.load_bytes ~= 8*nbins ; ops.total.store_bytes ~= 4*nbins ; ops.total.flops == 0
// CHECK-STATIC: cumulative_hist memory.bytes_touched ~= 4*(nbins + 1)

/* Every second sample, from the end. */
void downsample2(const float *in, float *out, int n) {
  for (int i = n; i > 0; i -= 2)
    out[(i - 1) / 2] = in[i - 1];
}
// i = n, n-2, ... > 0: (n + 1) / 2 iterations; 5 int ops each
// (>, -=, i - 1, / 2, i - 1).
// CHECK-STATIC: downsample2 loops[0].trip_count ~= (n + 1) / 2 ; loops[0].trip_count @ {n: 7} == 4 ; loops[0].confidence == exact ; ops.total.int_ops ~= 5*((n + 1) / 2) ; ops.total.load_bytes ~= 4*((n + 1) / 2)

/* Early exit by return: at most n iterations. */
int find_first(const float *x, int n, float v) {
  for (int i = 0; i < n; ++i)
    if (x[i] == v)
      return i;
  return -1;
}
// CHECK-STATIC: find_first loops[0].trip_count == n ; loops[0].confidence == upper_bound ; loops[0].reason != null ; complexity.big_o == O(n) ; complexity.confidence == upper_bound
// CHECK-STATIC: find_first ops.total.int_ops @ {n: 10} == 20 ; ops.total.load_bytes @ {n: 10} == 40

/* Early exit by break, counter declared before the loop. */
int leading_positive(const float *x, int n) {
  int k = 0;
  for (; k < n; ++k)
    if (x[k] <= 0.0f)
      break;
  return k;
}
// CHECK-STATIC: leading_positive loops[0].trip_count == n ; loops[0].confidence == upper_bound ; loops[0].reason != null ; complexity.confidence == upper_bound ; ops.total.load_bytes ~= 4*n

/* Run-length decoding of (count, value) pairs: i also advances in the
   body, and the inner bound is data. */
int rle_decode(const int *in, int n_in, float *out) {
  int o = 0;
  for (int i = 0; i < n_in; ++i) {
    int count = in[i];
    ++i;
    for (int r = 0; r < count; ++r)
      out[o++] = (float)in[i];
  }
  return o;
}
// CHECK-STATIC: rle_decode loops[0].trip_count == null ; loops[0].confidence == unknown ; loops[0].reason != null ; loops[1].trip_count == null ; loops[1].confidence == unknown ; loops[1].reason != null
// CHECK-STATIC: rle_decode complexity.big_o == null ; complexity.confidence == unknown

/* Newton's iteration until convergence: data-dependent. */
float newton_sqrt(float a) {
  float x = a > 1.0f ? a : 1.0f;
  while (fabsf(x * x - a) > 1e-6f * a)
    x = 0.5f * (x + a / x);
  return x;
}
// CHECK-STATIC: newton_sqrt loops[0].trip_count == null ; loops[0].confidence == unknown ; loops[0].reason != null ; complexity.big_o == null ; complexity.confidence == unknown

/* A counting while loop: the same as a for. */
void clamp_negative(float *x, int n) {
  int i = 0;
  while (i < n) {
    if (x[i] < 0.0f)
      x[i] = 0.0f;
    ++i;
  }
}
// CHECK-STATIC: clamp_negative loops[0].trip_count == n ; loops[0].confidence == exact ; complexity.big_o == O(n) ; ops.total.int_ops ~= 2*n ; ops.total.store_bytes ~= 4*n

/* Horner's rule with a do-while. */
float horner(const float *c, int deg, float x) {
  float r = c[deg];
  int i = deg;
  do {
    --i;
    r = r * x + c[i];
  } while (i > 0);
  return r;
}
// cyclomatic 1 + do = 2; cognitive do +1.
// CHECK-STATIC: horner cyclomatic == 2 ; cognitive == 1 ; max_loop_depth == 1 ; len(loops) == 1

/* Bounds from a global and from a struct through a pointer. */
int g_batch;
struct config {
  int k;
  float temperature;
};

float batch_mean(const float *x) {
  float s = 0.0f;
  for (int i = 0; i < g_batch; ++i)
    s += x[i];
  return s / g_batch;
}
// The global is a symbol; reading it is a load (once per condition and
// once for the division): loads 8 g_batch + 4.
// CHECK-STATIC: batch_mean loops[0].trip_count == g_batch ; loops[0].confidence == exact ; complexity.big_o == O(g_batch) ; ops.total.fadd ~= g_batch ; ops.total.fdiv == 1 ; ops.total.load_bytes ~= 8*g_batch + 4

float topk_sum(const struct config *cfg, const float *x) {
  float s = 0.0f;
  for (int i = 0; i < cfg->k; ++i)
    s += x[i] / cfg->temperature;
  return s;
}
// Loads per iteration: cfg->k (condition), x[i], cfg->temperature.
// CHECK-STATIC: topk_sum loops[0].trip_count == cfg->k ; loops[0].confidence == exact ; complexity.big_o == O(cfg->k) ; ops.total.fdiv ~= cfg->k ; ops.total.fadd ~= cfg->k ; ops.total.load_bytes ~= 12*cfg->k

/* The callee's cfg->k becomes the caller's c->k. */
float topk_twice(const struct config *c, const float *x) {
  return topk_sum(c, x) + topk_sum(c, x + c->k);
}
// CHECK-STATIC: topk_twice ops.total.fdiv ~= 2*c->k ; ops.total.fadd @ {c->k: 5} == 11 ; ops.total.calls == 2 ; complexity.big_o == O(c->k)
