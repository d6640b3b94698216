// Memory built-ins (memcpy, memset, malloc, calloc), heap bytes through
// calls, and a variable-length array (symbolic stack bytes).
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

#include <stdlib.h>
#include <string.h>

void copy_weights(float *dst, const float *src, int n) {
  memcpy(dst, src, n * sizeof(float));
}
// memcpy(d, s, 4n): loads 4n, stores 4n bytes; one call; n * sizeof is
// one integer multiplication.
// CHECK-STATIC: copy_weights ops.total.load_bytes ~= 4*n ; ops.total.store_bytes ~= 4*n ; ops.total.calls == 1 ; ops.total.int_ops == 1 ; ops.total.flops == 0
// CHECK-STATIC: copy_weights complexity.big_o == O(n) ; ops.self.load_bytes ~= 4*n ; complexity.confidence != unknown ; len(ops.total.uncounted) == 0 ; memory.heap_bytes == 0

void zero_grad(float *g, int n) { memset(g, 0, n * sizeof(float)); }
// CHECK-STATIC: zero_grad complexity.big_o == O(n) ; ops.total.store_bytes ~= 4*n ; ops.total.load_bytes == 0 ; ops.total.calls == 1 ; ops.total.int_ops == 1 ; memory.stack_bytes == 0

float *alloc_buffer(int n) { return malloc(n * sizeof(float)); }
// CHECK-STATIC: alloc_buffer memory.heap_bytes ~= 4*n ; memory.heap_bytes @ {n: 100} == 400 ; ops.total.calls == 1 ; ops.total.int_ops == 1

float *alloc_matrix(int rows, int cols) {
  float *p = calloc((size_t)rows * cols, sizeof(float));
  return p;
}
// calloc(count, size): count * size bytes. Local p: 8 bytes.
// CHECK-STATIC: alloc_matrix memory.heap_bytes ~= 4*rows*cols ; ops.total.calls == 1 ; ops.total.int_ops == 1 ; memory.stack_bytes == 8

struct layer {
  float *W, *b;
  int n_in, n_out;
};

void layer_init(struct layer *L, int n_in, int n_out) {
  L->W = alloc_matrix(n_out, n_in);
  L->b = alloc_buffer(n_out);
  zero_grad(L->b, n_out);
  L->n_in = n_in;
  L->n_out = n_out;
}
// Heap through the callees: 4 n_out n_in + 4 n_out. Self stores through
// L: 8 + 8 + 4 + 4 = 24, plus memset's 4 n_out and calloc's zeroing of
// 4 n_in n_out in total; self loads: L->b
// (8). Calls: 3 own, 3 in the callees (calloc, malloc, memset). Int ops:
// one in each callee.
// CHECK-STATIC: layer_init memory.heap_bytes ~= 4*n_in*n_out + 4*n_out ; memory.heap_bytes @ {n_in: 784, n_out: 128} == 401920
// CHECK-STATIC: layer_init ops.self.store_bytes == 24 ; ops.self.load_bytes == 8 ; ops.total.store_bytes ~= 24 + 4*n_out + 4*n_in*n_out ; ops.self.calls == 3 ; ops.total.calls == 6 ; ops.total.int_ops == 3
// Big-O counts the callees' work, built-in ones included (as sgemm's
// M*N*K in blas.c): memset's n_out floats make it O(n_out), not O(1).
// CHECK-STATIC: layer_init complexity.big_o == O(n_out) ; complexity.confidence != unknown ; memory.stack_bytes == 0

/* Scratch space on the stack, sized by the caller. */
float vla_sum(const float *x, int n) {
  float tmp[n];
  for (int i = 0; i < n; ++i)
    tmp[i] = x[i] * 2.0f;
  float s = 0.0f;
  for (int i = 0; i < n; ++i)
    s += tmp[i];
  return s;
}
// Stack: tmp 4n + i + s + i = 4n + 12.
// CHECK-STATIC: vla_sum memory.stack_bytes ~= 4*n + 12 ; memory.stack_bytes @ {n: 10} == 52 ; memory.heap_bytes == 0
// CHECK-STATIC: vla_sum ops.total.load_bytes ~= 8*n ; ops.total.store_bytes ~= 4*n ; memory.bytes_touched ~= 8*n ; ops.total.flops ~= 2*n ; complexity.big_o == O(n)
