//===- Ops.h - The operations of a decoder-only transformer -----*- C++ -*-===//
//
// One function per operation, in a file of its own, so that each one stays
// a function of its own at -O2 (no inlining across files without LTO) and
// shows as such in a profile. Every matrix is row-major, Rows x Cols, with
// rows Cols apart. Loops run `for (int I = 0; I < N; ++I)` over the
// parameters, so that `frugal analyze` can count their iterations.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_BENCH_TRANSFORMER_OPS_H
#define FRUGAL_BENCH_TRANSFORMER_OPS_H

// Y (Rows x Out) = X (Rows x In) * W (In x Out) + Bias (Out). W is stored
// input-major, so the inner loop runs along a row of W and of Y: the
// compiler vectorizes it without reordering any sum.
void matmul(const float *X, int Rows, int In, const float *W, int Out,
            const float *Bias, float *Y);

// Each row of X (Rows x Cols) normalized to mean 0 and variance 1, then
// scaled by Gamma and shifted by Beta, into Y.
void layerNorm(const float *X, int Rows, int Cols, const float *Gamma,
               const float *Beta, float *Y);

// V[I] = GELU(V[I]) (the tanh approximation) for N values.
void gelu(float *V, int N);

// Y[I] += X[I] for N values: a residual connection.
void addInPlace(float *Y, const float *X, int N);

// Scores[J] = Scale * (Q . K[J]) for the Keys rows of K, Dim values each,
// rows Stride apart (one head of the key cache).
void attentionScores(const float *Q, const float *K, int Keys, int Dim,
                     int Stride, float Scale, float *Scores);

// The N values of V turned into probabilities, in place.
void softmax(float *V, int N);

// Out (Dim) = the sum over J of Weights[J] * V[J], for the Keys rows of V,
// rows Stride apart (one head of the value cache).
void attentionMix(const float *Weights, const float *V, int Keys, int Dim,
                  int Stride, float *Out);

// The index of the largest of the N values (the first, on a tie).
int argmax(const float *V, int N);

#endif // FRUGAL_BENCH_TRANSFORMER_OPS_H
