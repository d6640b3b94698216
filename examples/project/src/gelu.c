/* An activation plugin: GELU, tanh approximation. */
#include "mini/activation.h"

#include <math.h>

const char *mini_activation_name(void) { return "gelu"; }

void mini_activation_apply(float *values, long n) {
  const float k = 0.7978845608f; /* sqrt(2 / pi) */
  for (long i = 0; i < n; ++i) {
    float x = values[i];
    values[i] = 0.5f * x * (1.0f + tanhf(k * (x + 0.044715f * x * x * x)));
  }
}
