//===- RecordedArgs.cpp - Which parameters the entry hook records ---------===//

#include "RecordedArgs.h"

#include "Compat.h"

#include "frugal/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"

#include <map>

using namespace llvm;

namespace frugal {

namespace {

constexpr char NoDebugInfoNote[] =
    "no debug info for parameters: compile with -g";

enum class IntKind { NotInteger, Signed, Unsigned };

/// T without typedefs and cv-qualifiers: size_t is an unsigned long.
const DIType *stripQualifiers(const DIType *T) {
  while (const auto *D = dyn_cast_or_null<DIDerivedType>(T)) {
    switch (D->getTag()) {
    case dwarf::DW_TAG_typedef:
    case dwarf::DW_TAG_const_type:
    case dwarf::DW_TAG_volatile_type:
    case dwarf::DW_TAG_restrict_type:
    case dwarf::DW_TAG_atomic_type:
      T = D->getBaseType();
      continue;
    default:
      return T;
    }
  }
  return T;
}

/// Whether a C type is an integer (enums included, bool not) and its
/// signedness.
IntKind integerKind(const DIType *T) {
  T = stripQualifiers(T);
  if (const auto *C = dyn_cast_or_null<DICompositeType>(T)) {
    if (C->getTag() != dwarf::DW_TAG_enumeration_type)
      return IntKind::NotInteger;
    // A C enum without a fixed underlying type has none here; its values
    // are ints.
    return C->getBaseType() ? integerKind(C->getBaseType()) : IntKind::Signed;
  }
  const auto *B = dyn_cast_or_null<DIBasicType>(T);
  if (!B)
    return IntKind::NotInteger;
  switch (B->getEncoding()) {
  case dwarf::DW_ATE_signed:
  case dwarf::DW_ATE_signed_char:
    return IntKind::Signed;
  case dwarf::DW_ATE_unsigned:
  case dwarf::DW_ATE_unsigned_char:
  case dwarf::DW_ATE_UTF:
    return IntKind::Unsigned;
  default:
    return IntKind::NotInteger; // bool, floating point, ...
  }
}

/// An IR type the hook can take as one int64: i2 to i64 (i1 is a bool).
bool fitsInt64(const Type *T) {
  return T->isIntegerTy() && T->getIntegerBitWidth() > 1 &&
         T->getIntegerBitWidth() <= 64;
}

/// At -O0 a parameter lives in an alloca that the entry block stores the
/// incoming Argument to; that Argument, or nullptr.
Argument *argumentStoredTo(const Value *Slot, BasicBlock &Entry) {
  for (Instruction &I : Entry)
    if (auto *SI = dyn_cast<StoreInst>(&I))
      if (SI->getPointerOperand() == Slot)
        return dyn_cast<Argument>(SI->getValueOperand());
  return nullptr;
}

class Planner {
public:
  Planner(Function &F, const DISubprogram &SP) : F(F), SP(SP) {}

  ArgsPlan plan();

private:
  void noteParameter(const DILocalVariable *Var);
  void mapEntryLocation(const compat::DebugVarLocation &L);
  bool isOwn(const compat::DebugVarLocation &L) const {
    return !(L.Loc && L.Loc->getInlinedAt()) && L.Var && L.Var->getScope() &&
           L.Var->getScope()->getSubprogram() == &SP;
  }

  Function &F;
  const DISubprogram &SP;
  /// The function's integer parameters, by argument number (source order).
  std::map<unsigned, const DILocalVariable *> Params;
  /// Where each parameter's value is, when its first location in the entry
  /// block is an Argument as it came in.
  DenseMap<const DILocalVariable *, Argument *> ValueOf;
  DenseSet<const DILocalVariable *> Located;
};

void Planner::noteParameter(const DILocalVariable *Var) {
  if (Var && Var->getArg() && !Var->isArtificial() &&
      integerKind(Var->getType()) != IntKind::NotInteger)
    Params.try_emplace(Var->getArg(), Var);
}

void Planner::mapEntryLocation(const compat::DebugVarLocation &L) {
  // An undefined location says nothing yet (a dbg_assign of an alloca
  // before the parameter is stored to it).
  if (!L.Location || isa<UndefValue>(L.Location))
    return;
  // Only the first location counts: later ones may describe the parameter
  // after the function changed it, or hold another parameter's value.
  if (!Located.insert(L.Var).second)
    return;
  if (!L.Expr || L.Expr->getNumElements() != 0)
    return; // a computed value or a piece of one
  Value *V = L.Location;
  if (L.IsDeclare)
    V = V ? argumentStoredTo(V, F.getEntryBlock()) : nullptr;
  if (auto *A = dyn_cast_or_null<Argument>(V))
    ValueOf[L.Var] = A;
}

ArgsPlan Planner::plan() {
  // Optimised code keeps the parameters in the subprogram's retained nodes
  // (so debuggers can show them as optimised out); -O0 code has a declare
  // for each.
  for (const DINode *N : SP.getRetainedNodes())
    if (const auto *Var = dyn_cast<DILocalVariable>(N);
        Var && Var->getScope() && Var->getScope()->getSubprogram() == &SP)
      noteParameter(Var);
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      compat::forEachDebugVar(I, [&](const compat::DebugVarLocation &L) {
        if (!isOwn(L))
          return;
        noteParameter(L.Var);
        if (&BB == &F.getEntryBlock())
          mapEntryLocation(L);
      });

  ArgsPlan Plan;
  SmallVector<std::string, 4> Missing;
  for (auto [Number, Var] : Params) {
    Argument *A = ValueOf.lookup(Var);
    std::string Name = Var->getName().str();
    if (!A) {
      Missing.push_back(Name + " (optimised out)");
    } else if (!fitsInt64(A->getType())) {
      Missing.push_back(Name + " (wider than 64 bits)");
    } else if (Plan.Args.size() == FRUGAL_ARGS_MAX) {
      Missing.push_back(Name + " (over " + std::to_string(FRUGAL_ARGS_MAX) +
                        " parameters)");
    } else {
      bool Signed = integerKind(Var->getType()) == IntKind::Signed;
      Plan.Args.push_back({A, std::move(Name), Signed});
    }
  }
  if (!Missing.empty())
    Plan.Note = "not recorded: " + join(Missing, ", ");
  return Plan;
}

} // namespace

ArgsPlan planRecordedArgs(Function &F) {
  const DISubprogram *SP = F.getSubprogram();
  const DICompileUnit *CU = SP ? SP->getUnit() : nullptr;
  if (!CU || CU->getEmissionKind() != DICompileUnit::FullDebug) {
    // Without variables there are no names. Say so only where a parameter
    // could have been recorded.
    ArgsPlan Plan;
    if (any_of(F.args(),
               [](const Argument &A) { return fitsInt64(A.getType()); }))
      Plan.Note = NoDebugInfoNote;
    return Plan;
  }
  return Planner(F, *SP).plan();
}

} // namespace frugal
