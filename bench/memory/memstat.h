/* bench/memory/memstat.c: the process's memory, printed from inside it. */
#ifndef FRUGAL_BENCH_MEMSTAT_H
#define FRUGAL_BENCH_MEMSTAT_H
void memstat_print(const char *label);
#endif
