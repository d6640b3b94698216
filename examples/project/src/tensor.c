#include "mini/tensor.h"

#include <stdlib.h>

mini_matrix *mini_matrix_new(int rows, int cols) {
  mini_matrix *m = malloc(sizeof *m);
  if (!m)
    return NULL;
  m->rows = rows;
  m->cols = cols;
  m->data = calloc((size_t)rows * (size_t)cols, sizeof *m->data);
  if (!m->data) {
    free(m);
    return NULL;
  }
  return m;
}

void mini_matrix_free(mini_matrix *m) {
  if (m)
    free(m->data);
  free(m);
}

void mini_matrix_fill(mini_matrix *m, unsigned seed) {
  /* A 32-bit linear congruential generator: the same values everywhere,
   * unlike rand(). */
  unsigned state = seed * 2654435761u + 1u;
  long n = (long)m->rows * m->cols;
  for (long i = 0; i < n; ++i) {
    state = state * 1664525u + 1013904223u;
    m->data[i] = (float)(state >> 8) / (float)(1u << 23) - 1.0f;
  }
}

double mini_matrix_sum(const mini_matrix *m) {
  double sum = 0;
  long n = (long)m->rows * m->cols;
  for (long i = 0; i < n; ++i)
    sum += m->data[i];
  return sum;
}
