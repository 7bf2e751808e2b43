// Aggregate (docs/rules.md §3.1): the trimmed mean, the mean and the median of
// assessors' totals in tenths, each answered in hundredths rounded half away
// from zero, with the numbers of the issue and the edge cases (one value,
// two, duplicated extremes, twenty full marks).
#include "server/domain/results.h"

#include <cstdint>
#include <vector>

#include "gtest/gtest.h"

namespace talent::domain {
namespace {

// --- Aggregate -------------------------------------------------------------

TEST(AggregateTest, MeanOfTheIssueTotals) {
  // 85.5, 85.6, 85.6 → 85.5667 → 85.57.
  EXPECT_EQ(Aggregate(Aggregation::kMean, {855, 856, 856}), 8557);
}

TEST(AggregateTest, TrimmedMeanOfThreeSheetsIsTheMean) {
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {855, 856, 856}), 8557);
  // Trimming would give 90.00.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {600, 900, 1000}), 8333);
}

TEST(AggregateTest, TrimmedMeanOfFourSheetsIsTheMean) {
  // Mean 82.50; trimming would give 80.00.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {700, 800, 800, 1000}), 8250);
  EXPECT_EQ(Aggregate(Aggregation::kMean, {700, 800, 800, 1000}), 8250);
}

TEST(AggregateTest, TrimmedMeanDropsHighestAndLowestFromSixSheets) {
  // The issue's numbers: drop 70.0 and 95.0, mean of 80.1, 80.0, 80.0, 80.0
  // = 80.025 → 80.03.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {700, 801, 800, 800, 800, 950}), 8003);
}

TEST(AggregateTest, TrimmedMeanDoesNotDependOnOrder) {
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {950, 800, 801, 700, 800, 800}), 8003);
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {800, 800, 950, 800, 801, 700}), 8003);
}

TEST(AggregateTest, TrimmedMeanDropsHighestAndLowestFromFiveSheets) {
  // Mean of 70, 80, 90; the plain mean would be 78.00.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {500, 700, 800, 900, 1000}), 8000);
}

TEST(AggregateTest, TrimmedMeanDropsExactlyOneOfDuplicatedExtremes) {
  // One 95.0 dropped, the other kept: (80 + 90 + 95) / 3 = 88.333.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {700, 800, 900, 950, 950}), 8833);
  // One 70.0 dropped, the other kept: (70 + 80 + 90) / 3.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {700, 700, 800, 900, 950}), 8000);
  // Both ends duplicated: (70 + 80 + 95) / 3 = 81.667.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {950, 700, 800, 700, 950}), 8167);
  // All equal.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {800, 800, 800, 800, 800}), 8000);
}

TEST(AggregateTest, TrimmedMeanOfSevenSheets) {
  // Drop 0.0 and 100.0: (60 + 70 + 80 + 90 + 95) / 5 = 79.00.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {0, 600, 700, 800, 900, 950, 1000}), 7900);
}

TEST(AggregateTest, MeanOfSixSheetsKeepsTheExtremes) {
  // 485.1 / 6 = 80.85.
  EXPECT_EQ(Aggregate(Aggregation::kMean, {700, 801, 800, 800, 800, 950}), 8085);
}

TEST(AggregateTest, MeanOfFiveSheetsKeepsTheExtremes) {
  EXPECT_EQ(Aggregate(Aggregation::kMean, {500, 700, 800, 900, 1000}), 7800);
}

TEST(AggregateTest, MeanRoundsHalfAwayFromZero) {
  EXPECT_EQ(Aggregate(Aggregation::kMean, {800, 800, 800, 801}), 8003);  // 80.025
  EXPECT_EQ(Aggregate(Aggregation::kMean, {800, 800, 801}), 8003);       // 80.0333
  EXPECT_EQ(Aggregate(Aggregation::kMean, {800, 801, 801}), 8007);       // 80.0667
  EXPECT_EQ(Aggregate(Aggregation::kMean, {1, 0, 0, 0}), 3);             // 0.025
  EXPECT_EQ(Aggregate(Aggregation::kMean, {1, 0, 0, 0, 0, 0, 0, 0}), 1);  // 0.0125
  EXPECT_EQ(Aggregate(Aggregation::kMean, {1, 0, 0}), 3);                // 0.0333
}

TEST(AggregateTest, MedianOfAnOddCountIsTheMiddleValue) {
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {900, 600, 800}), 8000);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {1000, 500, 850, 700, 900}), 8500);
}

TEST(AggregateTest, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {800, 805}), 8025);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {1000, 805, 700, 800}), 8025);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {801, 800}), 8005);
  // The issue's six totals: 80.0 and 80.0 in the middle.
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {700, 801, 800, 800, 800, 950}), 8000);
}

TEST(AggregateTest, MedianDoesNotTrim) {
  // Five values: the median is the third, not a trimmed mean (80.00).
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {500, 700, 850, 900, 1000}), 8500);
}

TEST(AggregateTest, OneValueIsThatValueInHundredths) {
  for (Aggregation method : {Aggregation::kTrimmedMean, Aggregation::kMean, Aggregation::kMedian}) {
    EXPECT_EQ(Aggregate(method, {855}), 8550) << static_cast<int>(method);
    EXPECT_EQ(Aggregate(method, {0}), 0) << static_cast<int>(method);
    EXPECT_EQ(Aggregate(method, {1000}), 10000) << static_cast<int>(method);
  }
}

TEST(AggregateTest, TwoValues) {
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {800, 805}), 8025);
  EXPECT_EQ(Aggregate(Aggregation::kMean, {800, 805}), 8025);
}

TEST(AggregateTest, TwentyFullMarks) {
  std::vector<int64_t> values(20, 1000);
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, values), 10000);
  EXPECT_EQ(Aggregate(Aggregation::kMean, values), 10000);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, values), 10000);
}

}  // namespace
}  // namespace talent::domain
