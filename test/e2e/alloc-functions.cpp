// FRUGAL_TRACK_ALLOC=1: every allocation function and operator is charged,
// exactly, to the function that called it; frees (in another function, or
// on another thread) to the function that made the block.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %frugal-clangxx -O1 -g -pthread %s -o %t/exe
// RUN: env FRUGAL_TRACK_ALLOC=1 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/p.json %t/exe 2>&1 | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_alloc.py %t/p.json status on \
// RUN:   fn useMalloc 4000 2 2 4000 4000 \
// RUN:   fn useCalloc 1000 1 1 1000 1000 \
// RUN:   fn useRealloc 5100 2 2 5100 5000 \
// RUN:   fn reallocToZero 64 1 1 64 64 \
// RUN:   fn useReallocarray 900 2 2 900 600 \
// RUN:   fn usePosixMemalign 640 1 1 640 640 \
// RUN:   fn useAlignedAlloc 512 1 1 512 512 \
// RUN:   fn useMemalign 300 1 1 300 300 \
// RUN:   fn useNewArray 650 2 2 650 650 \
// RUN:   fn useNew 304 2 2 304 304 \
// RUN:   fn crossThreadAlloc 2048 1 1 2048 2048 \
// RUN:   fn outer 10 1 1 10 10 incl outer 30 2 \
// RUN:   fn inner 40 2 2 40 40 node-peaks inner 20 \
// RUN:   fn releaseAll 0 0 0 0 0 incl releaseAll 0 0 \
// RUN:   fn phase 777 1 1 777 777 \
// RUN:   consistent | FileCheck %s --check-prefix=CHECK
//
// Off (the default): nothing is tracked, no alloc anywhere, no warning.
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/off.json %t/exe 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: %python %S/Inputs/check_alloc.py %t/off.json status off no-alloc
// A bad value: one warning, and off.
// RUN: env FRUGAL_TRACK_ALLOC=maybe FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/bad.json %t/exe 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: %python %S/Inputs/check_alloc.py %t/bad.json status off no-alloc

// OUT-NOT: frugal: warning
// OUT: bad_alloc caught, nothrow gave null
// OUT: done
// CHECK: ok status on
// CHECK: ok consistent
// OFF-NOT: frugal:
// OFF: bad_alloc caught, nothrow gave null
// OFF: done
// BAD: frugal: warning: FRUGAL_TRACK_ALLOC='maybe' is not a boolean{{.*}}; using 0
// BAD-NOT: FRUGAL_TRACK_ALLOC
// BAD: done
#include <frugal/frugal.h>
#include <exception>
#include <malloc.h>
#include <new>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define TRACKED FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline))

// Blocks escape through volatile globals: the compiler may not elide the
// allocations.
void *volatile Kept[16];
int *volatile KeptInts;
char *volatile KeptChars;
struct Obj {
  char Bytes[48];
};
struct alignas(128) Aligned {
  char Bytes[256];
};
Obj *volatile KeptObj;
Aligned *volatile KeptAligned;

// 1000 and 3000 live together (peak 4000); the 1000 freed here.
TRACKED void useMalloc() {
  void *A = malloc(1000);
  Kept[0] = A;
  Kept[1] = malloc(3000);
  free(A);
}
TRACKED void useCalloc() { Kept[2] = calloc(10, 100); }
// A realloc is a free of the old block and an allocation of the new size.
TRACKED void useRealloc() {
  void *P = malloc(100);
  Kept[0] = P;
  Kept[3] = realloc(P, 5000);
}
// glibc's realloc(p, 0) frees p and returns NULL: one free.
TRACKED void reallocToZero() {
  void *P = malloc(64);
  Kept[0] = P;
  Kept[0] = realloc(P, 0);
}
// Through our realloc path, not libc's reallocarray (which calls realloc
// through the symbol table: it would be counted twice).
TRACKED void useReallocarray() {
  void *P = reallocarray(nullptr, 10, 30);
  Kept[0] = P;
  Kept[12] = reallocarray(P, 20, 30);
}
TRACKED void usePosixMemalign() {
  void *P = nullptr;
  if (posix_memalign(&P, 64, 640) == 0)
    Kept[4] = P;
}
TRACKED void useAlignedAlloc() { Kept[5] = aligned_alloc(256, 512); }
TRACKED void useMemalign() { Kept[6] = memalign(128, 300); }
TRACKED void useNewArray() {
  KeptInts = new int[100];                    // 400
  KeptChars = new (std::nothrow) char[250];   // 250
}
TRACKED void useNew() {
  KeptObj = new Obj;         // 48
  KeptAligned = new Aligned; // 256, operator new(size_t, align_val_t)
}
TRACKED void crossThreadAlloc() { Kept[7] = malloc(2048); }
// inner runs in two contexts whose blocks are live at the same time: the
// function's peak is 40, each node's 20.
TRACKED void inner() {
  for (int I = 0; I < 16; ++I)
    if (!Kept[8 + I % 2]) {
      Kept[8 + I % 2] = malloc(20);
      return;
    }
}
TRACKED void outer() {
  Kept[10] = malloc(10);
  inner();
}
TRACKED void other() { inner(); }

TRACKED void releaseAll() {
  free(Kept[1]);
  free(Kept[2]);
  free(Kept[3]);
  free(Kept[4]);
  free(Kept[5]);
  free(Kept[6]);
  for (int I = 8; I <= 12; ++I)
    free(Kept[I]);
  delete[] KeptInts;
  delete[] KeptChars;
  delete KeptObj;
  delete KeptAligned;
}

// A failed operator new still throws the C++ library's std::bad_alloc
// (through the interposer's frame), and the nothrow one returns null.
volatile size_t Huge = size_t(1) << 62;
void tryHuge() {
  bool Caught = false;
  try {
    Kept[13] = new char[Huge];
  } catch (const std::bad_alloc &) {
    Caught = true;
  }
  Kept[14] = new (std::nothrow) char[Huge];
  printf("%s, nothrow gave %s\n", Caught ? "bad_alloc caught" : "no exception",
         Kept[14] ? "memory" : "null");
}

void *freeOnThisThread(void *P) {
  free(P);
  return nullptr;
}

int main() {
  // stdio's buffer is allocated here, in no tracked function.
  printf("start\n");
  fflush(stdout);
  useMalloc();
  useCalloc();
  useRealloc();
  reallocToZero();
  useReallocarray();
  usePosixMemalign();
  useAlignedAlloc();
  useMemalign();
  useNewArray();
  useNew();
  outer();
  other();
  FRUGAL_REGION_BEGIN("phase");
  Kept[11] = malloc(777);
  FRUGAL_REGION_END("phase");

  crossThreadAlloc();
  pthread_t T;
  if (pthread_create(&T, nullptr, freeOnThisThread, Kept[7]) != 0 ||
      pthread_join(T, nullptr) != 0)
    return 1;
  releaseAll();
  tryHuge();
  printf("done\n");
  return 0;
}
