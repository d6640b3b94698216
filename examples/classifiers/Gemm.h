//===- Gemm.h - Matrix products of the gradient-trained models ------------===//
//
// BLAS-like products on row-major matrices, kept out of line (in Gemm.cpp)
// so that a profile shows each as a function of its own. The dense products
// compute
//
//   C[M x N] = Alpha * op(A)[M x K] * op(B)[K x N] + Beta * C
//
// where op(A) is A (M x K, row I at A + I * Lda) or, with TransA, the
// transpose of A (K x M, row P at A + P * Lda); op(B) likewise. With Beta ==
// 0, C is only written, never read (as BLAS does), so it may hold anything.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_EXAMPLES_CLASSIFIERS_GEMM_H
#define FRUGAL_EXAMPLES_CLASSIFIERS_GEMM_H

#include <cstdint>

// The plain triple loop, one dot product per element of C: the kernel as a
// first version is often written.
void gemmNaive(bool TransA, bool TransB, int M, int N, int K, float Alpha,
               const float *A, int Lda, const float *B, int Ldb, float Beta,
               float *C, int Ldc);

// The same product in Block x Block tiles: each tile of op(B) is copied into
// a contiguous buffer, and the innermost loop runs along a row of C, which
// the compiler vectorizes. Every element of C sums its K products in the
// same order as gemmNaive, so the two give bit-identical results. Block >=
// 1.
void gemmBlocked(bool TransA, bool TransB, int M, int N, int K, float Alpha,
                 const float *A, int Lda, const float *B, int Ldb, float Beta,
                 float *C, int Ldc, int Block);

// C[M x N] = A[M x K] * B[N x K]^T in integers: int8 inputs, int32
// accumulation (exact for K < 2^17). B holds one row per output unit, as a
// quantized layer stores its weights.
void gemmInt8(int M, int N, int K, const int8_t *A, int Lda, const int8_t *B,
              int Ldb, int32_t *C, int Ldc);

// C[M x N] = A[M x K] * W^T, W an N x K matrix in compressed sparse rows:
// the non-zeros of row J are Values[RowStart[J] .. RowStart[J + 1]), in
// columns Columns[...] (so a row is one output unit of a pruned layer).
void spmmCsr(int M, int N, const float *A, int Lda, const int *RowStart,
             const int *Columns, const float *Values, float *C, int Ldc);

#endif // FRUGAL_EXAMPLES_CLASSIFIERS_GEMM_H
