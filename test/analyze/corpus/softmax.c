// Softmax over a vector (max, exp, sum, divide) and log-softmax.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

#include <math.h>

void softmax(const float *x, float *y, int n) {
  float mx = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > mx)
      mx = x[i];
  float sum = 0.0f;
  for (int i = 0; i < n; ++i) {
    y[i] = expf(x[i] - mx);
    sum += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= sum;
}
// Loops n-1, n, n. The comparison x[i] > mx is not a flop. fsub n, fadd n,
// fdiv n; exp n, which are also n calls. Int ops 2 per iteration: 6n - 2.
// Loads: x[0]; loop 1: x[i] and, worst branch, x[i] again: 8(n-1);
// loop 2: x[i], y[i]: 8n; loop 3: y[i]: 4n. Total 20n - 4.
// Stores: y[i] twice per element: 8n. Footprint x n, y n floats.
// Locals mx, i, sum, i, i: 20 bytes.
// Syntax: statements mx, for, if, mx=, sum, for, y[i]=, sum+=, for, y[i]/=
// = 10; cyclomatic 1 + 3 for + if = 5; cognitive for +1, if +2 (nested),
// for +1, for +1 = 5.
// CHECK-STATIC: softmax statements == 10 ; cyclomatic == 5 ; cognitive == 5 ; max_loop_depth == 1 ; len(loops) == 3
// CHECK-STATIC: softmax loops[0].trip_count ~= n - 1 ; loops[0].confidence == exact ; loops[1].trip_count == n ; loops[2].trip_count == n ; loops[2].confidence == exact
// CHECK-STATIC: softmax complexity.big_o == O(n) ; complexity.confidence == exact
// CHECK-STATIC: softmax ops.total.fsub ~= n ; ops.total.fadd ~= n ; ops.total.fdiv ~= n ; ops.total.fmul == 0 ; ops.total.flops ~= 3*n ; ops.total.math_calls.exp ~= n ; len(ops.total.math_calls) == 1 ; ops.total.calls ~= n
// CHECK-STATIC: softmax ops.self.math_calls.exp ~= n ; ops.self.calls ~= n
// CHECK-STATIC: softmax ops.total.int_ops ~= 6*n - 2 ; ops.total.load_bytes ~= 20*n - 4 ; ops.total.store_bytes ~= 8*n ; ops.total.iterations ~= 3*n - 1
// CHECK-STATIC: softmax ops.total.flops @ {n: 10} == 30 ; ops.total.load_bytes @ {n: 10} == 196 ; ops.total.int_ops @ {n: 10} == 58 ; ops.total.iterations @ {n: 10} == 29
// CHECK-STATIC: softmax memory.stack_bytes == 20 ; memory.heap_bytes == 0 ; memory.bytes_touched ~= 8*n ; memory.arithmetic_intensity @ {n: 10} == 0.375

void log_softmax(const float *x, float *y, int n) {
  float mx = x[0];
  for (int i = 1; i < n; ++i)
    mx = fmaxf(mx, x[i]);
  float sum = 0.0f;
  for (int i = 0; i < n; ++i)
    sum += expf(x[i] - mx);
  const float lse = mx + logf(sum);
  for (int i = 0; i < n; ++i)
    y[i] = x[i] - lse;
}
// fmax n-1, exp n, log 1: calls 2n. fsub 2n, fadd n + 1: flops 3n + 1.
// Loads x[0], then x[i] in each loop: 4 + 4(n-1) + 4n + 4n = 12n.
// Locals mx, i, sum, i, lse, i: 24 bytes.
// CHECK-STATIC: log_softmax ops.total.math_calls.fmax ~= n - 1 ; ops.total.math_calls.exp ~= n ; ops.total.math_calls.log == 1 ; ops.total.calls ~= 2*n
// CHECK-STATIC: log_softmax ops.total.fsub ~= 2*n ; ops.total.fadd ~= n + 1 ; ops.total.flops @ {n: 10} == 31
// CHECK-STATIC: log_softmax ops.total.load_bytes ~= 12*n ; ops.total.store_bytes ~= 4*n ; ops.total.int_ops ~= 6*n - 2 ; memory.stack_bytes == 24 ; memory.bytes_touched ~= 8*n
