//===- main.cpp - Train and evaluate a tiny MLP ---------------------------===//
//
// Ordinary ML code, with no frugal calls inside the model: frugal instruments
// it at compile time. The driver marks the training and inference phases as
// regions, so the profile reports them separately (the header's functions
// are no-ops when the program is built without frugal).
//
// Task: classify points of a deterministic synthetic data set (Gaussian blobs,
// one per class) with a one-hidden-layer MLP (ReLU, softmax, cross-entropy).
//
// Usage: mlp [--samples N] [--features F] [--classes C] [--hidden H]
//            [--epochs E] [--batch B] [--lr LR] [--seed S]
//
//===----------------------------------------------------------------------===//
#include "model.h"

#include <frugal/frugal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

bool parseOptions(int Argc, char **Argv, Options &O) {
  for (int I = 1; I < Argc; ++I) {
    std::string Arg = Argv[I];
    if (I + 1 >= Argc) {
      std::fprintf(stderr, "mlp: %s needs a value\n", Arg.c_str());
      return false;
    }
    const char *Value = Argv[++I];
    if (Arg == "--samples")
      O.Samples = std::atoi(Value);
    else if (Arg == "--features")
      O.Features = std::atoi(Value);
    else if (Arg == "--classes")
      O.Classes = std::atoi(Value);
    else if (Arg == "--hidden")
      O.Hidden = std::atoi(Value);
    else if (Arg == "--epochs")
      O.Epochs = std::atoi(Value);
    else if (Arg == "--batch")
      O.Batch = std::atoi(Value);
    else if (Arg == "--lr")
      O.LearningRate = std::strtof(Value, nullptr);
    else if (Arg == "--seed")
      O.Seed = static_cast<unsigned>(std::strtoul(Value, nullptr, 10));
    else {
      std::fprintf(stderr, "mlp: unknown option %s\n", Arg.c_str());
      return false;
    }
  }
  if (O.Samples < 1 || O.Features < 1 || O.Classes < 2 || O.Hidden < 1 ||
      O.Epochs < 0 || O.Batch < 1) {
    std::fprintf(stderr, "mlp: option values out of range\n");
    return false;
  }
  return true;
}

} // namespace

int main(int Argc, char **Argv) {
  Options O;
  if (!parseOptions(Argc, Argv, O))
    return 2;
  Dataset TrainSet = makeBlobs(O, O.Seed + 2);
  Options TestOptions = O;
  TestOptions.Samples = std::max(O.Samples / 4, O.Classes);
  Dataset TestSet = makeBlobs(TestOptions, O.Seed + 3);
  Mlp Model = initModel(O);

  float Loss;
  {
    frugal::Region Training("training");
    Loss = train(Model, TrainSet, O);
  }
  double Accuracy;
  {
    frugal::Region Inference("inference");
    Accuracy = evaluate(Model, TestSet);
  }
  std::printf("mlp: %d samples, %d features, %d classes, hidden %d, %d epochs: "
              "loss %.4f, test accuracy %.3f\n",
              O.Samples, O.Features, O.Classes, O.Hidden, O.Epochs, Loss,
              Accuracy);
  return 0;
}
