// Direct 2-D convolution, NCHW, valid padding, stride 1: the output is
// (h - kh + 1) x (w - kw + 1), computed into locals first.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

void conv2d(const float *in, const float *wt, float *out, int n, int c_in,
            int h, int w, int c_out, int kh, int kw) {
  const int oh = h - kh + 1, ow = w - kw + 1;
  for (int b = 0; b < n; ++b)
    for (int co = 0; co < c_out; ++co)
      for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
          float acc = 0.0f;
          for (int ci = 0; ci < c_in; ++ci)
            for (int ky = 0; ky < kh; ++ky)
              for (int kx = 0; kx < kw; ++kx)
                acc += in[((b * c_in + ci) * h + y + ky) * w + x + kx] *
                       wt[((co * c_in + ci) * kh + ky) * kw + kx];
          out[((b * c_out + co) * oh + y) * ow + x] = acc;
        }
}
// With OH = h-kh+1, OW = w-kw+1, P = n*c_out*OH*OW (outputs) and
// I = P*c_in*kh*kw (MACs):
//   iterations n + n*c_out + n*c_out*OH + P + P*c_in + P*c_in*kh + I
//   flops 2I; loads 8I; stores 4P
//   int ops 4 (oh, ow) + 2 per iteration of every loop + 8 (in index)
//   and 6 (wt index) per MAC + 6 per output (out index)
//   footprint: in n*c_in*h*w (y+ky spans 0..h-1), wt c_out*c_in*kh*kw,
//   out P floats. Locals: oh ow b co y x acc ci ky kx = 40 bytes.
// At {n: 1, c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2}: OH 3, OW 5,
// P 45, I 540.
// CHECK-STATIC: conv2d len(params) == 10 ; max_loop_depth == 7 ; cyclomatic == 8 ; cognitive == 28
// CHECK-STATIC: conv2d loops[0].trip_count == n ; loops[2].trip_count @ {h: 40} ~= h - kh + 1 ; loops[2].confidence == exact ; loops[3].trip_count @ {w: 40} ~= w - kw + 1 ; loops[3].confidence == exact ; loops[6].trip_count == kw ; loops[6].depth == 7
// CHECK-STATIC: conv2d complexity.big_o == O(n*c_in*h*w*c_out*kh*kw) ; complexity.confidence == exact
// CHECK-STATIC: conv2d ops.total.flops @ {h: 40, w: 40} ~= 2*n*c_out*(h - kh + 1)*(w - kw + 1)*c_in*kh*kw ; ops.total.flops @ {n: 1, c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2} == 1080
// CHECK-STATIC: conv2d ops.total.iterations @ {n: 1, c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2} == 958 ; ops.total.int_ops @ {n: 1, c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2} == 9750
// CHECK-STATIC: conv2d ops.total.load_bytes @ {n: 1, c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2} == 4320 ; ops.total.store_bytes @ {n: 1, c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2} == 180
// CHECK-STATIC: conv2d ops.total.store_bytes @ {h: 40, w: 40} ~= 4*n*c_out*(h - kh + 1)*(w - kw + 1)
// CHECK-STATIC: conv2d memory.stack_bytes == 40 ; memory.bytes_touched @ {n: 1, c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2} == 564
// CHECK-STATIC: conv2d memory.bytes_touched @ {h: 40, w: 40} ~= 4*n*c_in*h*w + 4*c_out*c_in*kh*kw + 4*n*c_out*(h - kh + 1)*(w - kw + 1)

/* The same convolution as im2col + a matrix product (one image): the
   product's size arguments are products of differences. */
void gemm_nn(const float *A, const float *B, float *C, int m, int n, int k) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      float acc = 0.0f;
      for (int p = 0; p < k; ++p)
        acc += A[i * k + p] * B[p * n + j];
      C[i * n + j] = acc;
    }
}

void conv_gemm(const float *wt, const float *cols, float *out, int c_in,
               int h, int w, int c_out, int kh, int kw) {
  gemm_nn(wt, cols, out, c_out, (h - kh + 1) * (w - kw + 1), c_in * kh * kw);
}
// gemm_nn: 2 m n k flops. conv_gemm: with n = (h-kh+1)(w-kw+1) and
// k = c_in kh kw: 2 c_out (h-kh+1)(w-kw+1) c_in kh kw flops; its growth is
// that of the leading terms, c_out h w c_in kh kw (no kh^2 kw^2 cross term:
// the arguments are taken by their leading terms as they are built).
// CHECK-STATIC: gemm_nn complexity.big_o == O(m*n*k) ; ops.total.flops ~= 2*m*n*k
// CHECK-STATIC: conv_gemm complexity.big_o == O(c_in*h*w*c_out*kh*kw) ; complexity.confidence == exact
// CHECK-STATIC: conv_gemm ops.total.flops ~= 2*c_out*(h - kh + 1)*(w - kw + 1)*c_in*kh*kw ; ops.total.flops @ {c_in: 2, h: 5, w: 6, c_out: 3, kh: 3, kw: 2} == 1080
