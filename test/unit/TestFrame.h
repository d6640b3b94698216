/* What the pass passes to the hooks, for tests that act as instrumented
 * code: the calling function's return-address slot (one word above its frame
 * record; the tests are built with frame pointers). */
#ifndef FRUGAL_TEST_UNIT_TESTFRAME_H
#define FRUGAL_TEST_UNIT_TESTFRAME_H
#define FRUGAL_TEST_FRAME()                                                    \
  ((void *)((char *)__builtin_frame_address(0) + sizeof(void *)))
#endif
