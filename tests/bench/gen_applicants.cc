// gen_applicants: writes a CSV of fictional applicants to stdout for import
// benchmarks and load tests.
//
//   gen_applicants N [seed]
//
// Header: name,national_id,gender,organisation,region,track,phone,email,
// qualification,years. Rows are deterministic for a given N and seed. National
// IDs are valid (Sichuan region codes, birth dates 1970-1995, correct check
// character) and all distinct; gender matches the ID's 17th digit; tracks go
// round-robin service, management, education-research; phones and e-mails
// are distinct too. Single-threaded.
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"
#include "common/national_id.h"

namespace {

using talent::common::CsvLine;
using talent::common::NationalIdCheckCharacter;

struct Region {
  const char* code;
  const char* name;
};

constexpr Region kRegions[] = {
    {"510104", "成都市锦江区"},   {"510105", "成都市青羊区"}, {"510106", "成都市金牛区"},
    {"510107", "成都市武侯区"},   {"510108", "成都市成华区"}, {"510112", "成都市龙泉驿区"},
    {"510113", "成都市青白江区"}, {"510114", "成都市新都区"}, {"510115", "成都市温江区"},
    {"510116", "成都市双流区"},   {"510117", "成都市郫都区"}, {"510302", "自贡市自流井区"},
    {"510402", "攀枝花市东区"},   {"510502", "泸州市江阳区"}, {"510603", "德阳市旌阳区"},
    {"510703", "绵阳市涪城区"},   {"510704", "绵阳市游仙区"}, {"510802", "广元市利州区"},
    {"510903", "遂宁市船山区"},   {"511002", "内江市市中区"}, {"511102", "乐山市市中区"},
    {"511302", "南充市顺庆区"},   {"511402", "眉山市东坡区"}, {"511502", "宜宾市翠屏区"},
    {"511602", "广安市广安区"},   {"511702", "达州市通川区"}, {"511802", "雅安市雨城区"},
    {"511902", "巴中市巴州区"},   {"512002", "资阳市雁江区"},
};

constexpr const char* kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴",   "周",   "徐",   "孙",   "马",
    "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁",   "谢",   "宋",   "唐",   "许",
    "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董",   "袁",   "潘",   "蒋",   "蔡",
    "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任",   "沈",   "姚",   "卢",   "姜",
    "崔", "钟", "谭", "陆", "汪", "范", "廖", "石", "欧阳", "司马", "诸葛", "上官",
};

constexpr const char* kMaleGivenNames[] = {
    "伟",   "强",   "磊",   "军",   "勇",   "杰",   "涛",   "斌",   "超",   "明",
    "刚",   "平",   "辉",   "鹏",   "建华", "志强", "国平", "文博", "浩然", "子轩",
    "俊杰", "宇航", "建国", "晓东", "海涛", "明远", "志刚", "天佑", "思远", "嘉豪",
};

constexpr const char* kFemaleGivenNames[] = {
    "芳",   "娜",   "敏",   "静",   "丽",   "艳",   "娟",   "霞",   "燕",   "玲",
    "婷",   "雪",   "琳",   "倩",   "秀英", "桂兰", "晓梅", "海燕", "雅琴", "欣怡",
    "梓涵", "诗琪", "雨桐", "佳怡", "慧敏", "春梅", "丽华", "思彤", "美玲", "紫萱",
};

constexpr const char* kOrganisationKinds[] = {
    "社会工作服务中心", "社区服务中心",     "民政局",         "社会工作协会",
    "养老服务中心",     "儿童福利院",       "街道办事处",     "社会福利院",
    "心理健康服务中心", "社会组织孵化基地", "残疾人康复中心", "社区教育学院",
};

constexpr const char* kTracks[] = {"service", "management", "education-research"};
constexpr const char* kQualifications[] = {"助理社会工作师", "社会工作师", "高级社会工作师"};
constexpr const char* kPhonePrefixes[] = {"130", "131", "132", "135", "136", "137", "138",
                                          "139", "150", "151", "158", "159", "180", "186",
                                          "187", "188", "189", "177", "199"};

template <typename T, size_t N>
constexpr size_t Count(const T (&)[N]) {
  return N;
}

// Birth dates run from 1970-01-01 for kBirthDays days (to 1995-12-31).
constexpr int64_t kBirthDays = 9496;
constexpr int64_t kSequences = 1000;  // digits 15-17 of an ID

// splitmix64: a fixed, portable mixer, so the output does not depend on the
// standard library's distributions.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
void CivilFromDays(int64_t z, int* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(yoe + era * 400 + (*month <= 2 ? 1 : 0));
}

void AppendPadded(std::string* out, uint64_t value, int digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*llu", digits, static_cast<unsigned long long>(value));
  out->append(buf);
}

bool ParseUnsigned(const char* text, uint64_t* value) {
  if (text == nullptr || *text < '0' || *text > '9') return false;
  char* end = nullptr;
  errno = 0;
  const unsigned long long parsed = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *value = parsed;
  return true;
}

int Usage(const char* message) {
  std::fprintf(stderr,
               "gen_applicants: %s\nusage: gen_applicants N [seed]\n"
               "  writes a CSV of N fictional applicants with valid, distinct national IDs\n",
               message);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) return Usage("expected N and an optional seed");
  uint64_t n = 0;
  uint64_t seed = 2023;
  if (!ParseUnsigned(argv[1], &n)) return Usage("N must be a non-negative integer");
  if (argc == 3 && !ParseUnsigned(argv[2], &seed)) {
    return Usage("seed must be a non-negative integer");
  }

  // Every ID comes from a distinct k in [0, capacity): k = (i * step + offset)
  // mod capacity is a bijection when gcd(step, capacity) == 1, which spreads
  // consecutive rows over regions and dates while never repeating an ID.
  const uint64_t capacity = Count(kRegions) * kBirthDays * kSequences;
  if (n > capacity) {
    std::fprintf(stderr, "gen_applicants: N must be at most %llu\n",
                 static_cast<unsigned long long>(capacity));
    return 2;
  }
  uint64_t step = 2654435761ULL % capacity;
  while (std::gcd(step, capacity) != 1) ++step;
  const uint64_t offset = Mix(seed) % capacity;
  const uint64_t phone_offset = Mix(seed ^ 0x5A5A5A5AULL) % 100000000ULL;

  std::string out = CsvLine({"name", "national_id", "gender", "organisation", "region", "track",
                             "phone", "email", "qualification", "years"});
  out.reserve(1 << 20);
  std::vector<std::string> row(10);
  std::string id;
  for (uint64_t i = 0; i < n; ++i) {
    // i and step are below capacity < 2^29, so the product fits in 64 bits.
    uint64_t k = (i * step + offset) % capacity;
    const uint64_t sequence = k % kSequences;
    k /= kSequences;
    const int64_t birth_day = static_cast<int64_t>(k % kBirthDays);
    const Region& region = kRegions[k / kBirthDays];
    int year = 0, month = 0, day = 0;
    CivilFromDays(birth_day, &year, &month, &day);

    id.assign(region.code);
    AppendPadded(&id, static_cast<uint64_t>(year), 4);
    AppendPadded(&id, static_cast<uint64_t>(month), 2);
    AppendPadded(&id, static_cast<uint64_t>(day), 2);
    AppendPadded(&id, sequence, 3);
    id.push_back(NationalIdCheckCharacter(id));
    const bool male = sequence % 2 == 1;  // the 17th digit is the last of the sequence

    const uint64_t h = Mix(seed * 0x100000001B3ULL + i);
    row[0] = kSurnames[h % Count(kSurnames)];
    row[0] += male ? kMaleGivenNames[(h >> 8) % Count(kMaleGivenNames)]
                   : kFemaleGivenNames[(h >> 8) % Count(kFemaleGivenNames)];
    row[1] = id;
    row[2] = male ? "male" : "female";
    row[3] = region.name;
    row[3] += kOrganisationKinds[(h >> 16) % Count(kOrganisationKinds)];
    // Now and then a name with a comma, so importers meet quoted fields.
    if ((h >> 24) % 50 == 0) row[3] += ",第二分部";
    row[4] = region.name;
    row[5] = kTracks[i % Count(kTracks)];
    row[6] = kPhonePrefixes[(h >> 32) % Count(kPhonePrefixes)];
    AppendPadded(&row[6], (i + phone_offset) % 100000000ULL, 8);
    row[7] = "applicant";
    AppendPadded(&row[7], i + 1, 6);
    row[7] += "@example.org";
    row[8] = kQualifications[(h >> 40) % Count(kQualifications)];
    // At most (age in 2023 - 20) years of practice, between 3 and 30.
    const int max_years = std::min(30, 2023 - year - 20);
    row[9] = std::to_string(3 + static_cast<int>((h >> 48) % static_cast<uint64_t>(max_years - 2)));
    out += CsvLine(row);

    if (out.size() > (1 << 20) - 4096) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0) {
    std::perror("gen_applicants: writing stdout");
    return 1;
  }
  return 0;
}
