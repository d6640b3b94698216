//===- Profile.cpp - A frugal profile, read and validated -----------------===//

#include "Profile.h"

#include "support/Diagnostics.h"

#include "llvm/Demangle/Demangle.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace frugal {

// fromJSON overloads for llvm::json::ObjectMapper: map() marks a key as
// required, mapOptional() as optional. A failure records the path of the bad
// key in json::Path, which becomes the error message.

static bool fromJSON(const json::Value &V, Times &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("inclusive", T.Inclusive) &&
         O.map("exclusive", T.Exclusive);
}

static bool fromJSON(const json::Value &V, ProgramInfo &Prog, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("argv", Prog.Argv) &&
         O.map("executable", Prog.Executable) && O.map("pid", Prog.Pid) &&
         O.map("wall_ns", Prog.WallNs) && O.mapOptional("host", Prog.Host) &&
         O.map("rank", Prog.Rank) && O.mapOptional("end", Prog.End);
}

static bool fromJSON(const json::Value &V, MachineInfo &M, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("timer", M.Timer) &&
         O.mapOptional("cpu_model", M.CpuModel) &&
         O.mapOptional("cores", M.Cores);
}

static bool fromJSON(const json::Value &V, EnergyInfo &E, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("status", E.Status);
}

static bool fromJSON(const json::Value &V, FunctionRecord &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", F.Id) && O.map("name", F.Name) &&
         O.map("calls", F.Calls) && O.map("time_ns", F.Time) &&
         O.map("filtered", F.Filtered) &&
         O.mapOptional("linkage_name", F.LinkageName) &&
         O.mapOptional("module", F.Module) && O.mapOptional("file", F.File) &&
         O.mapOptional("resolved_file", F.ResolvedFile) &&
         O.mapOptional("line", F.Line) &&
         O.mapOptional("filter_reason", F.FilterReason);
}

static bool fromJSON(const json::Value &V, RegionRecord &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", R.Id) && O.map("name", R.Name) &&
         O.map("calls", R.Calls) && O.map("time_ns", R.Time);
}

static bool fromJSON(const json::Value &V, TreeNode &N, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", N.Id) && O.map("parent", N.Parent) &&
         O.map("ref", N.Ref) && O.map("calls", N.Calls) &&
         O.map("time_ns", N.Time) &&
         O.mapOptional("folded_calls", N.FoldedCalls);
}

static bool fromJSON(const json::Value &V, CallTree &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("folded_calls", T.FoldedCalls) &&
         O.map("nodes", T.Nodes) &&
         O.mapOptional("max_nodes_per_thread", T.MaxNodesPerThread);
}

static bool fromJSON(const json::Value &V, ThreadRecord &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("calls", T.Calls) && O.map("ended", T.Ended) &&
         O.mapOptional("index", T.Index) && O.mapOptional("tid", T.Tid) &&
         O.mapOptional("name", T.Name);
}

static bool fromJSON(const json::Value &V, Profile &Prof, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("schema_version", Prof.SchemaVersion) &&
         O.mapOptional("generator", Prof.Generator) &&
         O.map("program", Prof.Program) && O.map("machine", Prof.Machine) &&
         O.map("energy", Prof.Energy) && O.map("functions", Prof.Functions) &&
         O.map("regions", Prof.Regions) && O.map("tree", Prof.Tree) &&
         O.map("threads", Prof.Threads);
}

// json::ParseError keeps its line and column private and only logs them as
// "[LINE:COLUMN, byte=OFFSET]: MESSAGE"; turn that into the usual
// "FILE:LINE:COLUMN: MESSAGE" that editors can jump to.
static std::string describeParseError(StringRef Path, StringRef Logged) {
  StringRef Rest = Logged;
  StringRef Line, Column;
  if (Rest.consume_front("[")) {
    std::tie(Line, Rest) = Rest.split(':');
    std::tie(Column, Rest) = Rest.split(',');
    if (Rest.consume_front(" byte=")) {
      Rest = Rest.split("]: ").second;
      if (!Rest.empty())
        return (Path + ":" + Line + ":" + Column + ": " + Rest).str();
    }
  }
  return (Path + ": " + Logged).str();
}

Expected<Profile> parseProfile(StringRef Text, StringRef Path) {
  Expected<json::Value> Root = json::parse(Text);
  if (!Root) {
    std::string Logged = toString(Root.takeError());
    return makeError("invalid JSON at " + describeParseError(Path, Logged),
                     "this is not a complete frugal profile; rerun the "
                     "instrumented program to write it again");
  }

  // The version decides how to read the rest, so check it first and on its
  // own: a newer profile should not be reported as "missing key".
  const json::Object *Obj = Root->getAsObject();
  if (!Obj)
    return makeError(Path + ": the top-level JSON value is not an object",
                     "pass a profile written by libfrugal_rt");
  std::optional<int64_t> Version = Obj->getInteger("schema_version");
  if (!Version)
    return makeError(Path + ": no integer schema_version",
                     "pass a profile written by libfrugal_rt");
  if (*Version != SupportedSchemaVersion)
    return makeError(Path + ": unsupported schema_version " +
                         Twine(*Version) + " (this frugal reads " +
                         Twine(SupportedSchemaVersion) + ")",
                     "use the frugal that matches the libfrugal_rt which "
                     "wrote the profile");

  Profile Prof;
  json::Path::Root Where("profile");
  if (!fromJSON(*Root, Prof, Where))
    return makeError(Path + ": " + toString(Where.getError()),
                     "the profile is incomplete or was edited; rerun the "
                     "instrumented program to write it again");
  return Prof;
}

Expected<Profile> readProfile(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer =
      MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return makeError("cannot read '" + Path +
                         "': " + Buffer.getError().message(),
                     "check the path; an instrumented program writes its "
                     "profile when it exits (see FRUGAL_OUTPUT)");
  return parseProfile((*Buffer)->getBuffer(), Path);
}

std::string displayName(const FunctionRecord &F) {
  // The runtime stores demangled names; fall back on demangling here for
  // records whose name is still the mangled one (or missing).
  StringRef Name = F.Name.empty() ? StringRef(F.LinkageName) : F.Name;
  if (Name.starts_with("_Z"))
    return demangle(Name.str());
  return Name.str();
}

} // namespace frugal
