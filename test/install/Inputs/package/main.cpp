// Calls the library's kernel from a loop, in a region (frugal.h from the
// installed headers).
#include <frugal/frugal.h>

#include <cstdio>
#include <vector>

extern "C" float dot(const float *A, const float *B, int N);

static float repeat(const std::vector<float> &V, int Times) {
  float Sum = 0;
  for (int I = 0; I < Times; ++I)
    Sum += dot(V.data(), V.data(), static_cast<int>(V.size()));
  return Sum;
}

int main() {
  std::vector<float> V(256, 0.5F);
  frugal::Region R("work");
  std::printf("sum %.1f\n", repeat(V, 100));
  return 0;
}
