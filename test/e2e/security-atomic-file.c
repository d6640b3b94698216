// The profile is written to a temporary file created with O_EXCL|O_NOFOLLOW
// and mode 0644 (less the umask), then renamed over FRUGAL_OUTPUT: whatever
// is planted at FRUGAL_OUTPUT is replaced, never written through, and the
// program's output and exit status do not change.
// RUN: rm -rf %t && mkdir -p %t/tmp
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
//
// Mode: 0644 less the umask, whatever the umask (0 included).
// RUN: %expect-exit 3 sh -c 'umask 000 && FRUGAL_OUTPUT=%t/m000.json exec "$@"' umask %t/exe
// RUN: %expect-exit 3 sh -c 'umask 022 && FRUGAL_OUTPUT=%t/m022.json exec "$@"' umask %t/exe
// RUN: %expect-exit 3 sh -c 'umask 077 && FRUGAL_OUTPUT=%t/m077.json exec "$@"' umask %t/exe
// RUN: stat -c '%%a %%n' %t/m000.json %t/m022.json %t/m077.json | FileCheck %s --check-prefix=MODE
// MODE: 644 {{.*}}m000.json
// MODE: 644 {{.*}}m022.json
// MODE: 600 {{.*}}m077.json
//
// A symlink planted at the target is replaced; the file it named is intact.
// RUN: echo precious > %t/victim
// RUN: ln -s %t/victim %t/link.json
// RUN: env FRUGAL_OUTPUT=%t/link.json %expect-exit 3 %t/exe 2> %t/link.err
// RUN: %python -c "import os,sys; sys.exit(os.path.islink(sys.argv[1]))" %t/link.json
// RUN: %query %t/link.json functions | FileCheck %s --check-prefix=PROFILE
// RUN: FileCheck %s --check-prefix=VICTIM --input-file=%t/victim
// RUN: not grep frugal: %t/link.err
// PROFILE: fn work calls=1
// VICTIM: {{^precious$}}
//
// A dangling symlink: replaced, the file it names never created.
// RUN: ln -s %t/created-by-attacker %t/dangling.json
// RUN: env FRUGAL_OUTPUT=%t/dangling.json %expect-exit 3 %t/exe
// RUN: %query %t/dangling.json functions | FileCheck %s --check-prefix=PROFILE
// RUN: not ls %t/created-by-attacker
//
// A FIFO: replaced without being opened (opening it would block the exit).
// RUN: mkfifo %t/fifo.json
// RUN: env FRUGAL_OUTPUT=%t/fifo.json %expect-exit 3 %t/exe
// RUN: %query %t/fifo.json functions | FileCheck %s --check-prefix=PROFILE
//
// A directory: cannot be replaced; one warning, the profile goes to TMPDIR
// under the same name, through the same steps (a symlink planted there is
// replaced too), and the directory is left empty.
// RUN: mkdir %t/dir.json
// RUN: echo precious > %t/victim2
// RUN: ln -s %t/victim2 %t/tmp/dir.json
// RUN: env TMPDIR=%t/tmp FRUGAL_OUTPUT=%t/dir.json %expect-exit 3 %t/exe 2> %t/dir.err
// RUN: FileCheck %s --check-prefix=DIR --input-file=%t/dir.err --implicit-check-not=frugal:
// RUN: %query %t/tmp/dir.json functions | FileCheck %s --check-prefix=PROFILE
// RUN: FileCheck %s --check-prefix=VICTIM --input-file=%t/victim2
// RUN: %python -c "import os,sys; sys.exit(len(os.listdir(sys.argv[1])))" %t/dir.json
// DIR: frugal: warning: cannot rename the temporary file to {{.*}}/dir.json: Is a directory; writing the profile to {{.*}}/tmp/dir.json
//
// No temporary file is left behind anywhere.
// RUN: %python -c "import glob,sys; sys.exit(len(glob.glob(sys.argv[1] + '/**/*.tmp.*', recursive=True)))" %t
#include <frugal/frugal.h>

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int work(int N) {
  volatile int S = 0;
  for (int I = 0; I < N; ++I)
    S += I;
  return S;
}

int main(void) { return work(1000) ? 3 : 0; }
