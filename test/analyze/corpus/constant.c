// Constant work: fixed-size loops and straight-line code are O(1), and
// every figure is a plain number.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "%clang -std=c11 -O2 -c %s -o %t/k.o"}]' > %t/compile_commands.json
// RUN: %frugal analyze -p %t --format json -o %t/out.json
// RUN: %python %S/../check_static.py %t/out.json %s

/* 4x4 matrix product (array parameters are pointers). */
void mat4_mul(const float a[16], const float b[16], float c[16]) {
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      float acc = 0.0f;
      for (int k = 0; k < 4; ++k)
        acc += a[i * 4 + k] * b[k * 4 + j];
      c[i * 4 + j] = acc;
    }
}
// Iterations 4 + 16 + 64 = 84; flops 128; int ops 8 + 32 + 128 (loops)
// + 128 + 128 (a, b indices) + 32 (c index) = 456; loads 512; stores 64;
// footprint 3 x 16 floats = 192 bytes; intensity 128 / 192.
// CHECK-STATIC: mat4_mul loops[0].trip_count == 4 ; loops[2].trip_count == 4 ; loops[2].confidence == exact ; complexity.big_o == O(1) ; complexity.confidence == exact
// CHECK-STATIC: mat4_mul ops.total.iterations == 84 ; ops.total.flops == 128 ; ops.total.int_ops == 456 ; ops.total.load_bytes == 512 ; ops.total.store_bytes == 64
// CHECK-STATIC: mat4_mul memory.bytes_touched == 192 ; memory.arithmetic_intensity == 0.6667 ; memory.stack_bytes == 16 ; memory.heap_bytes == 0

/* A local array is memory too. */
float mean8(const float *x) {
  float tmp[8];
  for (int i = 0; i < 8; ++i)
    tmp[i] = x[i] * 0.125f;
  float s = 0.0f;
  for (int i = 0; i < 8; ++i)
    s += tmp[i];
  return s;
}
// Stack: tmp 32 + i 4 + s 4 + i 4 = 44. Loads x 32 + tmp 32, stores tmp
// 32; footprint x 8 + tmp 8 floats = 64; flops 16; int ops 32.
// CHECK-STATIC: mean8 complexity.big_o == O(1) ; ops.total.iterations == 16 ; ops.total.flops == 16 ; ops.total.int_ops == 32 ; ops.total.load_bytes == 64 ; ops.total.store_bytes == 32
// CHECK-STATIC: mean8 memory.stack_bytes == 44 ; memory.bytes_touched == 64 ; memory.arithmetic_intensity == 0.25

float luminance(const float *rgb) {
  return 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
}
// CHECK-STATIC: luminance len(loops) == 0 ; max_loop_depth == 0 ; cyclomatic == 1 ; cognitive == 0 ; statements == 1 ; complexity.big_o == O(1) ; complexity.confidence == exact
// CHECK-STATIC: luminance ops.total.fmul == 3 ; ops.total.fadd == 2 ; ops.total.flops == 5 ; ops.total.load_bytes == 12 ; ops.total.int_ops == 0 ; ops.total.iterations == 0
// CHECK-STATIC: luminance memory.bytes_touched == 12 ; memory.arithmetic_intensity == 0.4167 ; memory.stack_bytes == 0
