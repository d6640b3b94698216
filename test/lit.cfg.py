# lit configuration for frugal: pass IR tests (test/pass) and end-to-end
# tests that compile, run and inspect profiles (test/e2e).
import glob
import os
import shutil

import lit.formats

config.name = "frugal"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "unit", "sim"]
config.test_source_root = config.frugal_test_src
config.test_exec_root = config.frugal_test_obj

llvm_bin = os.path.join(config.llvm_root, "bin")
obj = config.frugal_obj_root
config.environment["PATH"] = os.pathsep.join(
    [os.path.join(obj, "bin"), llvm_bin, config.environment.get("PATH", "")])
# Tests must not inherit a developer's frugal settings.
for var in list(os.environ):
    if var.startswith("FRUGAL_"):
        config.environment.pop(var, None)

plugin = os.path.join(obj, "lib", "FrugalPass.so")
rtlib = os.path.join(obj, "lib")
include = os.path.join(obj, "include")
clang = os.path.join(llvm_bin, "clang")
clangxx = os.path.join(llvm_bin, "clang++")
rt_link = "-L%s -Wl,-rpath,%s -lfrugal_rt" % (rtlib, rtlib)

config.substitutions.append(("%opt", os.path.join(llvm_bin, "opt")))
# The build tree itself, for the tests that install it (test/install).
config.substitutions.append(("%frugal-build", obj))
# The source tree, for the tests that build examples/project.
config.substitutions.append(("%frugal-src", config.frugal_src_root))
# autoreconf, for the autotools build of examples/project (scripts/test.sh
# installs autoconf, automake and libtool).
if all(shutil.which(t) for t in ("autoreconf", "automake", "libtoolize")):
    config.available_features.add("autotools")
# A clang of another major version than the one frugal was built with (the
# plugin cannot be loaded by it): the install tests check that
# frugal_instrument refuses it. The machines have 14, 19 and 22.
for major in (22, 19, 14):
    other = "/usr/lib/llvm-%d/bin/clang" % major
    if major != config.llvm_version_major and os.access(other, os.X_OK):
        config.substitutions.append(("%other-clangxx", other + "++"))
        config.substitutions.append(("%other-clang", other))
        config.available_features.add("other-clang")
        break
# --- Sanitized runtime (scripts/sanitize.sh, docs/reliability.md, section 3).
# `lit --param frugal_sanitize=address,undefined` (or `thread`), against a
# build configured with the same -DFRUGAL_SANITIZE: test programs are
# compiled and linked with the sanitizer too, since the sanitized
# libfrugal_rt.so needs the sanitizer's runtime in the executable. The
# sanitizers' own SEGV/abort handlers are turned off so that a program still
# dies of its signal (the tests check how it dies); the first report aborts.
sanitize = lit_config.params.get("frugal_sanitize", "")
if sanitize:
    san_flags = " -fsanitize=%s -fno-sanitize-recover=all" % sanitize
    clang += san_flags
    clangxx += san_flags
    config.available_features.add("frugal-sanitized")
    kind = "tsan" if "thread" in sanitize else "asan"
    config.available_features.add("frugal-" + kind)
    # allocator_may_return_null: the runtime's own failed-allocation paths
    # are tested with huge requests, which must fail, not abort.
    opts = ("handle_segv=0:handle_abort=0:handle_sigbus=0:handle_sigfpe=0:"
            "halt_on_error=1:abort_on_error=0:allocator_may_return_null=1")
    supp = os.path.join(config.frugal_src_root, "scripts", "sanitizers")
    config.environment["ASAN_OPTIONS"] = opts
    # die_after_fork=0: the runtime restarts its background threads in a
    # forked child of a threaded program, by design (docs/runtime.md).
    config.environment["TSAN_OPTIONS"] = (
        opts + ":die_after_fork=0:suppressions=" +
        os.path.join(supp, "tsan.supp"))
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:" + opts
    # Leaks are checked, less glibc's (each suppression says why).
    config.environment["LSAN_OPTIONS"] = "suppressions=" + os.path.join(
        supp, "lsan.supp")
    for name in ("ASAN", "TSAN", "UBSAN", "LSAN"):
        extra = os.environ.get("FRUGAL_%s_OPTIONS" % name)
        if extra:
            config.environment["%s_OPTIONS" % name] += ":" + extra
    # `--param frugal_tools=BUILD` (sanitize.sh --tools-from): the pass
    # plugin, wrappers, CLI and RAPL simulator of an uninstrumented build
    # (they are not instrumented here either), with this build's sanitized
    # runtime: %rtlink and %include are set above, and the wrappers link
    # the runtime that FRUGAL_RUNTIME_DIR names.
    tools_obj = lit_config.params.get("frugal_tools", "")
    if tools_obj:
        obj = tools_obj
        plugin = os.path.join(obj, "lib", "FrugalPass.so")
        config.environment["PATH"] = os.pathsep.join(
            [os.path.join(obj, "bin"), config.environment["PATH"]])
        config.environment["FRUGAL_RUNTIME_DIR"] = rtlib
else:
    san_flags = ""
# %clang-unsanitized: clang without the sanitizer, for code that is loaded
# into uninstrumented programs too (an LD_PRELOAD shim also reaches the
# python3 of %expect-exit). Before %clang, a prefix of it.
config.substitutions.append(
    ("%clang-unsanitized", os.path.join(llvm_bin, "clang")))
# --- end of the sanitized-runtime settings.
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%rtlibdir", rtlib))
config.substitutions.append(("%rtlink", rt_link))
config.substitutions.append(("%include", include))
config.substitutions.append(("%clangxx", clangxx))
config.substitutions.append(("%clang", clang))
config.substitutions.append(("%lld", os.path.join(llvm_bin, "ld.lld")))
config.substitutions.append(("%frugal-clangxx", os.path.join(obj, "bin", "frugal-clang++") + san_flags))
config.substitutions.append(("%frugal-clang", os.path.join(obj, "bin", "frugal-clang") + san_flags))
config.substitutions.append(("%frugal", os.path.join(obj, "bin", "frugal")))
# The classifier demo (examples/classify), built without and with frugal
# (the longer name first: a substitution also matches a prefix).
config.substitutions.append(
    ("%classify-plain", os.path.join(obj, "bin", "classify-plain")))
config.substitutions.append(("%classify", os.path.join(obj, "bin", "classify")))
config.substitutions.append(
    ("%query", "%s %s" % (config.python,
                          os.path.join(config.frugal_test_src, "tools", "profile_query.py"))))
# %expect-exit STATUS CMD...: CMD must exit with STATUS (-N: die of signal N),
# where `not` would accept any failure. %default-signals CMD...: run CMD with
# SIGINT/SIGTERM at their defaults (lit's workers ignore SIGINT).
tools = os.path.join(config.frugal_test_src, "tools")
config.substitutions.append(
    ("%expect-exit", "%s %s" % (config.python,
                                os.path.join(tools, "Inputs", "expect-exit.py"))))
config.substitutions.append(
    ("%default-signals", "%s %s" % (config.python,
                                    os.path.join(tools, "with_default_signals.py"))))
config.substitutions.append(("%python", config.python))
# The RAPL simulator (test/sim) and the directory of its sim_phase.h.
config.substitutions.append(
    ("%rapl-sim", os.path.join(obj, "test", "sim", "frugal-rapl-sim")))
config.substitutions.append(
    ("%sim-include", os.path.join(config.frugal_test_src, "sim")))

# Timing-sensitive suites (test/energy) run one test at a time.
lit_config.parallelism_groups["energy"] = 1

config.available_features.add("llvm-%d" % config.llvm_version_major)
if config.llvm_version_major >= 20:
    config.available_features.add("lto-phase")

# OpenMP: clang needs omp.h and libomp from some libomp-N-dev (Debian allows
# one at a time); the OpenMP runtime ABI is stable across versions.
omp_headers = sorted(glob.glob("/usr/lib/llvm-*/lib/clang/*/include/omp.h"))
omp_libs = sorted(glob.glob("/usr/lib/llvm-*/lib/libomp.so"))
if omp_headers and omp_libs:
    omp_flags = "-fopenmp -isystem %s -L%s -Wl,-rpath,%s" % (
        os.path.dirname(omp_headers[-1]), os.path.dirname(omp_libs[-1]),
        os.path.dirname(omp_libs[-1]))
    config.substitutions.append(("%openmp", omp_flags))
    config.available_features.add("openmp")
    # For builds driven by a build system (test/install/sample-*.test), whose
    # OpenMP checks see no command-line flags of ours: omp.h and libomp in a
    # directory of their own, named by CPATH and LIBRARY_PATH (a directory
    # with the rest of another clang's headers would shadow this clang's).
    omp_only = os.path.join(config.frugal_test_obj, "openmp-only")
    os.makedirs(omp_only, exist_ok=True)
    for target in (omp_headers[-1], omp_libs[-1]):
        link = os.path.join(omp_only, os.path.basename(target))
        if os.path.realpath(link) != os.path.realpath(target):
            if os.path.lexists(link):
                os.remove(link)
            os.symlink(target, link)
    config.substitutions.append(
        ("%omp-env", "CPATH=%s LIBRARY_PATH=%s" % (omp_only, omp_only)))

# HTML reports (test/tools/html): frugal-html-from-json writes the page of a
# JSON fixture, and %check-html renders a page in headless Chromium (Debian's
# chromium; scripts/test.sh installs it) and checks that its charts drew.
# Without chromium those tests fail, saying why, rather than pass unseen;
# FRUGAL_ALLOW_NO_CHROMIUM=1 marks them unsupported instead.
config.substitutions.append(
    ("%html-from-json", os.path.join(obj, "bin", "frugal-html-from-json")))
config.substitutions.append(
    ("%check-html", "%s %s" % (config.python,
                               os.path.join(tools, "html", "check_html.py"))))
if any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
    config.available_features.add("chromium")
elif os.environ.get("FRUGAL_ALLOW_NO_CHROMIUM") == "1":
    lit_config.note("chromium not found: the HTML tests are unsupported "
                    "(FRUGAL_ALLOW_NO_CHROMIUM=1)")
else:
    config.available_features.add("chromium")
    lit_config.warning("chromium not found: the HTML tests will fail; install "
                       "Debian's chromium, or set FRUGAL_ALLOW_NO_CHROMIUM=1")

# Security tests (test/e2e/security-*): a program made set-uid to another
# user, or given a file capability with setcap, is run as nobody. That needs
# root (chown, setcap, setpriv), the users nobody and daemon, a test
# directory that nobody can reach on a mount without nosuid (where set-uid
# bits work), and, for the capability test, setcap (Debian's libcap2-bin).
# Elsewhere those tests are unsupported, and the note says why.
def _setid_tests_blocker():
    import pwd
    if os.geteuid() != 0:
        return "not running as root"
    if not shutil.which("setpriv"):
        return "setpriv (util-linux) not found"
    try:
        pwd.getpwnam("nobody"), pwd.getpwnam("daemon")
    except KeyError:
        return "no user nobody or daemon"
    exec_root = config.test_exec_root
    os.makedirs(exec_root, exist_ok=True)
    if os.statvfs(exec_root).f_flag & os.ST_NOSUID:
        return "%s is on a nosuid mount" % exec_root
    path = os.path.realpath(exec_root)
    while True:
        if not os.stat(path).st_mode & 0o001:
            return "nobody cannot enter %s" % path
        if path == "/":
            return None
        path = os.path.dirname(path)
_blocker = _setid_tests_blocker()
if _blocker:
    lit_config.note("set-uid/setcap security tests unsupported: " + _blocker)
else:
    config.available_features.add("setid-tests")
    if shutil.which("setcap"):
        config.available_features.add("setcap")
    else:
        lit_config.note("setcap not found (Debian: libcap2-bin): the file "
                        "capability test is unsupported")
