// test/analyze/command-line-flags.test: which functions exist depends on a
// macro given after '--'.
int base(int N) {
  int S = 0;
  for (int I = 0; I < N; ++I)
    S += I;
  return S;
}

#ifdef WITH_EXTRA
int extra(int N) { return base(N) * 2; }
#endif
