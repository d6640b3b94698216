/*===- frugal/abi.h - Contract between FrugalPass and libfrugal_rt -*- C -*-===*
 *
 * The instrumentation pass emits code against these declarations and the
 * runtime implements them. Both sides include this header, so the record
 * layout cannot drift between them. Bump FRUGAL_ABI_VERSION on any change.
 *
 *===----------------------------------------------------------------------===*/
#ifndef FRUGAL_ABI_H
#define FRUGAL_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FRUGAL_ABI_VERSION 1u

/* Name of the ELF section holding one frugal_func_record per function. It is a
 * C identifier so that the linker defines __start_/__stop_ symbols for it. */
#define FRUGAL_RECORD_SECTION "frugal_funcs"

/* frugal_func_record::flags */
enum frugal_func_flags {
  /* Not instrumented: listed so that reports can say it was not measured. */
  FRUGAL_FN_FILTERED = 1u << 0,
  /* Instrumented because an attribute or FRUGAL_ALWAYS_INSTRUMENT asked. */
  FRUGAL_FN_FORCED = 1u << 1,
  /* The function had an exception cleanup path instrumented. */
  FRUGAL_FN_UNWIND_EXIT = 1u << 2,
};

/* frugal_func_record::filter_reason: why a function was or was not
 * instrumented. Names in the profile: see frugal_filter_reason_name(). */
enum frugal_filter_reason {
  FRUGAL_REASON_DEFAULT = 0,        /* passed the IR-size threshold */
  FRUGAL_REASON_ATTR_ALWAYS = 1,    /* xray_always_instrument / macro */
  FRUGAL_REASON_ATTR_NEVER = 2,     /* xray_never_instrument / macro */
  FRUGAL_REASON_INCLUDE_REGEX = 3,  /* matched an include regex */
  FRUGAL_REASON_EXCLUDE_REGEX = 4,  /* matched an exclude regex */
  FRUGAL_REASON_THRESHOLD = 5,      /* below the threshold, no loop */
  FRUGAL_REASON_SYSTEM_HEADER = 6,  /* defined in a system header */
};

/* One per function of an instrumented module, emitted by the pass into
 * FRUGAL_RECORD_SECTION (in the function's comdat when it has one). The
 * instrumented code passes its record's address to the hooks. Size is a
 * multiple of 8 and alignment is 8, so records are contiguous in the section.
 */
struct frugal_func_record {
  uint32_t abi_version;   /* FRUGAL_ABI_VERSION of the pass that emitted it */
  uint32_t flags;         /* frugal_func_flags */
  uint32_t id;            /* written by the runtime at registration; 0 = none */
  uint32_t line;          /* line of the function's name; 0 if unknown */
  const char *linkage_name;  /* mangled name, ThinLTO .llvm.N suffix removed */
  const char *name;          /* demangled linkage name */
  const char *file;          /* source file as given to the compiler */
  const char *resolved_file; /* absolute path with . and .. removed */
  uint32_t ir_instructions;  /* measured before instrumentation */
  uint32_t ir_basic_blocks;
  uint32_t ir_loops;
  uint32_t ir_max_loop_depth;
  uint32_t ir_call_sites;    /* calls and invokes, intrinsics excluded */
  uint32_t filter_reason;    /* frugal_filter_reason */
  uint64_t ir_alloca_bytes;  /* bytes of static allocas */
};

/* One per module (translation unit, or LTO partition), passed at
 * registration. Strings live in the module's read-only data. */
struct frugal_module_info {
  uint32_t abi_version;
  uint32_t reserved;
  const char *source_file;   /* the module's source_filename */
  const char *llvm_version;  /* LLVM_VERSION_STRING of the pass */
  const char *filter;        /* filter configuration, human readable */
};

/* Name of the ELF section holding one frugal_args_desc per function compiled
 * with argument recording (FRUGAL_RECORD_ARGS=1). Only such modules emit
 * it; a program may mix modules with and without. */
#define FRUGAL_ARGS_SECTION "frugal_args"

/* frugal_args_desc::version. The descriptor is versioned on its own, so that
 * adding it left frugal_func_record, and FRUGAL_ABI_VERSION, unchanged. */
#define FRUGAL_ARGS_VERSION 1u

/* The most parameters one function records (the first ones, in source
 * order); the note says when more were left out. */
#define FRUGAL_ARGS_MAX 32u

/* One per instrumented function of a module compiled with argument
 * recording, in FRUGAL_ARGS_SECTION (in the function's comdat when it has
 * one). It names the function's integer parameters (from debug info) whose
 * values __frugal_enter_args receives; num_args is 0 when none could be
 * recorded, and note says why. Size is a multiple of 8 and alignment is 8. */
struct frugal_args_desc {
  uint32_t version;                  /* FRUGAL_ARGS_VERSION */
  uint32_t num_args;                 /* entries of names; values per call */
  struct frugal_func_record *record; /* the function's record */
  const char *const *names;          /* source names, in source order */
  const char *note;                  /* "" or why some were not recorded */
  void *state;                       /* written by the runtime at registration:
                                        the sample storage; NULL = none */
};

/* Hooks called by instrumented code. `frame` is the address of the
 * instrumented function's return-address slot (llvm.addressofreturnaddress),
 * or NULL on targets without it. It is the same at entry and at every exit of
 * one activation, equal for two calls made from the same caller frame, and
 * strictly lower for a callee than for its callers; so the runtime can tell
 * live frames from frames a longjmp abandoned, at entry as well as at exit,
 * whatever the frame sizes. */
void __frugal_enter(struct frugal_func_record *record, void *frame);
void __frugal_exit(struct frugal_func_record *record, void *frame);

/* __frugal_enter for a function compiled with argument recording that has
 * parameters to record: values[i] is the i-th parameter named by args,
 * sign- or zero-extended to 64 bits as its C type says. The runtime reads
 * the values only for the calls it samples. */
void __frugal_enter_args(struct frugal_func_record *record, void *frame,
                         struct frugal_args_desc *args, const int64_t *values);

/* Called by each module's constructor with the bounds of the records of the
 * whole executable or shared object (__start_/__stop_ of the section, hidden).
 * Several modules of one object pass the same bounds; the runtime counts
 * them. The destructor (run at exit or dlclose) unregisters. */
void __frugal_register_module(const struct frugal_module_info *info,
                              struct frugal_func_record *begin,
                              struct frugal_func_record *end);
void __frugal_unregister_module(const struct frugal_module_info *info,
                                struct frugal_func_record *begin,
                                struct frugal_func_record *end);

/* Called by the constructor of a module compiled with argument recording,
 * after __frugal_register_module, with the bounds of the object's
 * descriptors (__start_/__stop_ of FRUGAL_ARGS_SECTION, hidden). The runtime
 * allocates each function's sample storage here; repeated calls with the same
 * bounds do nothing. When the object is unloaded (its records unregister),
 * the runtime keeps copies of the names and notes, with the samples. */
void __frugal_register_args(struct frugal_args_desc *begin,
                            struct frugal_args_desc *end);

/* Emitted (weakly referenced) by the pass in an LTO pre-link compile: when the
 * LTO link does not load the plugin, this constructor survives and the
 * runtime warns that the module was not instrumented. When the link-time pass
 * runs it neutralises the constructor. */
void __frugal_lto_deferred(const char *source_file);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* FRUGAL_ABI_H */
