// C++: a template instantiated for float and double (each listed), class
// members as symbols (this->rows), std::vector and new[] sizes, lambdas,
// a range-based for, and blocking with std::min.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clangxx -std=c++17 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

#include <algorithm>
#include <cstddef>
#include <vector>

template <typename T>
void axpy(int n, T a, const T *x, T *y) {
  for (int i = 0; i < n; ++i)
    y[i] += a * x[i];
}
// y[i] += a*x[i]: fadd, fmul; loads x and y, store y.
// CHECK-STATIC: axpy<float> len(params) == 4 ; loops[0].trip_count == n ; complexity.big_o == O(n) ; ops.total.flops ~= 2*n ; ops.total.load_bytes ~= 8*n ; ops.total.store_bytes ~= 4*n ; memory.bytes_touched ~= 8*n
// CHECK-STATIC: axpy<double> loops[0].trip_count == n ; ops.total.flops ~= 2*n ; ops.total.load_bytes ~= 16*n ; ops.total.store_bytes ~= 8*n ; memory.bytes_touched ~= 16*n ; ops.total.int_ops ~= 2*n

/* Mixed precision: float weights, double momentum. */
void sgd_step(float *w, const float *g, double *m, const double *gd, int n,
              float lr) {
  axpy<float>(n, -lr, g, w);
  axpy<double>(n, 0.9, gd, m);
}
// Unary minus is not a flop. Totals: both instantiations with n.
// CHECK-STATIC: sgd_step ops.self.flops == 0 ; ops.self.calls == 2 ; ops.total.flops ~= 4*n ; ops.total.load_bytes ~= 24*n ; ops.total.store_bytes ~= 12*n ; ops.total.int_ops ~= 4*n ; ops.total.iterations ~= 2*n
// CHECK-STATIC: sgd_step complexity.big_o == O(n) ; complexity.confidence == exact ; memory.bytes_touched ~= 24*n

/* Never instantiated: not listed. */
template <typename T> T unused_square(T v) { return v * v; }
// CHECK-STATIC-NOT: /unused_square/

struct Matrix {
  int rows, cols;
  std::vector<float> data;
  Matrix(int r, int c)
      : rows(r), cols(c), data(static_cast<std::size_t>(r) * c) {}
  float sum() const {
    float s = 0.0f;
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j)
        s += data[i * cols + j];
    return s;
  }
};
// Members are symbols: this->rows, this->cols. Reading a member is a load
// (this->x): the conditions read rows (4 bytes per outer iteration) and
// cols (per inner iteration), the index reads cols again, and the element
// is 4 bytes: loads 4 rows + 12 rows cols. Int ops 2r + 2rc + 2rc.
// CHECK-STATIC: Matrix::sum loops[0].trip_count == this->rows ; loops[1].trip_count == this->cols ; loops[1].confidence == exact ; complexity.big_o == O(this->rows*this->cols) ; complexity.confidence == exact
// CHECK-STATIC: Matrix::sum ops.total.fadd ~= this->rows*this->cols ; ops.total.flops @ {this->rows: 3, this->cols: 4} == 12 ; ops.total.int_ops @ {this->rows: 3, this->cols: 4} == 54 ; ops.total.calls == 0
// CHECK-STATIC: Matrix::sum ops.total.load_bytes @ {this->rows: 3, this->cols: 4} == 156 ; memory.stack_bytes == 12
// CHECK-STATIC: Matrix::sum memory.bytes_touched @ {this->rows: 3, this->cols: 4} >= 48 ; memory.bytes_touched @ {this->rows: 3, this->cols: 4} <= 56
// The constructor: vector(r*c) allocates and zeroes 4 r c bytes; it also
// stores rows and cols through this.
// CHECK-STATIC: Matrix::Matrix memory.heap_bytes ~= 4*r*c ; memory.heap_bytes @ {r: 3, c: 4} == 48 ; ops.total.store_bytes ~= 4*r*c + 8 ; ops.total.int_ops == 1

float matrix_total(int r, int c) {
  Matrix M(r, c);
  return M.sum();
}
// The constructor's heap bytes with its arguments: 4 r c.
// CHECK-STATIC: matrix_total memory.heap_bytes ~= 4*r*c ; memory.stack_bytes == 32

std::vector<float> relu_copy(const std::vector<float> &x) {
  std::vector<float> y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = x[i] > 0.0f ? x[i] : 0.0f;
  return y;
}
// Trip count x.size() (element access and size() are not calls). Heap
// 4 x.size(); stores: zeroing 4 x.size() + y[i]; loads: x[i] in the
// condition and in the worst branch. Locals y (24 bytes) and i (8).
// CHECK-STATIC: relu_copy loops[0].trip_count == x.size() ; loops[0].confidence == exact ; complexity.big_o == O(x.size()) ; complexity.confidence == exact
// CHECK-STATIC: relu_copy memory.heap_bytes ~= 4*x.size() ; memory.heap_bytes @ {x.size(): 10} == 40 ; ops.total.store_bytes ~= 8*x.size() ; ops.total.load_bytes ~= 8*x.size() ; ops.total.int_ops ~= 2*x.size() ; ops.total.flops == 0
// CHECK-STATIC: relu_copy memory.stack_bytes == 32 ; memory.bytes_touched ~= 8*x.size()

float l2_norm_sq(const std::vector<float> &v) {
  float s = 0.0f;
  for (float e : v)
    s += e * e;
  return s;
}
// cyclomatic 1 + range-for = 2.
// CHECK-STATIC: l2_norm_sq cyclomatic == 2 ; cognitive == 1 ; max_loop_depth == 1 ; loops[0].trip_count == v.size() ; loops[0].confidence == exact ; complexity.big_o == O(v.size())
// CHECK-STATIC: l2_norm_sq ops.total.flops ~= 2*v.size() ; ops.total.load_bytes ~= 4*v.size() ; ops.total.calls == 0 ; memory.bytes_touched ~= 4*v.size()

float *make_buffer(int n) { return new float[n]; }
// CHECK-STATIC: make_buffer memory.heap_bytes ~= 4*n ; memory.heap_bytes @ {n: 256} == 1024

void apply_relu(float *x, int n) {
  auto relu = [](float v) { return v > 0.0f ? v : 0.0f; };
  for (int i = 0; i < n; ++i)
    x[i] = relu(x[i]);
}
// The lambda is a function of its own (its call operator); calling it is
// a call. Locals: relu (an empty closure, 1 byte) and i.
// CHECK-STATIC: apply_relu ops.total.calls ~= n ; ops.total.load_bytes ~= 4*n ; ops.total.store_bytes ~= 4*n ; ops.total.int_ops ~= 2*n ; complexity.big_o == O(n) ; complexity.confidence == exact ; memory.stack_bytes == 5
// CHECK-STATIC: /apply_relu.*operator\(\)/ len(params) == 1 ; params[0] == v ; cyclomatic == 2 ; statements == 1 ; ops.self.flops == 0 ; ops.self.calls == 0 ; recursive == false ; complexity.big_o == O(1)

void saxpy_lambda(float *y, const float *x, float a, int n) {
  auto f = [a](float xi, float yi) { return a * xi + yi; };
  for (int i = 0; i < n; ++i)
    y[i] = f(x[i], y[i]);
}
// The flops are in the lambda: total 2n, self 0. Locals f (4) and i (4).
// CHECK-STATIC: saxpy_lambda ops.self.flops == 0 ; ops.total.fmul ~= n ; ops.total.fadd ~= n ; ops.total.flops ~= 2*n ; ops.total.calls ~= n ; memory.stack_bytes == 8
// CHECK-STATIC: /saxpy_lambda.*operator\(\)/ ops.self.flops == 2 ; len(params) == 2

/* Blocked product with a symbolic block size and std::min bounds. */
void matmul_blocked(const float *A, const float *B, float *C, int n, int bs) {
  for (int ii = 0; ii < n; ii += bs)
    for (int jj = 0; jj < n; jj += bs)
      for (int pp = 0; pp < n; pp += bs)
        for (int i = ii; i < std::min(ii + bs, n); ++i)
          for (int j = jj; j < std::min(jj + bs, n); ++j)
            for (int p = pp; p < std::min(pp + bs, n); ++p)
              C[i * n + j] += A[i * n + p] * B[p * n + j];
}
// Block loops: ceil(n / bs), exact; point loops: at most bs. When bs
// divides n the bound is exact: 2 n^3 flops (n = 64, bs = 16: 524288).
// CHECK-STATIC: matmul_blocked loops[0].trip_count ~= (n + bs - 1) / bs ; loops[0].confidence == exact ; loops[3].trip_count == bs ; loops[3].confidence == upper_bound ; loops[5].trip_count == bs ; loops[5].confidence == upper_bound
// CHECK-STATIC: matmul_blocked complexity.confidence == upper_bound ; ops.total.flops @ {n: 64, bs: 16} == 524288 ; memory.bytes_touched @ {n: 64, bs: 16} == 49152

/* The same with a constant block: only std::min is left to understand. */
void matmul_blocked32(const float *A, const float *B, float *C, int n) {
  for (int ii = 0; ii < n; ii += 32)
    for (int jj = 0; jj < n; jj += 32)
      for (int pp = 0; pp < n; pp += 32)
        for (int i = ii; i < std::min(ii + 32, n); ++i)
          for (int j = jj; j < std::min(jj + 32, n); ++j)
            for (int p = pp; p < std::min(pp + 32, n); ++p)
              C[i * n + j] += A[i * n + p] * B[p * n + j];
}
// As matmul.c's matmul_tiled: block loops (n + 31) / 32 exact, point
// loops at most 32; 2 n^3 flops when 32 divides n. C[i*n+j] += ... loads
// C, A, B: 12 bytes per iteration (n = 64: 3145728).
// CHECK-STATIC: matmul_blocked32 loops[0].trip_count ~= (n + 31) / 32 ; loops[0].confidence == exact ; loops[3].trip_count == 32 ; loops[3].confidence == upper_bound ; loops[5].trip_count == 32 ; loops[5].confidence == upper_bound
// CHECK-STATIC: matmul_blocked32 complexity.big_o == O(n^3) ; complexity.confidence == upper_bound ; ops.total.flops @ {n: 64} == 524288 ; ops.total.load_bytes @ {n: 64} == 3145728 ; memory.bytes_touched @ {n: 64} == 49152
