/* mini's tensors: dense row-major float matrices (the static library
 * libminitensor). */
#ifndef MINI_TENSOR_H
#define MINI_TENSOR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int rows;
  int cols;
  float *data;
} mini_matrix;

/* NULL when out of memory. */
mini_matrix *mini_matrix_new(int rows, int cols);
void mini_matrix_free(mini_matrix *m);
/* Deterministic values in [-1, 1) from a seed (the same on every platform). */
void mini_matrix_fill(mini_matrix *m, unsigned seed);
/* Sum of all elements, in double, in row-major order. */
double mini_matrix_sum(const mini_matrix *m);

#ifdef __cplusplus
}
#endif

#endif
