/* Calls a runtime hook, as instrumented code does. */
void __frugal_enter(void *Record);
int main(void) {
  __frugal_enter(0);
  return 0;
}
