// A forked child counts its own thread: the inherited descriptors count
// the parent and are replaced. Each profile holds its own process' work.
#include <frugal/frugal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static volatile double S;
FRUGAL_NO_INSTRUMENT static long long cpu(void){struct timespec t;clock_gettime(CLOCK_THREAD_CPUTIME_ID,&t);return t.tv_sec*1000000000LL+t.tv_nsec;}
FRUGAL_NO_INSTRUMENT static void spin(long long ns){long long e=cpu()+ns;while(cpu()<e)for(int i=0;i<1000;++i)S=S+i;}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void childwork(void){spin(80000000);}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void parentwork(void){spin(40000000);}
FRUGAL_ALWAYS_INSTRUMENT int main(void){usleep(30000); pid_t p=fork(); if(p==0){usleep(30000);childwork();return 0;} parentwork(); waitpid(p,0,0); return 0;}
