// Static analysis joins runtime profiles: every function of the profile of
// a program built by frugal-clang++ (but those of system headers) is in
// `frugal analyze`'s output of its compile commands, under the same
// (linkage_name, resolved_file, line), and with the same file. (Functions
// the compiler generates, without a line, such as __clang_call_terminate,
// are not.)
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %frugal-clangxx -g -O0 -I%S/Inputs -c %s -o join.o
// RUN: %frugal-clangxx -g -O0 -I%S/Inputs -c %S/Inputs/join-other.cpp -o other.o
// RUN: %frugal-clangxx join.o other.o -o exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe
// RUN: %python %S/Inputs/make_db.py %t/compile_commands.json %t %frugal-clangxx -g -O0 -I%S/Inputs -- %s %S/Inputs/join-other.cpp
// RUN: %frugal analyze -p %t --format=json -o %t/static.json
// RUN: %python %S/Inputs/static_query.py %t/static.json join %t/p.json | FileCheck %s
// CHECK: ok {{1[0-9]}}{{$}}
//
// The same from a build directory beside the sources, as CMake does: a
// relative file and include directory, and absolute ones (the debug info
// then names files relative to their common directory).
// RUN: mkdir -p %t/proj/src %t/proj/include %t/proj/build
// RUN: cp %s %S/Inputs/join-other.cpp %t/proj/src/
// RUN: cp %S/Inputs/join-kernels.h %t/proj/include/
// RUN: cd %t/proj/build && %frugal-clangxx -g -I../include -c ../src/join.cpp -o join.o
// RUN: cd %t/proj/build && %frugal-clangxx -g -I%t/proj/include -c %t/proj/src/join-other.cpp -o other.o
// RUN: cd %t/proj/build && %frugal-clangxx join.o other.o -o exe
// RUN: env FRUGAL_OUTPUT=%t/proj/p.json %t/proj/build/exe
// RUN: %python %S/Inputs/make_db.py %t/proj/build/compile_commands.json %t/proj/build %frugal-clangxx -g -I../include -- ../src/join.cpp
// RUN: %python %S/Inputs/make_db.py --append %t/proj/build/compile_commands.json %t/proj/build %frugal-clangxx -g -I%t/proj/include -- %t/proj/src/join-other.cpp
// RUN: cd %t/proj/src && %frugal analyze --format=json -o %t/proj/static.json -p ../build
// RUN: %python %S/Inputs/static_query.py %t/proj/static.json join %t/proj/p.json | FileCheck %s
//
// The profile has what the test is about: both relus, the lambdas, the
// template instantiations, the constructor and destructor.
// RUN: %query %t/p.json functions | FileCheck %s --check-prefix=PROFILE
// PROFILE-DAG: fn Model::Model(int)
// PROFILE-DAG: fn Model::~Model()
// PROFILE-DAG: fn Model::forward(std::vector<float, std::allocator<float>>&) const::$_0::operator()(float) const
// PROFILE-DAG: fn main::$_0::operator()(int) const
// PROFILE-DAG: fn main::$_1::operator()(int) const
// PROFILE-DAG: fn int apply<main::$_0>(main::$_0, int)
// PROFILE-DAG: fn float scaled<float>(float const*, int, float)
// PROFILE-DAG: fn double scaled<double>(double const*, int, double)
// PROFILE-DAG: fn (anonymous namespace)::twice(int)
// PROFILE-DAG: fn relu(float)
// PROFILE-DAG: fn relu(float)
// PROFILE-DAG: fn clampIndex(int, int)

#include "join-kernels.h"

#include <algorithm>
#include <vector>

static float relu(float X) { return X > 0 ? X : 0; }

namespace {
int twice(int X) { return 2 * X; }
} // namespace

struct Model {
  int N;
  explicit Model(int N) : N(N) {}
  ~Model() { N = 0; }
  float forward(std::vector<float> &V) const;
};

float Model::forward(std::vector<float> &V) const {
  std::transform(V.begin(), V.end(), V.begin(),
                 [](float X) { return relu(X); });
  return scaled(V.data(), N, 0.5f);
}

float other(const double *X, int N);

volatile float Sink;

int main(int Argc, char **) {
  // Used in the reverse order of their definitions: clang numbers such
  // lambdas ($_0, $_1) in the order it first needs their names.
  auto Add = [](int X) { return X + 1; };
  auto Sub = [](int X) { return X - 1; };
  int R = apply(Sub, Argc) + apply(Add, Argc);
  std::vector<float> V(8, 1.0f);
  Model M(8);
  double D[4] = {1, 2, 3, 4};
  Sink = M.forward(V) + other(D, 4) + twice(R) + clampIndex(R, 3);
  return 0;
}
