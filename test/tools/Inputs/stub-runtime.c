/* Stands in for libfrugal_rt in tests of how the wrappers link it. */
void __frugal_enter(void *Record) { (void)Record; }
