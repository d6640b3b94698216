/* The interface of mini's activation plugins, loaded with dlopen: each
 * plugin defines these two functions. */
#ifndef MINI_ACTIVATION_H
#define MINI_ACTIVATION_H

#ifdef __cplusplus
extern "C" {
#endif

typedef const char *mini_activation_name_fn(void);
/* Applies the activation to n values in place. */
typedef void mini_activation_apply_fn(float *values, long n);

#ifdef __cplusplus
}
#endif

#endif
