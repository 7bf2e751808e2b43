// The version talentd and talentctl print with --version: the project's
// version and the source revision they were built from, e.g. "0.1.0 (git
// 6f6c176-dirty)", or "0.1.0 (unknown revision)" when built outside a git
// checkout. Defined in a file the build writes (cmake/version.cmake), in
// the talent_version library, which only the two executables link, so that
// a new revision relinks nothing else. Thread-safe.
#ifndef TALENT_COMMON_VERSION_H_
#define TALENT_COMMON_VERSION_H_

namespace talent::common {

const char* VersionString();

}  // namespace talent::common

#endif  // TALENT_COMMON_VERSION_H_
