#include "kernels.h"

#include <algorithm>
#include <vector>

// Internal linkage: b.cpp has its own relu.
static float relu(float X) { return X > 0 ? X : 0; }

struct Layer {
  int Size;
  explicit Layer(int Size) : Size(Size) {}
  float forward(const float *In) const;
};

float Layer::forward(const float *In) const {
  std::vector<float> Out(In, In + Size);
  std::transform(Out.begin(), Out.end(), Out.begin(),
                 [](float V) { return relu(V); });
  return dot(Out.data(), In, Size);
}

double run(const double *X, int N, int, int) {
  auto Twice = [](double V) { return 2 * V; };
  return Twice(dot(X, X, clampIndex(N, 100)));
}
