//===- FuzzStatic.cpp - libFuzzer target: the static-analysis reader ------===//
//
// parseStatic reads `frugal analyze --format=json` output for report, diff
// and proxies (--static FILE). The cost expressions it accepts are then
// evaluated per call: evaluate each one as report would.
//
//===----------------------------------------------------------------------===//
#include "ExprEval.h"
#include "StaticData.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>

using namespace frugal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<StaticAnalysis> Static = parseStatic(Text, "fuzz.json");
  if (!Static) {
    llvm::consumeError(Static.takeError());
    return 0;
  }
  auto Evaluate = [](const StaticExpr &E) {
    (void)evaluateExpression(
        E.Text, [](llvm::StringRef) -> std::optional<double> { return 3; });
  };
  for (const StaticFunction &F : Static->Functions) {
    for (const auto &[Metric, E] : F.Total)
      Evaluate(E);
    for (const auto &[Metric, E] : F.Self)
      Evaluate(E);
    Evaluate(F.StackBytes);
    Evaluate(F.HeapBytes);
    Evaluate(F.BytesTouched);
  }
  return 0;
}
