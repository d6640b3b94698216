// Recursion: complexity unknown (big_o null), never invented.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
// cyclomatic 1 + ?: = 2.
// CHECK-STATIC: fib recursive == true ; complexity.big_o == null ; complexity.confidence == unknown ; complexity.reason != null ; cyclomatic == 2 ; statements == 1 ; max_loop_depth == 0 ; len(loops) == 0
// Its own body: two calls (worst branch), int ops: <, -, -, + = 4.
// CHECK-STATIC: fib ops.self.calls == 2 ; ops.self.int_ops == 4
// cognitive: ?: +1, and +1 for the recursion as the SonarSource
// specification counts it (clang-tidy omits that increment; frugal follows
// the specification, docs/static-format.md) = 2.
// CHECK-STATIC: fib cognitive == 2

/* Mutual recursion. */
int is_odd(unsigned n);
int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
// CHECK-STATIC: is_even recursive == true ; complexity.big_o == null ; complexity.confidence == unknown
// CHECK-STATIC: is_odd recursive == true ; complexity.big_o == null

/* Not recursive itself, but its callee is: its total is unknown. */
long fib_sum(int n) {
  long s = 0;
  for (int i = 0; i < n; ++i)
    s += fib(i);
  return s;
}
// CHECK-STATIC: fib_sum recursive == false ; loops[0].trip_count == n ; loops[0].confidence == exact ; complexity.big_o == null ; complexity.confidence == unknown
// CHECK-STATIC: fib_sum ops.self.calls ~= n ; ops.self.int_ops ~= 3*n ; memory.stack_bytes == 12
