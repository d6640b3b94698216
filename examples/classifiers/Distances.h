//===- Distances.h - Distances from one query to every training row -------===//
#ifndef FRUGAL_EXAMPLES_CLASSIFIERS_DISTANCES_H
#define FRUGAL_EXAMPLES_CLASSIFIERS_DISTANCES_H

// Out[R] = the squared Euclidean distance between Query (Cols floats) and
// row R of Train (Rows x Cols, row-major), for every R. k-NN spends its
// time here; the function has a file of its own so that it is never
// inlined into its caller and shows in profiles under its own name.
void squaredDistances(const float *Query, const float *Train, int Rows,
                      int Cols, float *Out);

#endif // FRUGAL_EXAMPLES_CLASSIFIERS_DISTANCES_H
