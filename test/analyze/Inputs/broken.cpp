int good(int N) { return N + 1; }

int bad(int N) { return N + undeclared; }

int alsoGood(int N) { return good(N) * 2; }
