//===- ExprEval.cpp - Evaluating frugal analyze's expressions -------------===//
//
// A recursive-descent parser that evaluates as it parses:
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*
//   unary   := '-' unary | primary
//   primary := INTEGER | NAME | 'log2' '(' sum ')' | '(' sum ')'
// where NAME is an identifier followed by any number of '->' or '.' and an
// identifier (members such as this->rows).
//
//===----------------------------------------------------------------------===//

#include "ExprEval.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace llvm;

namespace frugal {

namespace {

class Evaluator {
public:
  Evaluator(StringRef Text,
            function_ref<std::optional<double>(StringRef)> Lookup)
      : Text(Text), Rest(Text), Lookup(Lookup) {}

  ExprValue run() {
    std::optional<double> V = sum();
    skipSpace();
    if (V && !Rest.empty())
      fail("unexpected '" + Rest.take_front(1).str() + "'");
    if (!Error.empty())
      return {std::nullopt, Error, Missing};
    return {V, "", ""};
  }

private:
  void skipSpace() { Rest = Rest.ltrim(); }

  bool consume(StringRef Token) {
    skipSpace();
    return Rest.consume_front(Token);
  }

  // Syntax errors quote the text; a missing value is said plainly.
  std::optional<double> fail(const std::string &Message, bool Quote = true) {
    if (Error.empty())
      Error = Quote ? Message + " in '" + Text.str() + "'" : Message;
    return std::nullopt;
  }

  std::optional<double> sum() {
    std::optional<double> V = product();
    while (V) {
      if (consume("+")) {
        std::optional<double> R = product();
        if (!R)
          return std::nullopt;
        *V += *R;
      } else if (consume("-")) {
        std::optional<double> R = product();
        if (!R)
          return std::nullopt;
        *V -= *R;
      } else {
        break;
      }
    }
    return V;
  }

  std::optional<double> product() {
    std::optional<double> V = unary();
    while (V) {
      if (consume("*")) {
        std::optional<double> R = unary();
        if (!R)
          return std::nullopt;
        *V *= *R;
      } else if (consume("/")) {
        std::optional<double> R = unary();
        if (!R)
          return std::nullopt;
        if (*R == 0)
          return fail("division by zero");
        *V = std::trunc(*V / *R);
      } else {
        break;
      }
    }
    return V;
  }

  std::optional<double> unary() {
    if (consume("-")) {
      std::optional<double> V = unary();
      if (V)
        *V = -*V;
      return V;
    }
    return primary();
  }

  static bool isIdentStart(char C) { return isAlpha(C) || C == '_'; }
  static bool isIdentChar(char C) { return isAlnum(C) || C == '_'; }

  StringRef identifier() {
    size_t N = 0;
    if (N < Rest.size() && isIdentStart(Rest[N]))
      while (N < Rest.size() && isIdentChar(Rest[N]))
        ++N;
    StringRef Id = Rest.take_front(N);
    Rest = Rest.drop_front(N);
    return Id;
  }

  std::optional<double> primary() {
    skipSpace();
    if (Rest.empty())
      return fail("unexpected end");
    if (consume("(")) {
      std::optional<double> V = sum();
      if (V && !consume(")"))
        return fail("missing ')'");
      return V;
    }
    if (isDigit(Rest.front())) {
      size_t N = 0;
      while (N < Rest.size() && isDigit(Rest[N]))
        ++N;
      double V = 0;
      for (char C : Rest.take_front(N))
        V = V * 10 + (C - '0');
      Rest = Rest.drop_front(N);
      return V;
    }
    if (!isIdentStart(Rest.front()))
      return fail("unexpected '" + Rest.take_front(1).str() + "'");
    const char *Start = Rest.data();
    StringRef First = identifier();
    if (First == "log2" && consume("(")) {
      std::optional<double> V = sum();
      if (V && !consume(")"))
        return fail("missing ')'");
      if (V && *V <= 0)
        return fail("log2 of a value that is not positive");
      return V ? std::optional<double>(std::log2(*V)) : std::nullopt;
    }
    // A member path: a.b, p->q.
    while (true) {
      StringRef Saved = Rest;
      if ((Rest.consume_front("->") || Rest.consume_front(".")) &&
          !identifier().empty())
        continue;
      Rest = Saved;
      break;
    }
    StringRef Name(Start, Rest.data() - Start);
    std::optional<double> V = Lookup(Name);
    if (!V) {
      if (Error.empty())
        Missing = Name.str();
      return fail("no value for " + Name.str(), /*Quote=*/false);
    }
    return V;
  }

  StringRef Text;
  StringRef Rest;
  function_ref<std::optional<double>(StringRef)> Lookup;
  std::string Error;
  std::string Missing;
};

} // namespace

ExprValue
evaluateExpression(StringRef Text,
                   function_ref<std::optional<double>(StringRef)> Lookup) {
  return Evaluator(Text, Lookup).run();
}

} // namespace frugal
