// Decision trees: traversal (a data-dependent while loop), a forest
// averaging its trees, and the depth of a tree by recursion.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

struct node {
  int feature;     /* < 0 for a leaf */
  float threshold;
  int left, right; /* children's indices */
  float value;     /* a leaf's prediction */
};

float tree_predict(const struct node *nodes, const float *x) {
  int i = 0;
  while (nodes[i].feature >= 0) {
    if (x[nodes[i].feature] <= nodes[i].threshold)
      i = nodes[i].left;
    else
      i = nodes[i].right;
  }
  return nodes[i].value;
}
// The exit depends on the data: trip count unknown, no big-O, and what
// the loop does cannot be counted (listed, never zero).
// cyclomatic 1 + while + if = 3; cognitive while 1, if 2, else 1 = 4.
// CHECK-STATIC: tree_predict cyclomatic == 3 ; cognitive == 4 ; max_loop_depth == 1 ; recursive == false
// CHECK-STATIC: tree_predict len(loops) == 1 ; loops[0].trip_count == null ; loops[0].confidence == unknown ; loops[0].reason != null
// CHECK-STATIC: tree_predict complexity.big_o == null ; complexity.confidence == unknown
// CHECK-STATIC: tree_predict len(ops.total.uncounted) >= 1 ; memory.stack_bytes == 4

float forest_predict(const struct node *const *trees, int ntrees,
                     const float *x) {
  float s = 0.0f;
  for (int t = 0; t < ntrees; ++t)
    s += tree_predict(trees[t], x);
  return s / ntrees;
}
// Its own loop is exact; the callee's cost is unknown, so is the total.
// Self: fadd ntrees, fdiv 1 (float / int), calls ntrees, loads 8 ntrees
// (the pointers trees[t]).
// CHECK-STATIC: forest_predict loops[0].trip_count == ntrees ; loops[0].confidence == exact
// CHECK-STATIC: forest_predict complexity.big_o == null ; complexity.confidence == unknown
// CHECK-STATIC: forest_predict ops.self.fadd ~= ntrees ; ops.self.fdiv == 1 ; ops.self.calls ~= ntrees ; ops.self.load_bytes ~= 8*ntrees ; len(ops.total.uncounted) >= 1

int tree_depth(const struct node *nodes, int i) {
  if (nodes[i].feature < 0)
    return 1;
  int l = tree_depth(nodes, nodes[i].left);
  int r = tree_depth(nodes, nodes[i].right);
  return 1 + (l > r ? l : r);
}
// CHECK-STATIC: tree_depth recursive == true ; complexity.big_o == null ; complexity.confidence == unknown ; complexity.reason != null ; len(loops) == 0 ; cyclomatic == 3 ; memory.stack_bytes == 8
