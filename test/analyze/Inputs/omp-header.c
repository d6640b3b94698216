#include <omp.h>

int threads(void) { return omp_get_max_threads(); }
