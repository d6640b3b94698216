//===- OutputFile.cpp - Writing -o files in one step ----------------------===//

#include "OutputFile.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"

using namespace llvm;

namespace frugal {

Error writeFileAtomically(StringRef Path,
                          function_ref<void(raw_ostream &)> Write) {
  StringRef Fix = "check that the directory exists and is writable";
  SmallString<256> Temp;
  int FD;
  // createUniqueFile opens with O_CREAT|O_EXCL (so never through a symlink,
  // dangling or not) under a random name. Its default mode is 0666 less the
  // umask: with umask 0 the temporary file, then FILE, would be
  // world-writable. 0644 less the umask, like the runtime's profiles.
  const unsigned Mode = sys::fs::owner_read | sys::fs::owner_write |
                        sys::fs::group_read | sys::fs::others_read;
  if (std::error_code EC = sys::fs::createUniqueFile(
          Path + ".tmp.%%%%%%%%", FD, Temp, sys::fs::OF_None, Mode))
    return makeError("cannot create a temporary file beside " + Path + ": " +
                         EC.message(),
                     Fix);
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.close();
    if (OS.has_error()) {
      std::string Message = OS.error().message();
      OS.clear_error();
      sys::fs::remove(Temp);
      return makeError("cannot write " + Path + ": " + Message, Fix);
    }
  }
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    sys::fs::remove(Temp);
    return makeError("cannot write " + Path + ": " + EC.message(), Fix);
  }
  return Error::success();
}

Error writeOutput(StringRef Path, function_ref<void(raw_ostream &)> Write) {
  if (Path.empty()) {
    Write(outs());
    outs().flush();
    return Error::success();
  }
  return writeFileAtomically(Path, Write);
}

} // namespace frugal
