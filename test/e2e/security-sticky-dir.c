// A /tmp-like directory (world-writable, sticky), the program run as nobody:
// a fresh FRUGAL_OUTPUT there is written with mode 0644 less the umask and
// no temporary file left; a symlink another user (daemon) planted at
// FRUGAL_OUTPUT can be neither followed nor replaced (the sticky bit forbids
// the rename), so one warning and the profile goes to TMPDIR, while the
// file the link names (writable by nobody: following it would succeed) is
// left as it was.
// REQUIRES: setid-tests
// RUN: rm -rf %t && mkdir -p %t/sticky %t/tmp
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: chmod 1777 %t/sticky && chmod 0777 %t/tmp
// RUN: echo precious > %t/victim && chown nobody %t/victim
// RUN: setpriv --reuid=daemon --regid=daemon --clear-groups ln -s %t/victim %t/sticky/planted.json
//
// RUN: %expect-exit 3 setpriv --reuid=nobody --regid=nogroup --clear-groups sh -c 'umask 022 && FRUGAL_OUTPUT=%t/sticky/fresh.json exec "$@"' umask %t/exe
// RUN: stat -c '%%a %%U %%F' %t/sticky/fresh.json | FileCheck %s --check-prefix=FRESH
// FRESH: 644 nobody regular file
//
// RUN: env FRUGAL_OUTPUT=%t/sticky/planted.json TMPDIR=%t/tmp %expect-exit 3 setpriv --reuid=nobody --regid=nogroup --clear-groups %t/exe 2> %t/planted.err
// RUN: FileCheck %s --check-prefix=PLANTED --input-file=%t/planted.err --implicit-check-not=frugal:
// RUN: stat -c '%%U %%F' %t/sticky/planted.json %t/tmp/planted.json | FileCheck %s --check-prefix=AFTER
// RUN: FileCheck %s --check-prefix=VICTIM --input-file=%t/victim
// RUN: %python -c "import glob,sys; sys.exit(len(glob.glob(sys.argv[1] + '/**/*.tmp.*', recursive=True)))" %t
// PLANTED: frugal: warning: cannot rename the temporary file to {{.*}}/sticky/planted.json: Operation not permitted; writing the profile to {{.*}}/tmp/planted.json
// AFTER: daemon symbolic link
// AFTER-NEXT: nobody regular file
// VICTIM: {{^precious$}}
#include <frugal/frugal.h>

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int work(int N) {
  volatile int S = 0;
  for (int I = 0; I < N; ++I)
    S += I;
  return S;
}

int main(void) { return work(1000) ? 3 : 0; }
