#include "mini/layers.h"

namespace mini {
namespace {

float dotRow(const float *a, const float *b, int n) {
  float sum = 0;
  for (int i = 0; i < n; ++i)
    sum += a[i] * b[i];
  return sum;
}

} // namespace
} // namespace mini

int mini_dense_forward(const mini_matrix *in, const mini_matrix *weights,
                       const float *bias, mini_matrix *out) {
  if (in->cols != weights->cols || out->rows != in->rows ||
      out->cols != weights->rows)
    return -1;
  // Each row of the batch is computed by one thread: the result does not
  // depend on the number of threads.
#pragma omp parallel for schedule(static)
  for (int r = 0; r < in->rows; ++r) {
    const float *row = in->data + (long)r * in->cols;
    float *result = out->data + (long)r * out->cols;
    for (int o = 0; o < weights->rows; ++o)
      result[o] =
          mini::dotRow(row, weights->data + (long)o * weights->cols, in->cols) +
          bias[o];
  }
  return 0;
}
