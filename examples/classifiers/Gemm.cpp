//===- Gemm.cpp - Matrix products of the gradient-trained models ----------===//
//
// Loops are written `for (int I = 0; I < M; ++I)` over the parameters, so
// that `frugal analyze` can count their iterations and flops.
//
//===----------------------------------------------------------------------===//
#include "Gemm.h"

#include <algorithm>
#include <cstddef>
#include <vector>

void gemmNaive(bool TransA, bool TransB, int M, int N, int K, float Alpha,
               const float *A, int Lda, const float *B, int Ldb, float Beta,
               float *C, int Ldc) {
  // Element (I, P) of op(A) is A[I * ARow + P * ACol]; op(B) likewise.
  const std::ptrdiff_t ARow = TransA ? 1 : Lda, ACol = TransA ? Lda : 1;
  const std::ptrdiff_t BRow = TransB ? 1 : Ldb, BCol = TransB ? Ldb : 1;
  for (int I = 0; I < M; ++I) {
    for (int J = 0; J < N; ++J) {
      float Acc = 0.0F;
      for (int P = 0; P < K; ++P)
        Acc += A[I * ARow + P * ACol] * B[P * BRow + J * BCol];
      float &Out = C[static_cast<std::ptrdiff_t>(I) * Ldc + J];
      Out = Beta == 0.0F ? Alpha * Acc : Alpha * Acc + Beta * Out;
    }
  }
}

void gemmBlocked(bool TransA, bool TransB, int M, int N, int K, float Alpha,
                 const float *A, int Lda, const float *B, int Ldb, float Beta,
                 float *C, int Ldc, int Block) {
  const std::ptrdiff_t ARow = TransA ? 1 : Lda, ACol = TransA ? Lda : 1;
  const std::ptrdiff_t BRow = TransB ? 1 : Ldb, BCol = TransB ? Ldb : 1;
  // One tile of op(B), row-major, and the sums of one tile of C. Tiles at
  // the edges are smaller: the min() in the loops' conditions, a shape whose
  // trip counts `frugal analyze` can bound.
  std::vector<float> Packed(static_cast<std::size_t>(Block) * Block);
  std::vector<float> Sums(static_cast<std::size_t>(Block) * Block);
  for (int I0 = 0; I0 < M; I0 += Block) {
    for (int J0 = 0; J0 < N; J0 += Block) {
      for (int I = 0; I < Block * Block; ++I)
        Sums[I] = 0.0F;
      // The K tiles in ascending order: each sum adds its products in the
      // order gemmNaive does.
      for (int P0 = 0; P0 < K; P0 += Block) {
        for (int P = 0; P < std::min(Block, K - P0); ++P)
          for (int J = 0; J < std::min(Block, N - J0); ++J)
            Packed[P * Block + J] = B[(P0 + P) * BRow + (J0 + J) * BCol];
        for (int I = 0; I < std::min(Block, M - I0); ++I) {
          float *SumRow = Sums.data() + I * Block;
          for (int P = 0; P < std::min(Block, K - P0); ++P) {
            const float AV = A[(I0 + I) * ARow + (P0 + P) * ACol];
            const float *PackedRow = Packed.data() + P * Block;
            for (int J = 0; J < std::min(Block, N - J0); ++J)
              SumRow[J] += AV * PackedRow[J];
          }
        }
      }
      for (int I = 0; I < std::min(Block, M - I0); ++I) {
        for (int J = 0; J < std::min(Block, N - J0); ++J) {
          const float Acc = Sums[I * Block + J];
          float &Out = C[static_cast<std::ptrdiff_t>(I0 + I) * Ldc + J0 + J];
          Out = Beta == 0.0F ? Alpha * Acc : Alpha * Acc + Beta * Out;
        }
      }
    }
  }
}

void gemmInt8(int M, int N, int K, const int8_t *A, int Lda, const int8_t *B,
              int Ldb, int32_t *C, int Ldc) {
  for (int I = 0; I < M; ++I) {
    const int8_t *ARowI = A + static_cast<std::ptrdiff_t>(I) * Lda;
    for (int J = 0; J < N; ++J) {
      const int8_t *BRowJ = B + static_cast<std::ptrdiff_t>(J) * Ldb;
      int32_t Acc = 0;
      // With 16 lanes the compiler multiplies the values as 16-bit integers
      // and adds adjacent products into 32-bit sums in one instruction
      // (SSE2's pmaddwd); the 4 lanes its cost model picks run at about
      // half that speed.
#ifdef __clang__
#pragma clang loop vectorize_width(16)
#endif
      for (int P = 0; P < K; ++P)
        Acc += static_cast<int16_t>(ARowI[P]) * static_cast<int16_t>(BRowJ[P]);
      C[static_cast<std::ptrdiff_t>(I) * Ldc + J] = Acc;
    }
  }
}

void spmmCsr(int M, int N, const float *A, int Lda, const int *RowStart,
             const int *Columns, const float *Values, float *C, int Ldc) {
  for (int I = 0; I < M; ++I) {
    const float *ARowI = A + static_cast<std::ptrdiff_t>(I) * Lda;
    for (int J = 0; J < N; ++J) {
      float Acc = 0.0F;
      for (int Q = RowStart[J]; Q < RowStart[J + 1]; ++Q)
        Acc += Values[Q] * ARowI[Columns[Q]];
      C[static_cast<std::ptrdiff_t>(I) * Ldc + J] = Acc;
    }
  }
}
