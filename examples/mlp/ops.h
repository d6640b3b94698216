//===- ops.h - Dense-layer kernels of the MLP -----------------------------===//
#ifndef FRUGAL_EXAMPLES_MLP_OPS_H
#define FRUGAL_EXAMPLES_MLP_OPS_H

// Y[M x N] = X[M x K] * W[K x N] + B[N].
void denseForward(const float *X, const float *W, const float *B, float *Y,
                  int M, int K, int N);
void reluInPlace(float *V, int N);
// Row-wise softmax in place; returns the mean cross-entropy against Labels.
float softmaxCrossEntropy(float *Logits, const int *Labels, int M, int N);
// Gradients of a dense layer: dW = X^T dY, dB = sum(dY), dX = dY W^T (when
// DX is not null).
void denseBackward(const float *X, const float *W, const float *DY, float *DW,
                   float *DB, float *DX, int M, int K, int N);
void sgdUpdate(float *W, const float *G, int N, float LearningRate);

#endif
