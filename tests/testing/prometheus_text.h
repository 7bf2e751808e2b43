// What Prometheus's own Python client (Debian's python3-prometheus-client,
// run by Debian's /usr/bin/python3) reads in a text exposition: the lines
// tests/testing/parse_metrics.py prints ("family\tNAME\tTYPE",
// "sample\tNAME\tk=v,…\tVALUE"). Needs the DEBIAN_PYTHON3_PATH and
// TALENT_SOURCE_DIR definitions of the test target. Not thread-safe (a
// temporary file of a fixed name per process).
#ifndef TALENT_TESTS_TESTING_PROMETHEUS_TEXT_H_
#define TALENT_TESTS_TESTING_PROMETHEUS_TEXT_H_

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "gtest/gtest.h"

namespace talent::testing {

// The parser's lines, as a set; empty, with a test failure recorded, when
// the text does not parse.
inline std::set<std::string> ParsePrometheusText(const std::string& exposition) {
  const std::string path = ::testing::TempDir() + "/exposition-" + std::to_string(::getpid());
  std::ofstream(path, std::ios::binary) << exposition;
  const std::string command = std::string(DEBIAN_PYTHON3_PATH) + " '" + TALENT_SOURCE_DIR +
                              "/tests/testing/parse_metrics.py' '" + path + "' 2>&1";
  std::set<std::string> lines;
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return lines;
  }
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = ::pclose(pipe);
  std::remove(path.c_str());
  if (status != 0) {
    ADD_FAILURE() << "the exposition does not parse: " << output << "\n" << exposition;
    return lines;
  }
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    lines.insert(output.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_PROMETHEUS_TEXT_H_
