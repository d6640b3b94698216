//===- Activations.h - Element- and row-wise layer operations -------------===//
//
// What the gradient-trained models do around their matrix products: biases,
// ReLU, the softmax cross-entropy loss and its gradient, the arg-max of each
// row. Every matrix is row-major, Rows x Cols, with rows Cols apart.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_EXAMPLES_CLASSIFIERS_ACTIVATIONS_H
#define FRUGAL_EXAMPLES_CLASSIFIERS_ACTIVATIONS_H

// Y[I][J] += Bias[J].
void addBias(float *Y, int Rows, int Cols, const float *Bias);

// Grad[J] = the sum over I of DY[I][J]: the gradient of a bias.
void biasGradient(const float *DY, int Rows, int Cols, float *Grad);

// V[I] = max(V[I], 0) for N values.
void reluInPlace(float *V, int N);

// Grad[I] = 0 where Activation[I] (a ReLU's output) is 0: back through the
// ReLU, for N values.
void reluBackward(const float *Activation, float *Grad, int N);

// Turns each row of Logits into its softmax probabilities, in place, and
// returns the mean over the rows of -log(probability of the row's label).
float softmaxCrossEntropy(float *Logits, const int *Labels, int Rows, int Cols);

// Turns the probabilities softmaxCrossEntropy left into the gradient of its
// mean loss with respect to the logits: (P - one-hot(label)) / Rows.
void softmaxCrossEntropyGradient(float *Probabilities, const int *Labels,
                                 int Rows, int Cols);

// Out[I] = the column of the largest value of row I (the first of equal
// ones).
void argmaxRows(const float *X, int Rows, int Cols, int *Out);

#endif // FRUGAL_EXAMPLES_CLASSIFIERS_ACTIVATIONS_H
