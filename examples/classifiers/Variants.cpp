//===- Variants.cpp - The model variants by name --------------------------===//
#include "Classifier.h"
#include "Models.h"

namespace {
struct Entry {
  VariantInfo Info;
  std::unique_ptr<Classifier> (*Make)(const HyperParameters &);
};

const std::vector<Entry> &entries() {
  static const std::vector<Entry> Entries = {
      {{"logreg", "softmax (multinomial logistic) regression, SGD"},
       makeLogisticRegression},
      {{"mlp", "MLP, fp32, naive matrix product"}, makeMlpNaive},
      {{"mlp-blocked", "MLP, fp32, cache-blocked matrix product"},
       makeMlpBlocked},
      {{"mlp-int8", "MLP, int8 post-training quantization for inference"},
       makeMlpInt8},
      {{"mlp-pruned", "MLP, magnitude-pruned, sparse (CSR) inference"},
       makeMlpPruned},
      {{"tree", "decision tree (CART, Gini)"}, makeDecisionTree},
      {{"knn", "k-nearest neighbours, brute force"}, makeKnn},
      {{"naive-bayes", "Gaussian naive Bayes"}, makeGaussianNaiveBayes},
  };
  return Entries;
}
} // namespace

const std::vector<VariantInfo> &variants() {
  static const std::vector<VariantInfo> Infos = [] {
    std::vector<VariantInfo> V;
    for (const Entry &E : entries())
      V.push_back(E.Info);
    return V;
  }();
  return Infos;
}

std::unique_ptr<Classifier> makeClassifier(const std::string &Name,
                                           const HyperParameters &H) {
  for (const Entry &E : entries())
    if (Name == E.Info.Name)
      return E.Make(H);
  return nullptr;
}
