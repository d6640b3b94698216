//===- Distances.cpp - Distances from one query to every training row -----===//
#include "Distances.h"

#include <cstddef>

void squaredDistances(const float *Query, const float *Train, int Rows,
                      int Cols, float *Out) {
  for (int R = 0; R < Rows; ++R) {
    const float *Row = Train + static_cast<size_t>(R) * Cols;
    float Sum = 0.0F;
    for (int C = 0; C < Cols; ++C) {
      float D = Query[C] - Row[C];
      Sum += D * D;
    }
    Out[R] = Sum;
  }
}
