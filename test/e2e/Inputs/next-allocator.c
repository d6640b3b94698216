/* A stand-in for tcmalloc or jemalloc: an allocator library that the
 * program links. It serves every request through glibc's own entry points
 * and counts the calls it gets. Its functions never call each other
 * through the symbol table (static helpers), as real allocators do not:
 * such a call would reach the interposer again. */
#include <errno.h>
#include <stddef.h>
#include <unistd.h>

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void __libc_free(void *);
void *__libc_memalign(size_t, size_t);

static unsigned long Calls;
unsigned long next_allocator_calls(void) { return Calls; }

static void *aligned(size_t A, size_t N) {
  ++Calls;
  return __libc_memalign(A, N);
}
static void *resize(void *P, size_t N) {
  ++Calls;
  return __libc_realloc(P, N);
}

void *malloc(size_t N) {
  ++Calls;
  return __libc_malloc(N);
}
void free(void *P) {
  ++Calls;
  __libc_free(P);
}
void *calloc(size_t N, size_t S) {
  ++Calls;
  return __libc_calloc(N, S);
}
void *realloc(void *P, size_t N) { return resize(P, N); }
void *reallocarray(void *P, size_t N, size_t S) {
  size_t B;
  if (__builtin_mul_overflow(N, S, &B)) {
    errno = ENOMEM;
    return NULL;
  }
  return resize(P, B);
}
void *memalign(size_t A, size_t N) { return aligned(A, N); }
void *aligned_alloc(size_t A, size_t N) { return aligned(A, N); }
void *valloc(size_t N) { return aligned((size_t)getpagesize(), N); }
void *pvalloc(size_t N) {
  size_t Page = (size_t)getpagesize();
  return aligned(Page, (N + Page - 1) / Page * Page);
}
int posix_memalign(void **Out, size_t A, size_t N) {
  void *P = aligned(A, N);
  if (!P)
    return ENOMEM;
  *Out = P;
  return 0;
}
