// The one table of user-facing names in English and Chinese: proto enum
// values (keys like "TRACK_SERVICE") and table headings (keys like "H_NAME").
// Output looks labels up with Label(); input (CSV cells, command-line values)
// maps them back with KeyForLabel(), so a user may type a value in either
// language. The table is constant; all functions are thread-safe.
#ifndef TALENT_COMMON_LABELS_H_
#define TALENT_COMMON_LABELS_H_

#include <optional>
#include <string>
#include <string_view>

namespace talent::common {

enum class Lang { kEnglish, kChinese };

// kChinese when `lang` (a LANG-style value such as "zh_CN.UTF-8" or "zh")
// starts with "zh"; kEnglish otherwise, including for nullptr.
Lang LangFromString(const char* lang);

// The label of `key` in `lang`. An unknown key returns the key itself, so a
// missing table entry shows up as a readable key rather than an empty cell;
// the view then refers to `key`'s characters, so keep them alive as long.
std::string_view Label(std::string_view key, Lang lang);

// Label(key, kEnglish) as a std::string, for building server messages.
std::string EnglishLabel(std::string_view key);

// Reverse lookup for parsing user input: the first key, among those starting
// with `prefix` (e.g. "TRACK_"), whose English label, Chinese label, the key
// itself or the key without the prefix equals `text`, ignoring ASCII case
// and surrounding ASCII whitespace; in all but the Chinese label '-', '_' and
// ' ' count as one ("EDUCATION_RESEARCH", "education research").
// Several keys share a Chinese label (STAGE_ACTIVE and
// COHORT_STATE_CULTIVATING are both 培养中), so pass a prefix. Empty optional
// when nothing matches.
std::optional<std::string> KeyForLabel(std::string_view prefix, std::string_view text);

}  // namespace talent::common

#endif  // TALENT_COMMON_LABELS_H_
