/* mini's layers (the shared library libminilayers, parallel with OpenMP). */
#ifndef MINI_LAYERS_H
#define MINI_LAYERS_H

#include "mini/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* out = in * weights^T + bias: in is batch x inputs, weights outputs x inputs,
 * bias has outputs elements, out is batch x outputs. Rows of the batch are
 * shared out among OpenMP threads. Returns 0, or -1 on mismatched shapes. */
int mini_dense_forward(const mini_matrix *in, const mini_matrix *weights,
                       const float *bias, mini_matrix *out);

#ifdef __cplusplus
}
#endif

#endif
