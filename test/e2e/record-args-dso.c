// Argument recording across objects: the executable (shared-libs.c) is
// compiled without it, the shared library it links and the plugin it
// dlopens with it. The plugin's arguments survive its dlclose (names copied
// before it is unloaded); functions of the executable have no "args".
// RUN: rm -rf %t && mkdir -p %t
// RUN: env FRUGAL_RECORD_ARGS=1 %clang -O2 -g -shared -fPIC -I%include -fpass-plugin=%plugin %S/Inputs/shlib.c %rtlink -o %t/libshlib.so
// RUN: env FRUGAL_RECORD_ARGS=1 %clang -O2 -g -shared -fPIC -I%include -fpass-plugin=%plugin %S/Inputs/plugin.c %rtlink -o %t/plugin.so
// RUN: %clang -O2 -g -I%include -fpass-plugin=%plugin %S/shared-libs.c -L%t -Wl,-rpath,%t -lshlib -ldl %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe %t/plugin.so close | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_args.py %t/p.json show | FileCheck %s
// RUN: %python %S/Inputs/check_args.py %t/p.json noargs | FileCheck %s --check-prefix=NOARGS
// RUN: %query %t/p.json modules | FileCheck %s --check-prefix=MOD
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK

// OUT: shlib 10 plugin 20
// CHECK:      args plugin_work names=N rows=1 note=-
// CHECK-NEXT:   row 10 x1
// CHECK-NEXT: args shlib_work names=N rows=1 note=-
// CHECK-NEXT:   row 10 x1
// NOARGS: noargs main
// MOD: module {{.*}}plugin.so loaded=0
// OK: ok
