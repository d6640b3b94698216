//===- Knn.cpp - Brute-force k-nearest neighbours -------------------------===//
//
// Training stores the samples; prediction computes each query's distance to
// every stored sample (squaredDistances, the hot loop), keeps the K nearest
// and takes a majority vote.
//
//===----------------------------------------------------------------------===//
#include "Distances.h"
#include "Models.h"

#include <algorithm>

namespace {

// Nearest[0..K) = the rows of the K smallest Dist[0..Rows), nearest first;
// among equal distances the lower row comes first. K <= Rows. Insertion
// into a sorted list of K: O(Rows * K) at worst, O(Rows) in practice since
// most rows are farther than the K-th so far.
void kNearest(const float *Dist, int Rows, int K, int *Nearest) {
  int Count = 0;
  for (int R = 0; R < Rows; ++R) {
    if (Count == K && Dist[R] >= Dist[Nearest[K - 1]])
      continue;
    int Pos = Count < K ? Count++ : K - 1;
    for (; Pos > 0 && Dist[Nearest[Pos - 1]] > Dist[R]; --Pos)
      Nearest[Pos] = Nearest[Pos - 1];
    Nearest[Pos] = R;
  }
}

// The class most of Nearest[0..K) have; a tie goes to the tied class with
// the nearest sample. Votes has Classes entries.
int vote(const int *Nearest, int K, const int *Labels, int Classes,
         int *Votes) {
  for (int C = 0; C < Classes; ++C)
    Votes[C] = 0;
  int Most = 0;
  for (int I = 0; I < K; ++I)
    Most = std::max(Most, ++Votes[Labels[Nearest[I]]]);
  for (int I = 0; I < K; ++I)
    if (Votes[Labels[Nearest[I]]] == Most)
      return Labels[Nearest[I]];
  return 0; // Not reached: K >= 1.
}

class Knn : public Classifier {
public:
  explicit Knn(const HyperParameters &H) : K(H.K) {}

  void train(const Dataset &Train) override {
    Samples = Train;
    // More neighbours than samples would be all of them.
    K = std::max(1, std::min(K, Samples.Rows));
  }

  void predict(const float *X, int Rows, int *Labels) const override {
    std::vector<float> Dist(Samples.Rows);
    std::vector<int> Nearest(K);
    std::vector<int> Votes(Samples.Classes);
    for (int I = 0; I < Rows; ++I) {
      squaredDistances(X + static_cast<size_t>(I) * Samples.Cols,
                       Samples.X.data(), Samples.Rows, Samples.Cols,
                       Dist.data());
      kNearest(Dist.data(), Samples.Rows, K, Nearest.data());
      Labels[I] = vote(Nearest.data(), K, Samples.Y.data(), Samples.Classes,
                       Votes.data());
    }
  }

  size_t modelBytes() const override {
    return Samples.X.size() * sizeof(float) + Samples.Y.size() * sizeof(int);
  }

private:
  int K;
  Dataset Samples;
};

} // namespace

std::unique_ptr<Classifier> makeKnn(const HyperParameters &H) {
  return std::make_unique<Knn>(H);
}
