//===- DecisionTree.cpp - CART with Gini impurity -------------------------===//
//
// Grows a binary tree top-down. At each node every feature is tried: the
// node's samples are sorted by that feature and scanned once, moving one
// sample at a time from the right side to the left, so every threshold
// between two distinct values is scored in O(1) from running class counts.
// The split kept minimises the children's weighted Gini impurity; a node
// becomes a leaf at MaxDepth, when it is pure, or when no split leaves
// MinSamplesLeaf samples on both sides and lowers the impurity.
//
// Cost per tree level: O(Cols * N log N) for N training samples.
//
//===----------------------------------------------------------------------===//
#include "Models.h"

#include <algorithm>
#include <utility>

namespace {

struct Node {
  int Feature = -1;       // -1: a leaf.
  float Threshold = 0.0F; // Samples with X[Feature] <= Threshold go left.
  int Left = -1;
  int Right = -1;
  int Label = 0; // The majority class of the node's training samples.
};

struct ValueLabel {
  float Value;
  int Label;
};

struct Split {
  int Feature = -1;
  float Threshold = 0.0F;
  // Sum over both children of sum_c count_c^2 / size: the larger, the lower
  // the weighted Gini impurity size * (1 - sum_c (count_c / size)^2).
  double Purity = 0.0;
};

// Counts[C] = the samples of class C among Y[Index[0..N)].
void classCounts(const int *Y, const int *Index, int N, int Classes,
                 int *Counts) {
  for (int C = 0; C < Classes; ++C)
    Counts[C] = 0;
  for (int I = 0; I < N; ++I)
    ++Counts[Y[Index[I]]];
}

// The best threshold on Feature for the samples Index[0..N) of X (rows of
// Cols), improving on Best.Purity; Best is left as it is when none does.
// Sorted and Left/RightCounts are scratch space of N and Classes entries.
void bestThreshold(const float *X, const int *Y, const int *Index, int N,
                   int Cols, int Feature, int Classes, int MinLeaf,
                   ValueLabel *Sorted, int *LeftCounts, int *RightCounts,
                   Split &Best) {
  for (int I = 0; I < N; ++I)
    Sorted[I] = {X[static_cast<size_t>(Index[I]) * Cols + Feature],
                 Y[Index[I]]};
  std::sort(Sorted, Sorted + N, [](const ValueLabel &A, const ValueLabel &B) {
    return A.Value < B.Value;
  });
  // Running sums of squared class counts on each side.
  double LeftSquares = 0.0;
  double RightSquares = 0.0;
  for (int C = 0; C < Classes; ++C) {
    LeftCounts[C] = 0;
    RightCounts[C] = 0;
  }
  for (int I = 0; I < N; ++I)
    ++RightCounts[Sorted[I].Label];
  for (int C = 0; C < Classes; ++C)
    RightSquares += static_cast<double>(RightCounts[C]) * RightCounts[C];
  for (int I = 0; I + 1 < N; ++I) {
    int C = Sorted[I].Label;
    LeftSquares += 2.0 * LeftCounts[C] + 1.0;
    RightSquares -= 2.0 * RightCounts[C] - 1.0;
    ++LeftCounts[C];
    --RightCounts[C];
    int LeftSize = I + 1;
    if (Sorted[I].Value == Sorted[I + 1].Value || LeftSize < MinLeaf ||
        N - LeftSize < MinLeaf)
      continue;
    double Purity = LeftSquares / LeftSize + RightSquares / (N - LeftSize);
    if (Purity <= Best.Purity)
      continue;
    // Halfway between the two values, unless rounding puts it on the upper
    // one (adjacent floats).
    float Low = Sorted[I].Value;
    float High = Sorted[I + 1].Value;
    float Mid = Low + (High - Low) / 2.0F;
    Best = {Feature, Mid < High ? Mid : Low, Purity};
  }
}

class DecisionTree : public Classifier {
public:
  explicit DecisionTree(const HyperParameters &H)
      : MaxDepth(H.MaxDepth), MinSamplesLeaf(std::max(1, H.MinSamplesLeaf)) {}

  void train(const Dataset &Train) override {
    Nodes.clear();
    Depth = 0;
    Cols = Train.Cols;
    std::vector<int> Index(Train.Rows);
    for (int I = 0; I < Train.Rows; ++I)
      Index[I] = I;
    Scratch.resize(Train.Rows);
    LeftCounts.resize(Train.Classes);
    RightCounts.resize(Train.Classes);
    grow(Train, Index.data(), Train.Rows, 0);
  }

  void predict(const float *X, int Rows, int *Labels) const override {
    for (int I = 0; I < Rows; ++I)
      Labels[I] = walk(Nodes.data(), X + static_cast<size_t>(I) * Cols, Depth);
  }

  size_t modelBytes() const override { return Nodes.size() * sizeof(Node); }

private:
  // The leaf Sample reaches from the root: at most Depth steps.
  static int walk(const Node *Nodes, const float *Sample, int Depth) {
    int N = 0;
    for (int Level = 0; Level < Depth && Nodes[N].Feature >= 0; ++Level)
      N = Sample[Nodes[N].Feature] <= Nodes[N].Threshold ? Nodes[N].Left
                                                         : Nodes[N].Right;
    return Nodes[N].Label;
  }

  // Adds the subtree of the samples Index[0..N) at Level; returns its root.
  // Reorders Index.
  int grow(const Dataset &D, int *Index, int N, int Level) {
    int Id = static_cast<int>(Nodes.size());
    Nodes.emplace_back();
    Depth = std::max(Depth, Level);
    classCounts(D.Y.data(), Index, N, D.Classes, LeftCounts.data());
    double Squares = 0.0;
    for (int C = 0; C < D.Classes; ++C) {
      Squares += static_cast<double>(LeftCounts[C]) * LeftCounts[C];
      if (LeftCounts[C] > LeftCounts[Nodes[Id].Label])
        Nodes[Id].Label = C;
    }
    if (Level >= MaxDepth || LeftCounts[Nodes[Id].Label] == N)
      return Id;

    // A split must beat the node itself (plus a margin for rounding).
    Split Best;
    Best.Purity = Squares / N + 1e-9;
    for (int F = 0; F < D.Cols; ++F)
      bestThreshold(D.X.data(), D.Y.data(), Index, N, D.Cols, F, D.Classes,
                    MinSamplesLeaf, Scratch.data(), LeftCounts.data(),
                    RightCounts.data(), Best);
    if (Best.Feature < 0)
      return Id;

    const float *X = D.X.data();
    int *Middle = std::partition(Index, Index + N, [&](int Row) {
      return X[static_cast<size_t>(Row) * D.Cols + Best.Feature] <=
             Best.Threshold;
    });
    int LeftSize = static_cast<int>(Middle - Index);
    int Left = grow(D, Index, LeftSize, Level + 1);
    int Right = grow(D, Middle, N - LeftSize, Level + 1);
    Node &Parent = Nodes[Id]; // After the calls: they grow Nodes.
    Parent.Feature = Best.Feature;
    Parent.Threshold = Best.Threshold;
    Parent.Left = Left;
    Parent.Right = Right;
    return Id;
  }

  int MaxDepth;
  int MinSamplesLeaf;
  int Cols = 0;
  int Depth = 0; // Of the deepest leaf.
  std::vector<Node> Nodes;
  std::vector<ValueLabel> Scratch;
  std::vector<int> LeftCounts;
  std::vector<int> RightCounts;
};

} // namespace

std::unique_ptr<Classifier> makeDecisionTree(const HyperParameters &H) {
  return std::make_unique<DecisionTree>(H);
}
