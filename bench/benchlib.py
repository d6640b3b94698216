"""What the benchmark scripts under bench/ share: the repository's root, the
LLVM a frugal build was configured with, an environment without the
caller's FRUGAL_* settings, and the programs the e2e and sampled sections
run (each sized to about 0.5-1 s of CPU on the development VM).

A script in bench/SECTION/ imports it with
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import benchlib
"""
import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# classify's arguments per variant (--min-inference-ms 0 is added by the
# callers: the inference loop otherwise repeats until a wall-clock time has
# passed, which would hide an overhead). The variants that train in
# milliseconds on the digits get a larger synthetic data set.
VARIANT_ARGS = {
    "logreg": ["--epochs", "600"],
    "mlp": ["--epochs", "100"],
    "mlp-blocked": ["--epochs", "250"],
    "mlp-int8": ["--epochs", "100"],
    "mlp-pruned": ["--epochs", "80", "--fine-tune-epochs", "20"],
    "tree": ["--data", "synthetic", "--samples", "25000"],
    "knn": ["--data", "synthetic", "--samples", "10000"],
    "naive-bayes": ["--data", "synthetic", "--samples", "40000",
                    "--classes", "1000"],
}
# The transformer's defaults, spelled out for the tables: about 1 s.
TRANSFORMER_ARGS = ["--dim", "512", "--layers", "4", "--heads", "8",
                    "--vocab", "1024", "--prompt", "16", "--tokens", "256"]

# Libraries each program links besides the C++ runtime.
PROGRAM_LIBS = {"classify": ["-lz"], "transformer": []}


def program_sources():
    """{program: its source files}: classify (examples/) and transformer."""
    return {
        "classify": [os.path.join(ROOT, "examples", "classify", "main.cpp")] +
        sorted(glob.glob(os.path.join(ROOT, "examples", "classifiers", "*.cpp"))),
        "transformer": sorted(glob.glob(os.path.join(ROOT, "bench", "transformer",
                                                     "*.cpp"))),
    }


def llvm_root(build, who):
    """The FRUGAL_LLVM_ROOT of a configured frugal build; exits, naming the
    calling section (who), when there is none."""
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith("FRUGAL_LLVM_ROOT:"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    sys.exit("%s: error: no FRUGAL_LLVM_ROOT in %s/CMakeCache.txt; is it a "
             "configured frugal build?" % (who, build))


def clean_env(extra=None):
    """The caller's environment without FRUGAL_* (the runtime's and the
    pass's defaults), plus extra."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRUGAL_")}
    env.update(extra or {})
    return env
