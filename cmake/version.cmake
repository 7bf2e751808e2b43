# Writes OUTPUT, a C++ file defining talent::common::VersionString(): the
# project's version and the source revision being built, from
# `git describe --always --dirty` in SOURCE_DIR; REVISION when given (a
# build from a tarball may pass -DTALENT_REVISION=…), else "unknown
# revision" when SOURCE_DIR is not a git checkout. Run at every build (the
# talent_version_stamp target), it rewrites OUTPUT only when the text
# changes, so an unchanged revision relinks nothing.
#
#   cmake -DSOURCE_DIR=… -DOUTPUT=… -DVERSION=0.1.0 [-DREVISION=…] [-DGIT=git] -P version.cmake
if(NOT REVISION)
  set(REVISION "")
  if(GIT)
    execute_process(COMMAND "${GIT}" -C "${SOURCE_DIR}" describe --always --dirty --tags
                    OUTPUT_VARIABLE REVISION RESULT_VARIABLE git_result
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT git_result EQUAL 0)
      set(REVISION "")
    endif()
  endif()
  if(REVISION STREQUAL "")
    set(REVISION "unknown revision")
  else()
    set(REVISION "git ${REVISION}")
  endif()
endif()
set(text "// Made by cmake/version.cmake at build time; not in the source tree.
#include \"common/version.h\"

namespace talent::common {

const char* VersionString() { return \"${VERSION} (${REVISION})\"; }

}  // namespace talent::common
")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
