//===- Sgd.h - Mini-batch SGD, shared by the gradient-trained models ------===//
//
// Deterministic initialisation and shuffling, the mini-batch gather and the
// update step. Random numbers are raw std::mt19937 output turned into what
// is needed here by our own transforms, not std::*_distribution, whose
// results differ between standard libraries: the same seed trains the same
// model everywhere.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_EXAMPLES_CLASSIFIERS_SGD_H
#define FRUGAL_EXAMPLES_CLASSIFIERS_SGD_H

#include "Dataset.h"

#include <random>

// W[0..N) drawn uniformly from [-Limit, Limit).
void initUniform(float *W, int N, float Limit, std::mt19937 &Rng);

// Order[0..N) = 0..N-1 in a random order (Fisher-Yates).
void shuffledOrder(int *Order, int N, std::mt19937 &Rng);

// Copies the rows Order[0..Count) of Data into X (Count x Data.Cols) and
// their labels into Y: one mini-batch, contiguous.
void gatherBatch(const Dataset &Data, const int *Order, int Count, float *X,
                 int *Y);

// W[I] = 0 wherever Mask[I] is 0, for N weights: holds pruned weights at 0.
void applyMask(float *W, const unsigned char *Mask, int N);

// One step of gradient descent with L2 regularisation (weight decay):
// W[I] -= LearningRate * (G[I] + L2 * W[I]).
void sgdStep(float *W, const float *G, int N, float LearningRate, float L2);

#endif // FRUGAL_EXAMPLES_CLASSIFIERS_SGD_H
