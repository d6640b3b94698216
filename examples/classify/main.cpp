//===- main.cpp - Train and evaluate one classifier variant ---------------===//
//
// classify --model NAME [options]: loads the handwritten digits (or draws a
// synthetic data set), trains the variant in a frugal region "training",
// predicts the test set in a region "inference" and prints one line: test
// accuracy, training time, inference time per 1000 samples, model size.
// The figures also go to the profile as metrics, and the inference region
// counts the samples it predicted, so that frugal's reports can put
// accuracy beside energy per sample.
//
// The models hold no frugal calls: frugal instruments them when the program
// is compiled with it. Built without frugal (classify-plain), the region
// and metric calls do nothing (frugal.h's weak symbols), and the printed
// accuracy is the same.
//
//===----------------------------------------------------------------------===//
#include "../classifiers/Classifier.h"

#include <frugal/frugal.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>
#include <vector>

#ifndef CLASSIFY_DIGITS_PATH
#define CLASSIFY_DIGITS_PATH "examples/data/digits.csv.gz"
#endif

namespace {

// Exit status for bad usage and bad input data.
constexpr int UsageError = 2;

struct Options {
  std::string Model;
  std::string Data = "digits";
  std::string DigitsPath = CLASSIFY_DIGITS_PATH;
  int Samples = 2000; // Synthetic data only.
  int Features = 64;
  int Classes = 10;
  double MinInferenceMs = 200.0;
  HyperParameters H;
  bool List = false;
  bool Help = false;
};

// One command-line option: "--name VALUE" or "--name=VALUE" (flags take no
// value). Parse returns "" or what is wrong with the value.
struct Option {
  std::string Name;
  std::string Meta; // The value's placeholder in --help; "" for a flag.
  std::string Help;
  std::function<std::string(const std::string &)> Parse;
  std::function<std::string()> Default; // For --help; null: none.
  bool Given = false;
};

std::string parseInteger(const std::string &Text, long long Min, long long Max,
                         long long &Value) {
  char *End = nullptr;
  errno = 0;
  Value = std::strtoll(Text.c_str(), &End, 10);
  if (Text.empty() || *End != '\0' || errno == ERANGE)
    return "'" + Text + "' is not an integer";
  if (Value < Min || Value > Max)
    return std::to_string(Value) + " is not in " + std::to_string(Min) + ".." +
           std::to_string(Max);
  return "";
}

std::string parseReal(const std::string &Text, double Min, bool MinIncluded,
                      double Max, double &Value) {
  char *End = nullptr;
  errno = 0;
  Value = std::strtod(Text.c_str(), &End);
  if (Text.empty() || *End != '\0' || errno == ERANGE || !std::isfinite(Value))
    return "'" + Text + "' is not a finite number";
  if (Value < Min || (!MinIncluded && Value == Min) || Value > Max) {
    char Range[96];
    std::snprintf(Range, sizeof(Range), "%s%g, %g]", MinIncluded ? "[" : "(",
                  Min, Max);
    return Text + " is not in " + Range;
  }
  return "";
}

std::string shortest(double V) {
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "%g", V);
  return Buf;
}

Option intOption(const char *Name, int &Ref, int Min, int Max,
                 const char *Help) {
  return {Name, "N", Help,
          [&Ref, Min, Max](const std::string &Text) {
            long long V = 0;
            std::string Error = parseInteger(Text, Min, Max, V);
            if (Error.empty())
              Ref = static_cast<int>(V);
            return Error;
          },
          [&Ref] { return std::to_string(Ref); }};
}

template <typename Real>
Option realOption(const char *Name, Real &Ref, double Min, bool MinIncluded,
                  double Max, const char *Help) {
  return {Name, "X", Help,
          [&Ref, Min, MinIncluded, Max](const std::string &Text) {
            double V = 0;
            std::string Error = parseReal(Text, Min, MinIncluded, Max, V);
            if (Error.empty())
              Ref = static_cast<Real>(V);
            return Error;
          },
          [&Ref] { return shortest(Ref); }};
}

Option textOption(const char *Name, const char *Meta, std::string &Ref,
                  const char *Help) {
  return {Name, Meta, Help,
          [&Ref](const std::string &Text) {
            Ref = Text;
            return std::string();
          },
          [&Ref] { return Ref; }};
}

Option flagOption(const char *Name, bool &Ref, const char *Help) {
  return {Name, "", Help,
          [&Ref](const std::string &) {
            Ref = true;
            return std::string();
          },
          nullptr};
}

std::vector<Option> makeOptions(Options &O) {
  HyperParameters &H = O.H;
  return {
      textOption("--model", "NAME", O.Model, "the variant (--list)"),
      textOption("--data", "digits|synthetic", O.Data, "the data set"),
      textOption("--digits", "PATH", O.DigitsPath, "the digits file"),
      intOption("--samples", O.Samples, 2, 100000000,
                "synthetic: samples, 3/4 train, 1/4 test"),
      // int8 products of up to 100000 terms stay exact in int32 sums
      // (127 * 127 * 100000 < 2^31).
      intOption("--features", O.Features, 1, 100000, "synthetic: features"),
      intOption("--classes", O.Classes, 2, 100000, "synthetic: classes"),
      {"--seed", "S", "initial weights, shuffling, synthetic data",
       [&H](const std::string &Text) {
         long long V = 0;
         std::string Error = parseInteger(Text, 0, 4294967295LL, V);
         if (Error.empty())
           H.Seed = static_cast<unsigned>(V);
         return Error;
       },
       [&H] { return std::to_string(H.Seed); }},
      intOption("--epochs", H.Epochs, 1, 100000, "gradient-trained: epochs"),
      intOption("--batch", H.Batch, 1, 1 << 20,
                "gradient-trained: mini-batch size"),
      realOption("--lr", H.LearningRate, 0.0, false, 100.0,
                 "gradient-trained: learning rate"),
      realOption("--l2", H.L2, 0.0, true, 100.0,
                 "gradient-trained: L2 penalty"),
      intOption("--hidden", H.Hidden, 1, 65536, "MLPs: hidden units"),
      intOption("--block", H.BlockSize, 1, 1024,
                "mlp-blocked: tile edge of the matrix product"),
      realOption("--sparsity", H.Sparsity, 0.0, true, 0.99,
                 "mlp-pruned: fraction of weights pruned"),
      intOption("--fine-tune-epochs", H.FineTuneEpochs, 0, 100000,
                "mlp-pruned: epochs after pruning"),
      intOption("--max-depth", H.MaxDepth, 0, 1000, "tree: maximum depth"),
      intOption("--min-leaf", H.MinSamplesLeaf, 1, 100000000,
                "tree: fewest training samples in a leaf"),
      intOption("--k", H.K, 1, 100000000, "knn: neighbours that vote"),
      realOption("--var-smoothing", H.VarSmoothing, 0.0, true, 1e6,
                 "naive-bayes: added variance, times the largest"),
      realOption("--min-inference-ms", O.MinInferenceMs, 0.0, true, 1e7,
                 "repeat inference passes for this long"),
      flagOption("--list", O.List, "list the variants"),
      flagOption("--help", O.Help, "this help"),
  };
}

void printHelp(const std::vector<Option> &Table) {
  std::printf("usage: classify --model NAME [options]\n\n"
              "Trains one classifier variant on the handwritten digits (or "
              "synthetic data)\nand prints its test accuracy, training time, "
              "inference time and model size.\n\noptions (default in "
              "brackets):\n");
  for (const Option &Opt : Table) {
    std::string Left = Opt.Name + (Opt.Meta.empty() ? "" : " " + Opt.Meta);
    std::string Default = Opt.Default ? Opt.Default() : "";
    std::printf("  %-28s %s%s\n", Left.c_str(), Opt.Help.c_str(),
                Default.empty() ? "" : (" [" + Default + "]").c_str());
  }
}

// Fills O from the arguments; "" or a one-line error.
std::string parseArguments(int Argc, char **Argv, std::vector<Option> &Table) {
  for (int I = 1; I < Argc; ++I) {
    std::string Arg = Argv[I];
    std::string Name = Arg.substr(0, Arg.find('='));
    Option *Opt = nullptr;
    for (Option &Candidate : Table)
      if (Candidate.Name == Name)
        Opt = &Candidate;
    if (!Opt)
      return "unknown option " + Name + " (classify --help lists them)";
    std::string Value;
    if (Name.size() < Arg.size()) {
      if (Opt->Meta.empty())
        return Name + " takes no value";
      Value = Arg.substr(Name.size() + 1);
    } else if (!Opt->Meta.empty()) {
      if (I + 1 == Argc)
        return Name + " needs a value (" + Opt->Meta + ")";
      Value = Argv[++I];
    }
    std::string Error = Opt->Parse(Value);
    if (!Error.empty())
      return Name + ": " + Error;
    Opt->Given = true;
  }
  return "";
}

bool given(const std::vector<Option> &Table, const std::string &Name) {
  for (const Option &Opt : Table)
    if (Opt.Name == Name)
      return Opt.Given;
  return false;
}

// Checks what one option cannot: combinations. "" or a one-line error.
std::string checkOptions(const Options &O, const std::vector<Option> &Table) {
  if (O.Model.empty())
    return "--model NAME is required (classify --list names them)";
  bool Known = false;
  for (const VariantInfo &V : variants())
    Known |= O.Model == V.Name;
  if (!Known)
    return "unknown model '" + O.Model + "' (classify --list names them)";
  if (O.Data != "digits" && O.Data != "synthetic")
    return "--data: '" + O.Data + "' is neither digits nor synthetic";
  bool Synthetic = O.Data == "synthetic";
  for (const char *Name : {"--samples", "--features", "--classes"})
    if (!Synthetic && given(Table, Name))
      return std::string(Name) + " is for --data synthetic";
  if (Synthetic && given(Table, "--digits"))
    return "--digits is for --data digits";
  if (Synthetic) {
    // Labels cycle through the classes and the first 3/4 of the samples
    // train: every class must be in the training part.
    long long Train = static_cast<long long>(O.Samples) * 3 / 4;
    if (Train < O.Classes)
      return "--samples " + std::to_string(O.Samples) + " leaves " +
             std::to_string(Train) + " training samples for " +
             std::to_string(O.Classes) + " classes; give at least " +
             std::to_string((4LL * O.Classes + 2) / 3);
    constexpr long long MaxValues = 1LL << 28;
    if (static_cast<long long>(O.Samples) * O.Features > MaxValues)
      return "--samples x --features is over " + std::to_string(MaxValues) +
             " values (1 GiB of floats); make the data smaller";
  }
  // The MLPs index their weight matrices with int.
  constexpr long long MaxWeights = 1LL << 28;
  int Inputs = Synthetic ? O.Features : 64;
  if (static_cast<long long>(O.H.Hidden) * Inputs > MaxWeights)
    return "--hidden " + std::to_string(O.H.Hidden) + " x " +
           std::to_string(Inputs) + " features is over " +
           std::to_string(MaxWeights) + " weights; make the layer smaller";
  return "";
}

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

} // namespace

static int run(int Argc, char **Argv) {
  Options O;
  std::vector<Option> Table = makeOptions(O);
  std::string Error = parseArguments(Argc, Argv, Table);
  if (Error.empty() && !O.Help && !O.List)
    Error = checkOptions(O, Table);
  if (!Error.empty()) {
    std::fprintf(stderr, "classify: %s\n", Error.c_str());
    return UsageError;
  }
  if (O.Help) {
    printHelp(Table);
    return 0;
  }
  if (O.List) {
    for (const VariantInfo &V : variants())
      std::printf("%-12s %s\n", V.Name, V.Description);
    return 0;
  }

  TrainTestSplit Split;
  if (O.Data == "synthetic") {
    Split = makeSynthetic(O.Samples, O.Features, O.Classes, O.H.Seed);
  } else if (!loadDigits(O.DigitsPath, Split, Error)) {
    std::fprintf(stderr, "classify: %s\n", Error.c_str());
    return UsageError;
  }
  const Dataset &Train = Split.Train;
  const Dataset &Test = Split.Test;
  if (O.H.K > Train.Rows) {
    std::fprintf(stderr,
                 "classify: --k %d is more than the %d training samples\n",
                 O.H.K, Train.Rows);
    return UsageError;
  }
  std::unique_ptr<Classifier> Model = makeClassifier(O.Model, O.H);

  // Some variants train in a millisecond: wait (once) until frugal measures
  // energy, so that training is measured from its first instruction. A
  // no-op without frugal.
  frugal::waitForEnergy(2000);
  auto Start = std::chrono::steady_clock::now();
  {
    frugal::Region R("training");
    Model->train(Train);
  }
  double TrainSeconds = secondsSince(Start);

  // The first pass over the test set gives the accuracy; more passes, until
  // --min-inference-ms have passed, make the region long enough for an
  // energy counter to resolve it (RAPL updates about every millisecond).
  std::vector<int> Predicted(Test.Rows);
  std::vector<int> Again(Test.Rows);
  long long Passes = 1;
  double InferenceSeconds = 0.0;
  Start = std::chrono::steady_clock::now();
  {
    frugal::Region R("inference");
    Model->predict(Test.X.data(), Test.Rows, Predicted.data());
    while ((InferenceSeconds = secondsSince(Start)) * 1000.0 <
           O.MinInferenceMs) {
      Model->predict(Test.X.data(), Test.Rows, Again.data());
      ++Passes;
    }
    R.addItems(static_cast<unsigned long long>(Passes) * Test.Rows, "samples");
  }
  double Accuracy = accuracy(Predicted.data(), Test.Y.data(), Test.Rows);

  size_t ModelBytes = Model->modelBytes();
  frugal::metric("accuracy", Accuracy);
  frugal::metric("model_bytes", static_cast<double>(ModelBytes));
  frugal::metric("train_samples", Train.Rows);
  frugal::metric("test_samples", Test.Rows);

  double MsPer1000 = InferenceSeconds * 1000.0 /
                     (static_cast<double>(Passes) * Test.Rows) * 1000.0;
  std::printf("classify: %s on %s (%d train, %d test, %d features, %d "
              "classes): test accuracy %.4f, training %.3f s, inference "
              "%.3g ms per 1000 samples, model %.1f KiB\n",
              O.Model.c_str(), O.Data.c_str(), Train.Rows, Test.Rows,
              Train.Cols, Train.Classes, Accuracy, TrainSeconds, MsPer1000,
              ModelBytes / 1024.0);
  return 0;
}

int main(int Argc, char **Argv) {
  // Sizes are checked, but the machine may still have less memory than
  // the data or the model need.
  try {
    return run(Argc, Argv);
  } catch (const std::bad_alloc &) {
    std::fprintf(stderr, "classify: out of memory; make the data (--samples, "
                         "--features) or the model smaller\n");
    return 1;
  }
}
