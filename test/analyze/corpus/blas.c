// A dense layer through cblas_sgemm (built-in cost 2*M*N*K flops), and a
// layer calling a kernel whose body is nowhere in the build (unknown).
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

/* The prototype as in cblas.h, declared here: no BLAS needed to parse. */
enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 };
enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112, CblasConjTrans = 113 };
void cblas_sgemm(const enum CBLAS_ORDER Order,
                 const enum CBLAS_TRANSPOSE TransA,
                 const enum CBLAS_TRANSPOSE TransB, const int M, const int N,
                 const int K, const float alpha, const float *A,
                 const int lda, const float *B, const int ldb,
                 const float beta, float *C, const int ldc);

/* y = x W^T + b: x is batch x n_in, W is n_out x n_in, y is batch x n_out. */
void dense_forward(const float *x, const float *W, const float *b, float *y,
                   int batch, int n_in, int n_out) {
  for (int r = 0; r < batch; ++r)
    for (int c = 0; c < n_out; ++c)
      y[r * n_out + c] = b[c];
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, batch, n_out, n_in,
              1.0f, x, n_in, W, n_in, 1.0f, y, n_out);
}
// sgemm(M = batch, N = n_out, K = n_in): fmul and fadd batch*n_out*n_in
// each, a built-in library cost, so in self as well as total. The bias
// loop: int ops 2 batch + 2 batch n_out + 2 batch n_out (index), loads and
// stores 4 batch n_out. Calls 1.
// CHECK-STATIC: dense_forward ops.total.flops ~= 2*batch*n_out*n_in ; ops.total.fmul ~= batch*n_out*n_in ; ops.total.fadd ~= batch*n_out*n_in ; ops.total.calls == 1
// CHECK-STATIC: dense_forward ops.self.flops ~= 2*batch*n_out*n_in ; ops.self.calls == 1
// CHECK-STATIC: dense_forward ops.total.flops @ {batch: 32, n_in: 784, n_out: 128} == 6422528
// CHECK-STATIC: dense_forward ops.total.int_ops ~= 2*batch + 4*batch*n_out ; ops.self.load_bytes @ {batch: 2, n_out: 3, n_in: 4} >= 24 ; ops.self.store_bytes @ {batch: 2, n_out: 3, n_in: 4} >= 24
// CHECK-STATIC: dense_forward complexity.big_o == O(batch*n_in*n_out) ; complexity.confidence == exact ; len(ops.total.uncounted) == 0
// CHECK-STATIC: dense_forward memory.bytes_touched @ {batch: 2, n_in: 4, n_out: 3} >= 36 ; memory.stack_bytes == 8

/* Defined in another library (a .cu file, say): no body, no built-in. */
void custom_gelu_kernel(float *x, int n);

void gelu_layer(float *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] *= 0.5f;
  custom_gelu_kernel(x, n);
}
// CHECK-STATIC: gelu_layer loops[0].trip_count == n ; loops[0].confidence == exact ; complexity.big_o == null ; complexity.confidence == unknown
// CHECK-STATIC: gelu_layer ops.total.uncounted contains custom_gelu_kernel ; ops.self.fmul ~= n
// Declarations without bodies are not listed.
// CHECK-STATIC-NOT: custom_gelu_kernel
// CHECK-STATIC-NOT: cblas_sgemm

/* Convolution as one sgemm over im2col columns: N is a product of
   differences. */
void conv_sgemm(const float *wt, const float *cols, float *out, int c_in,
                int h, int w, int c_out, int kh, int kw) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, c_out,
              (h - kh + 1) * (w - kw + 1), c_in * kh * kw, 1.0f, wt,
              c_in * kh * kw, cols, (h - kh + 1) * (w - kw + 1), 0.0f, out,
              (h - kh + 1) * (w - kw + 1));
}
// 2 c_out (h-kh+1)(w-kw+1) c_in kh kw flops; it grows as the leading
// terms of the arguments, c_out h w c_in kh kw, as for a user callee.
// CHECK-STATIC: conv_sgemm complexity.big_o == O(c_in*h*w*c_out*kh*kw) ; complexity.confidence == exact
// CHECK-STATIC: conv_sgemm ops.total.flops @ {c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2} == 1080
