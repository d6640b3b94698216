// The minimal shadow-stack hook pair: push the function at entry and pop it
// at exit on a thread-local stack, and count the call; no clock. The floor
// for any profiler that keeps each thread's stack for a sampler to read
// (what frugal's sampled timing does, which also keeps a calling-context
// tree with a call count per context, a reentrancy guard and a longjmp
// check).
#define DEPTH 1024
static __thread void *Stack[DEPTH] __attribute__((tls_model("initial-exec")));
static __thread unsigned Top __attribute__((tls_model("initial-exec")));
static __thread unsigned long Calls __attribute__((tls_model("initial-exec")));

void __cyg_profile_func_enter(void *Fn, void *Site) {
  (void)Site;
  Stack[Top++ & (DEPTH - 1)] = Fn;
  ++Calls;
}
void __cyg_profile_func_exit(void *Fn, void *Site) {
  (void)Fn;
  (void)Site;
  --Top;
}
