// Macros: loops, indexing and whole functions written with macros are
// analysed as expanded; a function's line is where its name is spelled.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

#define IDX(i, j, ld) ((i) * (ld) + (j))
#define FOR(i, n) for (int i = 0; i < (n); ++i)
#define RELU(x) ((x) > 0.0f ? (x) : 0.0f)

void relu_matrix(float *A, int rows, int cols) {
  FOR(r, rows)
  FOR(c, cols)
  A[IDX(r, c, cols)] = RELU(A[IDX(r, c, cols)]);
}
// Expanded: two loops; RELU's operand is read in the condition and in the
// worst branch (8 bytes loaded), each IDX is 2 int ops and appears three
// times: int ops 2 rows + 2 rows cols + 6 rows cols.
// cyclomatic 1 + 2 for + ?: = 4.
// CHECK-STATIC: relu_matrix cognitive == 6 ; len(loops) == 2 ; loops[0].trip_count == rows ; loops[1].trip_count == cols ; loops[1].confidence == exact ; complexity.big_o == O(rows*cols) ; max_loop_depth == 2 ; cyclomatic == 4
// CHECK-STATIC: relu_matrix ops.total.load_bytes ~= 8*rows*cols ; ops.total.store_bytes ~= 4*rows*cols ; ops.total.int_ops ~= 2*rows + 8*rows*cols ; ops.total.flops == 0 ; memory.bytes_touched ~= 4*rows*cols

#define DEFINE_SCALE(T, name)                                                 \
  void name(T *x, int n, T s) {                                               \
    for (int i = 0; i < n; ++i)                                               \
      x[i] *= s;                                                              \
  }
DEFINE_SCALE(float, scale_f32)
DEFINE_SCALE(double, scale_f64)
// CHECK-STATIC: scale_f32 line == 29 ; loops[0].trip_count == n ; ops.total.fmul ~= n ; ops.total.load_bytes ~= 4*n ; ops.total.store_bytes ~= 4*n
// CHECK-STATIC: scale_f64 line == 30 ; ops.total.fmul ~= n ; ops.total.load_bytes ~= 8*n ; ops.total.store_bytes ~= 8*n ; memory.bytes_touched ~= 8*n

/* GNU style: the name is on the line after the return type. */
static inline float
squared_norm(const float *v, int n)
{
  float s = 0.0f;
  FOR(i, n) s += v[i] * v[i];
  return s;
}
// CHECK-STATIC: squared_norm line == 36 ; loops[0].trip_count == n ; ops.total.flops ~= 2*n

float use_norm(const float *v, int n) { return squared_norm(v, n); }
// CHECK-STATIC: use_norm ops.total.flops ~= 2*n ; ops.total.calls == 1 ; complexity.big_o == O(n)
