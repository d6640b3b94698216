// The plugin loaded into clang for C at -O0 and -O2; small functions are
// filtered by the default threshold but keep their record.
// RUN: %clang -O0 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -O2 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s

// CHECK-DAG: @frugal.rec.small = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 5, i64 {{[0-9]+}} }, section "frugal_funcs"
// CHECK-DAG: @frugal.rec.sum = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 {{[0-9]+}} }, section "frugal_funcs"

int small(int X) { return X + 1; }

int sum(const int *A, int N) {
  int S = 0;
  for (int I = 0; I < N; ++I)
    S += A[I];
  return S;
}
// CHECK-LABEL: define {{.*}}i32 @small(
// CHECK-NOT:     @__frugal_
// CHECK:         ret i32
// CHECK-LABEL: define {{.*}}i32 @sum(
// CHECK:         call void @__frugal_enter(ptr @frugal.rec.sum, ptr %{{[0-9a-z.]+}})
// CHECK-NOT:     invoke
// CHECK:         call void @__frugal_exit(ptr @frugal.rec.sum, ptr %{{[0-9a-z.]+}})
