// Scaled dot-product attention, out = softmax(Q K^T / sqrt(d)) V, for one
// head of n tokens of dimension d, written as calls to helper kernels so
// that the callees' costs are substituted with the caller's arguments.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

#include <math.h>

/* C = A B^T; A is m x k, B is n x k, C is m x n. */
static void matmul_nt(const float *A, const float *B, float *C, int m, int n,
                      int k) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      float acc = 0.0f;
      for (int p = 0; p < k; ++p)
        acc += A[i * k + p] * B[j * k + p];
      C[i * n + j] = acc;
    }
}
// CHECK-STATIC: matmul_nt complexity.big_o == O(m*n*k) ; ops.total.flops ~= 2*m*n*k ; ops.total.int_ops ~= 2*m + 4*m*n + 6*m*n*k ; ops.total.load_bytes ~= 8*m*n*k ; ops.total.store_bytes ~= 4*m*n
// CHECK-STATIC: matmul_nt memory.bytes_touched ~= 4*m*k + 4*n*k + 4*m*n

/* C = A B; A is m x k, B is k x n. */
static void matmul_nn(const float *A, const float *B, float *C, int m, int n,
                      int k) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      float acc = 0.0f;
      for (int p = 0; p < k; ++p)
        acc += A[i * k + p] * B[p * n + j];
      C[i * n + j] = acc;
    }
}

static void scale(float *x, int len, float s) {
  for (int i = 0; i < len; ++i)
    x[i] *= s;
}
// CHECK-STATIC: scale ops.total.fmul ~= len ; ops.total.load_bytes ~= 4*len ; ops.total.store_bytes ~= 4*len ; memory.bytes_touched ~= 4*len

/* In place. */
static void softmax_row(float *x, int n) {
  float mx = x[0];
  for (int i = 1; i < n; ++i)
    mx = fmaxf(mx, x[i]);
  float sum = 0.0f;
  for (int i = 0; i < n; ++i) {
    x[i] = expf(x[i] - mx);
    sum += x[i];
  }
  const float inv = 1.0f / sum;
  for (int i = 0; i < n; ++i)
    x[i] *= inv;
}
// fadd n, fsub n, fmul n, fdiv 1; exp n, fmax n-1, calls 2n-1;
// int ops 6n-2; loads 4 + 4(n-1) + 8n + 4n = 16n; stores 8n;
// iterations 3n-1; footprint 4n; locals mx i sum i inv i: 24 bytes.
// CHECK-STATIC: softmax_row ops.total.flops ~= 3*n + 1 ; ops.total.math_calls.exp ~= n ; ops.total.math_calls.fmax ~= n - 1 ; ops.total.calls ~= 2*n - 1
// CHECK-STATIC: softmax_row ops.total.int_ops ~= 6*n - 2 ; ops.total.load_bytes ~= 16*n ; ops.total.store_bytes ~= 8*n ; ops.total.iterations ~= 3*n - 1 ; memory.bytes_touched ~= 4*n ; memory.stack_bytes == 24

static void softmax_rows(float *S, int rows, int cols) {
  for (int r = 0; r < rows; ++r)
    softmax_row(S + r * cols, cols);
}
// Self: int ops 2 rows (loop) + rows (r * cols; the pointer + is not
// counted); calls rows. Total adds rows * softmax_row(cols).
// CHECK-STATIC: softmax_rows ops.self.int_ops ~= 3*rows ; ops.self.calls ~= rows ; ops.self.flops == 0 ; ops.self.iterations ~= rows
// CHECK-STATIC: softmax_rows ops.total.flops ~= rows*(3*cols + 1) ; ops.total.math_calls.exp ~= rows*cols ; ops.total.math_calls.fmax ~= rows*(cols - 1) ; ops.total.calls ~= 2*rows*cols
// CHECK-STATIC: softmax_rows ops.total.int_ops ~= rows + 6*rows*cols ; ops.total.load_bytes ~= 16*rows*cols ; ops.total.store_bytes ~= 8*rows*cols ; ops.total.iterations ~= 3*rows*cols
// CHECK-STATIC: softmax_rows ops.total.calls @ {rows: 3, cols: 5} == 30 ; ops.total.int_ops @ {rows: 3, cols: 5} == 93 ; ops.total.flops @ {rows: 3, cols: 5} == 48
// CHECK-STATIC: softmax_rows complexity.big_o == O(rows*cols) ; complexity.confidence == exact ; memory.bytes_touched ~= 4*rows*cols ; memory.stack_bytes == 4

/* S (n x n) is scratch space; out is n x d. */
void attention(const float *Q, const float *K, const float *V, float *S,
               float *out, int n, int d) {
  matmul_nt(Q, K, S, n, n, d);
  scale(S, n * n, 1.0f / sqrtf((float)d));
  softmax_rows(S, n, n);
  matmul_nn(S, V, out, n, d, n);
}
// Self: 1 fdiv, sqrt 1, 5 calls (4 helpers + sqrtf), int ops 1 (n * n).
// Total, by callee (m, n, k substituted):
//   matmul_nt(n, n, d): flops 2n^2d, int 2n + 4n^2 + 6n^2d, loads 8n^2d,
//     stores 4n^2, iterations n + n^2 + n^2d, footprint 8nd + 4n^2
//   scale(n*n): fmul n^2, int 2n^2, loads 4n^2, stores 4n^2, it n^2, fp 4n^2
//   softmax_rows(n, n): fadd/fsub/fmul n^2 each, fdiv n, exp n^2,
//     fmax n^2 - n, calls 2n^2, int n + 6n^2, loads 16n^2, stores 8n^2,
//     iterations 3n^2, footprint 4n^2
//   matmul_nn(n, d, n): flops 2n^2d, int 2n + 4nd + 6n^2d, loads 8n^2d,
//     stores 4nd, iterations n + nd + n^2d, footprint 4n^2 + 8nd
// Sums: fadd 2n^2d + n^2, fsub n^2, fmul 2n^2d + 2n^2, fdiv n + 1,
// flops 4n^2d + 4n^2 + n + 1, calls 2n^2 + 5,
// int ops 1 + 5n + 12n^2 + 12n^2d + 4nd, loads 16n^2d + 20n^2,
// stores 16n^2 + 4nd, iterations 2n^2d + 5n^2 + 2n + nd,
// footprint (callees' footprints, each called once) 16n^2 + 16nd.
// At {n: 4, d: 3}: flops 261, int ops 837, loads 1088, stores 304,
// iterations 196, footprint 448, intensity 261/448.
// CHECK-STATIC: attention len(params) == 7 ; params[5] == n ; params[6] == d ; recursive == false ; len(loops) == 0 ; max_loop_depth == 0 ; cyclomatic == 1 ; cognitive == 0 ; statements == 4
// CHECK-STATIC: attention ops.self.fdiv == 1 ; ops.self.flops == 1 ; ops.self.math_calls.sqrt == 1 ; ops.self.calls == 5 ; ops.self.int_ops == 1 ; ops.self.iterations == 0
// CHECK-STATIC: attention complexity.big_o == O(n^2*d) ; complexity.confidence == exact
// CHECK-STATIC: attention ops.total.fadd ~= 2*n*n*d + n*n ; ops.total.fsub ~= n*n ; ops.total.fmul ~= 2*n*n*d + 2*n*n ; ops.total.fdiv ~= n + 1 ; ops.total.flops ~= 4*n*n*d + 4*n*n + n + 1
// CHECK-STATIC: attention ops.total.math_calls.exp ~= n*n ; ops.total.math_calls.fmax ~= n*n - n ; ops.total.math_calls.sqrt == 1 ; ops.total.calls ~= 2*n*n + 5
// CHECK-STATIC: attention ops.total.int_ops ~= 1 + 5*n + 12*n*n + 12*n*n*d + 4*n*d ; ops.total.load_bytes ~= 16*n*n*d + 20*n*n ; ops.total.store_bytes ~= 16*n*n + 4*n*d ; ops.total.iterations ~= 2*n*n*d + 5*n*n + 2*n + n*d
// CHECK-STATIC: attention ops.total.flops @ {n: 4, d: 3} == 261 ; ops.total.int_ops @ {n: 4, d: 3} == 837 ; ops.total.load_bytes @ {n: 4, d: 3} == 1088 ; ops.total.store_bytes @ {n: 4, d: 3} == 304 ; ops.total.iterations @ {n: 4, d: 3} == 196
// CHECK-STATIC: attention memory.stack_bytes == 0 ; memory.heap_bytes == 0 ; memory.bytes_touched ~= 16*n*n + 16*n*d ; memory.bytes_touched @ {n: 4, d: 3} == 448 ; memory.arithmetic_intensity @ {n: 4, d: 3} == 0.5826
