// ThrowsCliError: runs a statement and checks it throws CliError with the
// given exit code and exact message. For the argument checks of talentctl.
#ifndef TALENT_TESTS_CLIENT_CLI_ERROR_MATCHERS_H_
#define TALENT_TESTS_CLIENT_CLI_ERROR_MATCHERS_H_

#include <string>

#include "client/cli_context.h"
#include "gtest/gtest.h"

// EXPECT_CLI_ERROR(ParseQuotas("1/2"), kExitUsage, "--quotas must be …");
#define EXPECT_CLI_ERROR(statement, code, text)            \
  do {                                                     \
    try {                                                  \
      (void)(statement);                                   \
      ADD_FAILURE() << #statement << " threw no CliError"; \
    } catch (const ::talent::client::CliError& e) {        \
      EXPECT_EQ(e.exit_code, (code)) << e.message;         \
      EXPECT_EQ(e.message, (text));                        \
    }                                                      \
  } while (false)

#endif  // TALENT_TESTS_CLIENT_CLI_ERROR_MATCHERS_H_
