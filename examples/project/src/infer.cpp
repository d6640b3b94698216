// mini-infer: a small two-layer network on a random batch. The layers come
// from libminilayers (shared, OpenMP), the tensors from libminitensor
// (static) and the activation from a plugin loaded with dlopen.
//
//   mini-infer PLUGIN.so [BATCH]
#include "mini/activation.h"
#include "mini/layers.h"
#include "mini/tensor.h"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <memory>

namespace {

struct MatrixDeleter {
  void operator()(mini_matrix *M) const { mini_matrix_free(M); }
};
using Matrix = std::unique_ptr<mini_matrix, MatrixDeleter>;

Matrix randomMatrix(int Rows, int Cols, unsigned Seed) {
  Matrix M(mini_matrix_new(Rows, Cols));
  if (M)
    mini_matrix_fill(M.get(), Seed);
  return M;
}

struct Activation {
  const char *Name;
  mini_activation_apply_fn *Apply;
};

bool loadActivation(const char *Path, Activation &Out) {
  // The plugin stays loaded until exit, like most plugin hosts do.
  void *Handle = dlopen(Path, RTLD_NOW | RTLD_LOCAL);
  if (!Handle) {
    std::fprintf(stderr, "mini-infer: cannot load %s: %s\n", Path, dlerror());
    return false;
  }
  auto *Name = reinterpret_cast<mini_activation_name_fn *>(
      dlsym(Handle, "mini_activation_name"));
  Out.Apply = reinterpret_cast<mini_activation_apply_fn *>(
      dlsym(Handle, "mini_activation_apply"));
  if (!Name || !Out.Apply) {
    std::fprintf(stderr, "mini-infer: %s is not an activation plugin\n", Path);
    return false;
  }
  Out.Name = Name();
  return true;
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2 || Argc > 3) {
    std::fprintf(stderr, "usage: mini-infer PLUGIN.so [BATCH]\n");
    return 2;
  }
  int Batch = Argc == 3 ? std::atoi(Argv[2]) : 8192;
  if (Batch < 1 || Batch > 1 << 20) {
    std::fprintf(stderr, "mini-infer: BATCH must be in [1, 1048576]\n");
    return 2;
  }
  Activation Act;
  if (!loadActivation(Argv[1], Act))
    return 1;

  const int Inputs = 256, Hidden = 128, Outputs = 10;
  Matrix X = randomMatrix(Batch, Inputs, 1),
         W1 = randomMatrix(Hidden, Inputs, 2), B1 = randomMatrix(1, Hidden, 3),
         W2 = randomMatrix(Outputs, Hidden, 4),
         B2 = randomMatrix(1, Outputs, 5);
  Matrix H(mini_matrix_new(Batch, Hidden)), Y(mini_matrix_new(Batch, Outputs));
  if (!X || !W1 || !B1 || !W2 || !B2 || !H || !Y) {
    std::fprintf(stderr, "mini-infer: out of memory\n");
    return 1;
  }
  if (mini_dense_forward(X.get(), W1.get(), B1->data, H.get()) != 0) {
    std::fprintf(stderr, "mini-infer: shape mismatch\n");
    return 1;
  }
  Act.Apply(H->data, static_cast<long>(Batch) * Hidden);
  if (mini_dense_forward(H.get(), W2.get(), B2->data, Y.get()) != 0) {
    std::fprintf(stderr, "mini-infer: shape mismatch\n");
    return 1;
  }
  std::printf("activation %s, batch %d, checksum %.4f\n", Act.Name, Batch,
              mini_matrix_sum(Y.get()));
  return 0;
}
