// Control flow for the syntax metrics (cyclomatic, cognitive, statements)
// and worst-branch counting: switch, else-if chains, && / || runs, goto.
// Cognitive complexity follows the SonarSource spec as clang-tidy's
// readability-function-cognitive-complexity implements it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

#include <math.h>

enum activation { ACT_NONE, ACT_RELU, ACT_TANH, ACT_SIGMOID };

float activate(enum activation a, float x) {
  switch (a) {
  case ACT_RELU:
    return x > 0.0f ? x : 0.0f;
  case ACT_TANH:
    return tanhf(x);
  case ACT_SIGMOID:
    return 1.0f / (1.0f + expf(-x));
  default:
    return x;
  }
}
// cyclomatic 1 + 3 case labels + ?: = 5 (default is not a case label);
// cognitive switch +1, ?: +2 (nested in the switch) = 3.
// Worst branch per quantity: flops 2 (sigmoid: fdiv, fadd; unary minus is
// not counted), tanh 1, exp 1, calls 1.
// CHECK-STATIC: activate cyclomatic == 5 ; cognitive == 3 ; max_loop_depth == 0 ; len(params) == 2
// CHECK-STATIC: activate ops.total.flops == 2 ; ops.total.fdiv == 1 ; ops.total.fadd == 1 ; ops.total.fsub == 0 ; ops.total.math_calls.tanh == 1 ; ops.total.math_calls.exp == 1 ; ops.total.calls == 1 ; complexity.big_o == O(1)

/* Gradient clipping that also zeroes NaNs and infinities. */
int clip_gradients(float *g, int n, float lo, float hi) {
  int clipped = 0;
  for (int i = 0; i < n; ++i) {
    float v = g[i];
    if (v != v || v - v != 0.0f) {
      g[i] = 0.0f;
      ++clipped;
    } else if (v < lo) {
      g[i] = lo;
      ++clipped;
    } else if (v > hi) {
      g[i] = hi;
      ++clipped;
    }
  }
  return clipped;
}
// cyclomatic 1 + for + 3 if + || = 6; cognitive for +1, if +2 (nesting
// 1), || +1, else if +1, else if +1 = 6. Statements: clipped, for, v, if,
// g[i]=, ++, if, g[i]=, ++, if, g[i]=, ++, return = 13.
// Per iteration: fsub 1 (v - v; comparisons are free); int ops 2 (loop) +
// 1 (||) + 1 (++clipped, worst branch); loads 4; stores 4 (worst branch).
// CHECK-STATIC: clip_gradients cyclomatic == 6 ; cognitive == 6 ; statements == 13 ; max_loop_depth == 1 ; memory.stack_bytes == 12
// CHECK-STATIC: clip_gradients ops.total.fsub ~= n ; ops.total.flops ~= n ; ops.total.int_ops ~= 4*n ; ops.total.load_bytes ~= 4*n ; ops.total.store_bytes ~= 4*n ; ops.total.int_ops @ {n: 10} == 40

int shape_ok(int h, int w, int kh, int kw, int stride) {
  if (stride <= 0 || kh > h || kw > w)
    return 0;
  return h > 0 && w > 0 && (h - kh) % stride == 0 && (w - kw) % stride == 0;
}
// cyclomatic 1 + if + 2 || + 3 && = 7; cognitive if +1, the || run +1,
// the && run +1 = 3. Int ops: 5 in the condition, 11 in the return.
// CHECK-STATIC: shape_ok cyclomatic == 7 ; cognitive == 3 ; statements == 3 ; ops.total.int_ops == 16 ; ops.total.flops == 0 ; memory.stack_bytes == 0

/* Position of v in an m x n matrix; goto leaves both loops. */
int find_in_matrix(const float *A, int m, int n, float v, int *ri, int *ci) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j)
      if (A[i * n + j] == v) {
        *ri = i;
        *ci = j;
        goto found;
      }
  return 0;
found:
  return 1;
}
// Both loops may be left early: upper bounds. cyclomatic 1 + 2 for + if =
// 4; cognitive for +1, for +2, if +3, goto +1 = 7.
// CHECK-STATIC: find_in_matrix cyclomatic == 4 ; cognitive == 7 ; max_loop_depth == 2
// CHECK-STATIC: find_in_matrix loops[0].trip_count == m ; loops[0].confidence == upper_bound ; loops[0].reason != null ; loops[1].trip_count == n ; loops[1].confidence == upper_bound ; loops[1].reason != null
// CHECK-STATIC: find_in_matrix complexity.big_o == O(m*n) ; complexity.confidence == upper_bound ; ops.total.load_bytes ~= 4*m*n
