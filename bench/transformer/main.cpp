//===- main.cpp - Greedy generation with a small transformer --------------===//
//
// transformer [options]: builds a decoder-only transformer with random,
// deterministic weights (Model.h), runs a random prompt through it in one
// pass (prefill), then generates tokens one at a time, greedily (the most
// likely next token), over the key/value cache: the inference loop of a
// language model. Prints one line with a checksum of the generated tokens
// and of the last logits' bits, which is the same with and without frugal.
//
// An ordinary ML program: frugal instruments it when it is compiled with
// frugal-clang++, and bench/e2e/run.sh measures what that costs.
//
//===----------------------------------------------------------------------===//
#include "Model.h"
#include "Ops.h"

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

namespace {

// Exit status for bad usage.
constexpr int UsageError = 2;

// The command line; integers until checked, then the model's config.
struct Options {
  long long Dim = 512, Layers = 4, Heads = 8, Vocab = 1024;
  long long Prompt = 16, Tokens = 256, Seed = 1;
  bool Help = false;
};

struct IntOption {
  const char *Name;
  long long Options::*Field;
  long long Min, Max;
  const char *Help;
};

// The options that take an integer, in --help's order.
constexpr IntOption IntOptions[] = {
    {"--dim", &Options::Dim, 8, 8192, "model width"},
    {"--layers", &Options::Layers, 1, 1000, "decoder layers"},
    {"--heads", &Options::Heads, 1, 1024, "attention heads (divides --dim)"},
    {"--vocab", &Options::Vocab, 2, 1000000, "vocabulary size"},
    {"--prompt", &Options::Prompt, 1, 100000,
     "prompt tokens (random), run in one pass"},
    {"--tokens", &Options::Tokens, 1, 100000, "tokens generated one at a time"},
    {"--seed", &Options::Seed, 0, 4294967295LL, "weights and prompt"},
};

void printHelp() {
  Options Defaults;
  std::printf("usage: transformer [options]\n\nGenerates tokens greedily with "
              "a small decoder-only transformer of random,\ndeterministic "
              "weights and prints a checksum of them.\n\noptions (default in "
              "brackets):\n");
  for (const IntOption &Opt : IntOptions) {
    std::string Left = std::string(Opt.Name) + " N";
    std::printf("  %-14s %s [%lld]\n", Left.c_str(), Opt.Help,
                Defaults.*Opt.Field);
  }
  std::printf("  %-14s %s\n", "--help", "this help");
}

// Fills O from "--name VALUE" or "--name=VALUE" arguments; "" or a one-line
// error.
std::string parseArguments(int Argc, char **Argv, Options &O) {
  for (int I = 1; I < Argc; ++I) {
    std::string Arg = Argv[I];
    std::string Name = Arg.substr(0, Arg.find('='));
    if (Name == "--help") {
      if (Name.size() < Arg.size())
        return "--help takes no value";
      O.Help = true;
      continue;
    }
    const IntOption *Opt = nullptr;
    for (const IntOption &Candidate : IntOptions)
      if (Name == Candidate.Name)
        Opt = &Candidate;
    if (!Opt)
      return "unknown option " + Name + " (transformer --help lists them)";
    std::string Text;
    if (Name.size() < Arg.size())
      Text = Arg.substr(Name.size() + 1);
    else if (I + 1 < Argc)
      Text = Argv[++I];
    else
      return Name + " needs a value (N)";
    char *End = nullptr;
    errno = 0;
    long long V = std::strtoll(Text.c_str(), &End, 10);
    if (Text.empty() || *End != '\0' || errno == ERANGE)
      return Name + ": '" + Text + "' is not an integer";
    if (V < Opt->Min || V > Opt->Max)
      return Name + ": " + std::to_string(V) + " is not in " +
             std::to_string(Opt->Min) + ".." + std::to_string(Opt->Max);
    O.*Opt->Field = V;
  }
  return "";
}

// Checks what one option cannot (combinations) and fills the model's
// config. "" or a one-line error.
std::string checkOptions(const Options &O, ModelConfig &M) {
  if (O.Dim % O.Heads != 0)
    return "--dim " + std::to_string(O.Dim) + " is not a multiple of --heads " +
           std::to_string(O.Heads);
  const long long Positions = O.Prompt + O.Tokens;
  // 12 Dim^2 weights a layer, Vocab x Dim for the embeddings and the
  // logits each, a cache of 2 x Positions x Dim a layer, and the prompt's
  // activations, the widest being Prompt x 4 Dim. Under 2^30 in all, every
  // index fits in an int.
  const double Floats =
      12.0 * O.Layers * O.Dim * O.Dim + 2.0 * O.Vocab * O.Dim +
      2.0 * O.Layers * Positions * O.Dim + 8.0 * O.Prompt * O.Dim;
  constexpr double MaxFloats = 1 << 30;
  if (Floats > MaxFloats)
    return "the model needs " + std::to_string(static_cast<long long>(Floats)) +
           " floats, over 2^30 (4 GiB); make --dim, --layers, --vocab or "
           "the tokens smaller";
  M.Dim = static_cast<int>(O.Dim);
  M.Layers = static_cast<int>(O.Layers);
  M.Heads = static_cast<int>(O.Heads);
  M.Vocab = static_cast<int>(O.Vocab);
  M.MaxPositions = static_cast<int>(Positions);
  M.Seed = static_cast<unsigned>(O.Seed);
  return "";
}

// FNV-1a, 64 bits.
void mix(std::uint64_t &Hash, std::uint32_t Word) {
  for (int Byte = 0; Byte < 4; ++Byte) {
    Hash ^= (Word >> (8 * Byte)) & 0xffU;
    Hash *= 0x100000001b3ULL;
  }
}

int run(int Argc, char **Argv) {
  Options O;
  ModelConfig Config;
  std::string Error = parseArguments(Argc, Argv, O);
  if (Error.empty() && !O.Help)
    Error = checkOptions(O, Config);
  if (!Error.empty()) {
    std::fprintf(stderr, "transformer: %s\n", Error.c_str());
    return UsageError;
  }
  if (O.Help) {
    printHelp();
    return 0;
  }

  Transformer Model(Config);
  const int Vocab = Config.Vocab;
  // The prompt comes from a stream of its own, so that it does not depend
  // on how many weights were drawn.
  Random PromptRandom(Config.Seed ^ 0x9e3779b9U);
  std::vector<int> Prompt(static_cast<std::size_t>(O.Prompt));
  for (int &Token : Prompt)
    Token = PromptRandom.below(Vocab);

  std::vector<float> Logits(Vocab);
  Model.forward(Prompt.data(), static_cast<int>(Prompt.size()), Logits.data());
  std::vector<int> Generated;
  for (long long I = 0; I < O.Tokens; ++I) {
    int Next = argmax(Logits.data(), Vocab);
    Generated.push_back(Next);
    if (I + 1 < O.Tokens)
      Model.forward(&Next, 1, Logits.data());
  }

  std::uint64_t Hash = 0xcbf29ce484222325ULL;
  for (int Token : Generated)
    mix(Hash, static_cast<std::uint32_t>(Token));
  for (float V : Logits) {
    std::uint32_t Bits;
    std::memcpy(&Bits, &V, sizeof(Bits));
    mix(Hash, Bits);
  }
  int Distinct = 0;
  std::vector<bool> Seen(Vocab);
  for (int Token : Generated)
    if (!Seen[Token]) {
      Seen[Token] = true;
      ++Distinct;
    }
  std::printf("transformer: dim %d, %d layers, %d heads, vocab %d: %d prompt "
              "+ %lld generated tokens (%d distinct), checksum %016llx\n",
              Config.Dim, Config.Layers, Config.Heads, Vocab,
              static_cast<int>(Prompt.size()), O.Tokens, Distinct,
              static_cast<unsigned long long>(Hash));
  return 0;
}

} // namespace

int main(int Argc, char **Argv) {
  try {
    return run(Argc, Argv);
  } catch (const std::bad_alloc &) {
    std::fprintf(stderr, "transformer: out of memory; make --dim, --layers, "
                         "--vocab or the tokens smaller\n");
    return 1;
  }
}
