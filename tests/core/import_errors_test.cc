// ImportErrors: every problem counted, the first 1,000 by line listed, each
// reason cleaned of control characters and cut to length.
#include "server/core/import_errors.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace talent::core {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

std::vector<int> Lines(const std::vector<ImportError>& errors) {
  std::vector<int> out;
  for (const ImportError& e : errors) out.push_back(e.line);
  return out;
}

TEST(ImportErrorsTest, ListsEveryErrorByLineWhenThereAreFew) {
  ImportErrors errors;
  errors.Add(5, "phone", "b");
  errors.Add(2, "track", "a");
  errors.Add(5, "email", "c");
  EXPECT_EQ(errors.count(), 3);
  std::vector<ImportError> listed = errors.TakeListed();
  EXPECT_THAT(Lines(listed), ElementsAre(2, 5, 5));
  // Two problems on one line keep the order they were found in.
  EXPECT_EQ(listed[1].column, "phone");
  EXPECT_EQ(listed[2].column, "email");
}

TEST(ImportErrorsTest, KeepsTheFirstThousandByLineAndCountsAll) {
  ImportErrors errors;
  for (int line = 2; line < 5002; ++line) errors.Add(line, "years", "bad");
  EXPECT_EQ(errors.count(), 5000);
  std::vector<ImportError> listed = errors.TakeListed();
  ASSERT_EQ(listed.size(), 1000u);
  EXPECT_EQ(listed.front().line, 2);
  EXPECT_EQ(listed.back().line, 1001);
}

TEST(ImportErrorsTest, AnEarlierLineFoundLaterStillDisplacesALaterOne) {
  // The database's problems are found after the file's, but are listed by
  // line with them.
  ImportErrors errors(3);
  for (int line = 10; line < 20; ++line) errors.Add(line, "", "file");
  errors.Add(4, "national_id", "database");
  errors.Add(11, "national_id", "database");
  EXPECT_EQ(errors.count(), 12);
  std::vector<ImportError> listed = errors.TakeListed();
  EXPECT_THAT(Lines(listed), ElementsAre(4, 10, 11));
  EXPECT_EQ(listed[2].reason, "file") << "the earlier-found error of line 11 comes first";
}

TEST(ImportErrorsTest, ReasonsAreCleanedAndCut) {
  ImportErrors errors;
  errors.Add(2, "track", "bad \x1b[31mred\u202E " + std::string(1000, 'x'));
  std::vector<ImportError> listed = errors.TakeListed();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].reason.find('\x1b'), std::string::npos);
  EXPECT_EQ(listed[0].reason.find("\u202E"), std::string::npos);
  EXPECT_EQ(listed[0].reason.rfind("bad [31mred x", 0), 0u);
  EXPECT_EQ(listed[0].reason.size(), ImportErrors::kMaxReasonChars - 1 + std::string("…").size());
}

TEST(ImportErrorsTest, NoneAdded) {
  ImportErrors errors;
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(errors.count(), 0);
  EXPECT_THAT(errors.TakeListed(), IsEmpty());
}

}  // namespace
}  // namespace talent::core
