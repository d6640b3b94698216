// In secure mode (a set-uid program, or one given file capabilities) the
// runtime reads FRUGAL_* with secure_getenv, so a caller cannot make the
// program write where it likes: FRUGAL_OUTPUT is ignored, the profile goes
// to the default name in the working directory, and one warning says so.
// The program reports AT_SECURE itself, so a set-uid bit that did not take
// (nosuid mount) fails the test rather than passing it unseen.
// REQUIRES: setid-tests
// RUN: rm -rf %t && mkdir -p %t/cwd %t/out
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: chmod 0777 %t/cwd %t/out
//
// Control: not set-uid, run as nobody: FRUGAL_OUTPUT is honoured.
// RUN: cd %t/cwd && env FRUGAL_OUTPUT=%t/out/plain.json setpriv --reuid=nobody --regid=nogroup --clear-groups %t/exe > %t/plain.out 2> %t/plain.err
// RUN: FileCheck %s --check-prefix=PLAIN < %t/plain.out
// RUN: ls %t/out/plain.json
// RUN: not grep frugal: %t/plain.err
//
// Set-uid to daemon, run by nobody: the real and effective users differ.
// RUN: cp %t/exe %t/setuid-exe && chown daemon %t/setuid-exe && chmod 4755 %t/setuid-exe
// RUN: cd %t/cwd && env FRUGAL_OUTPUT=%t/out/setuid.json setpriv --reuid=nobody --regid=nogroup --clear-groups %t/setuid-exe > %t/setuid.out 2> %t/setuid.err
// RUN: FileCheck %s --check-prefix=SECURE < %t/setuid.out
// RUN: not ls %t/out/setuid.json
// RUN: stat -c '%%U %%n' %t/cwd/frugal-setuid-exe-*.json | FileCheck %s --check-prefix=SETUID-FILE
// RUN: FileCheck %s --check-prefix=WARN --input-file=%t/setuid.err --implicit-check-not=frugal:
//
// A file capability, run by nobody: same user, but AT_SECURE all the same.
// RUN: %if setcap %{ cp %t/exe %t/cap-exe && setcap cap_net_bind_service+ep %t/cap-exe %}
// RUN: %if setcap %{ cd %t/cwd && env FRUGAL_OUTPUT=%t/out/cap.json setpriv --reuid=nobody --regid=nogroup --clear-groups %t/cap-exe > %t/cap.out 2> %t/cap.err %}
// RUN: %if setcap %{ FileCheck %s --check-prefix=SECURE < %t/cap.out %}
// RUN: %if setcap %{ not ls %t/out/cap.json %}
// RUN: %if setcap %{ stat -c '%%U %%n' %t/cwd/frugal-cap-exe-*.json | FileCheck %s --check-prefix=CAP-FILE %}
// RUN: %if setcap %{ FileCheck %s --check-prefix=WARN --input-file=%t/cap.err --implicit-check-not=frugal: %}

// PLAIN: secure=0
// SECURE: secure=1
// SETUID-FILE: daemon {{.*}}/cwd/frugal-setuid-exe-{{[0-9]+}}.json
// CAP-FILE: nobody {{.*}}/cwd/frugal-cap-exe-{{[0-9]+}}.json
// WARN: frugal: warning: running in secure mode (set-uid or file capabilities): the FRUGAL_* variables are ignored
#include <frugal/frugal.h>
#include <stdio.h>
#include <sys/auxv.h>

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int work(int N) {
  volatile int S = 0;
  for (int I = 0; I < N; ++I)
    S += I;
  return S;
}

int main(void) {
  printf("secure=%lu\n", getauxval(AT_SECURE));
  return work(1000) == 0;
}
