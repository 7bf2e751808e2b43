// FUZZ_CHECK(condition): for the libFuzzer harnesses, aborts with the
// condition's text when a property fails, so that libFuzzer keeps the input
// that broke it (crash-<sha1>). Header-only; thread-compatible.
#ifndef TALENT_TESTS_FUZZ_FUZZ_CHECK_H_
#define TALENT_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                       \
  do {                                                                              \
    if (!(condition)) {                                                             \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__,      \
                   #condition);                                                     \
      std::abort();                                                                 \
    }                                                                               \
  } while (false)

#endif  // TALENT_TESTS_FUZZ_FUZZ_CHECK_H_
