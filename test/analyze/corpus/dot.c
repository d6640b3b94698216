// Dot products: unit stride, unrolled by four, BLAS-style strides, and a
// strided subsample (symbolic step).
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s
//
// Expectations are derived by hand from the counting definitions (see
// check_static.py for the syntax); never copied from the tool.

float dot(const float *x, const float *y, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i)
    s += x[i] * y[i];
  return s;
}
// Syntax: decl s, for, s += ..., return = 4 statements; 1 + for = 2;
// cognitive: for +1.
// CHECK-STATIC: dot len(params) == 3 ; params[0] == x ; params[2] == n ; line == 11
// CHECK-STATIC: dot statements == 4 ; cyclomatic == 2 ; cognitive == 1 ; max_loop_depth == 1 ; recursive == false
// CHECK-STATIC: dot len(loops) == 1 ; loops[0].trip_count == n ; loops[0].confidence == exact ; loops[0].depth == 1 ; loops[0].reason == null
// CHECK-STATIC: dot complexity.big_o == O(n) ; complexity.confidence == exact
// s += x[i]*y[i]: 1 fadd + 1 fmul per iteration; i < n, ++i: 2 int ops.
// CHECK-STATIC: dot ops.total.flops @ {n: 10} == 20 ; ops.total.flops ~= 2*n ; ops.total.fadd ~= n ; ops.total.fmul ~= n ; ops.total.fsub == 0 ; ops.total.fdiv == 0 ; ops.total.fma == 0
// CHECK-STATIC: dot ops.total.int_ops ~= 2*n ; ops.total.load_bytes ~= 8*n ; ops.total.store_bytes == 0 ; ops.total.calls == 0 ; ops.total.iterations ~= n ; len(ops.total.math_calls) == 0
// CHECK-STATIC: dot ops.self.flops ~= 2*n ; ops.self.load_bytes @ {n: 10} == 80 ; len(ops.total.uncounted) == 0
// Locals s, i: 8 bytes. x and y: n floats each.
// CHECK-STATIC: dot memory.stack_bytes == 8 ; memory.heap_bytes == 0 ; memory.bytes_touched @ {n: 10} == 80 ; memory.bytes_touched ~= 8*n ; memory.arithmetic_intensity @ {n: 10} == 0.25

/* Four partial sums, as written for SIMD; n is a multiple of 4. */
float dot_unrolled(const float *x, const float *y, int n) {
  float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
  for (int i = 0; i < n; i += 4) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
    s2 += x[i + 2] * y[i + 2];
    s3 += x[i + 3] * y[i + 3];
  }
  return (s0 + s1) + (s2 + s3);
}
// T = (n + 3) / 4 iterations. Per iteration: 4 fadd, 4 fmul, 32 bytes
// loaded, int ops: <, +=, and i+1, i+2, i+3 twice each = 8. Then 3 fadd.
// x, y: indices 0 .. 4T-1, 4T floats each.
// CHECK-STATIC: dot_unrolled loops[0].trip_count ~= (n + 3) / 4 ; loops[0].trip_count @ {n: 10} == 3 ; loops[0].confidence == exact ; complexity.big_o == O(n) ; complexity.confidence == exact
// CHECK-STATIC: dot_unrolled ops.total.fadd ~= 4*((n + 3) / 4) + 3 ; ops.total.fmul ~= 4*((n + 3) / 4) ; ops.total.flops @ {n: 16} == 35 ; ops.total.flops @ {n: 10} == 27
// CHECK-STATIC: dot_unrolled ops.total.int_ops ~= 8*((n + 3) / 4) ; ops.total.load_bytes ~= 32*((n + 3) / 4) ; ops.total.store_bytes == 0 ; ops.total.iterations @ {n: 16} == 4
// CHECK-STATIC: dot_unrolled memory.stack_bytes == 20 ; memory.bytes_touched @ {n: 16} == 128 ; memory.arithmetic_intensity @ {n: 16} == 0.2734

/* BLAS sdot with increments. */
float dot_strided(const float *x, int incx, const float *y, int incy, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i)
    s += x[i * incx] * y[i * incy];
  return s;
}
// Int ops: 2 for the loop + 2 index products. The span of x is
// (n-1)*incx + 1 elements, of y (n-1)*incy + 1.
// CHECK-STATIC: dot_strided loops[0].trip_count == n ; loops[0].confidence == exact ; complexity.big_o == O(n)
// CHECK-STATIC: dot_strided ops.total.int_ops ~= 4*n ; ops.total.flops ~= 2*n ; ops.total.load_bytes ~= 8*n
// CHECK-STATIC: dot_strided memory.bytes_touched @ {n: 10, incx: 2, incy: 3} == 188 ; memory.bytes_touched ~= 4*((n - 1)*incx + 1) + 4*((n - 1)*incy + 1)

/* Sum every step-th element (a subsample). */
float sum_every(const float *x, int n, int step) {
  float s = 0.0f;
  for (int i = 0; i < n; i += step)
    s += x[i];
  return s;
}
// ceil(n / step) iterations; x spans step*(T-1)+1 elements (10 at n=11,
// step=3: indices 0,3,6,9), at most n.
// CHECK-STATIC: sum_every loops[0].trip_count ~= (n + step - 1) / step ; loops[0].trip_count @ {n: 10, step: 3} == 4 ; loops[0].confidence == exact
// CHECK-STATIC: sum_every ops.total.fadd ~= (n + step - 1) / step ; ops.total.int_ops ~= 2*((n + step - 1) / step) ; ops.total.load_bytes @ {n: 11, step: 3} == 16
// CHECK-STATIC: sum_every memory.bytes_touched @ {n: 11, step: 3} >= 40 ; memory.bytes_touched @ {n: 11, step: 3} <= 44
