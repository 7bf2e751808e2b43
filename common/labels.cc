#include "common/labels.h"

namespace talent::common {
namespace {

struct LabelEntry {
  std::string_view key;
  std::string_view en;
  std::string_view zh;
};

// Keys are proto enum value names (so a value's name is its key), H_* table
// headings, F_* result flags, ELIM_* reasons for an elimination and T_*
// lines of text. To add a label, add a line.
constexpr LabelEntry kLabels[] = {
    {"TRACK_SERVICE", "service", "服务类"},
    {"TRACK_MANAGEMENT", "management", "管理类"},
    {"TRACK_EDUCATION_RESEARCH", "education-research", "教育与研究类"},

    {"COHORT_STATE_DRAFT", "draft", "草稿"},
    {"COHORT_STATE_ENROLLING", "enrolling", "报名中"},
    {"COHORT_STATE_CULTIVATING", "cultivating", "培养中"},
    {"COHORT_STATE_CLOSED", "closed", "已结束"},

    {"STAGE_APPLIED", "applied", "申报"},
    {"STAGE_RECOMMENDED", "recommended", "推荐"},
    {"STAGE_SELECTED", "selected", "入选"},
    {"STAGE_NOT_SELECTED", "not-selected", "未入选"},
    {"STAGE_ACTIVE", "active", "培养中"},
    {"STAGE_ELIMINATED", "eliminated", "淘汰"},
    {"STAGE_WITHDRAWN", "withdrawn", "退出"},
    {"STAGE_COMPLETED", "completed", "结业"},
    {"STAGE_CERTIFIED", "certified", "已认定"},

    {"LEVEL_COUNTY", "county", "县级"},
    {"LEVEL_CITY", "city", "市级"},
    {"LEVEL_PROVINCE", "province", "省级"},

    {"ROLE_ADMIN", "admin", "管理员"},
    {"ROLE_ASSESSOR", "assessor", "评审专家"},
    {"ROLE_VIEWER", "viewer", "查看者"},

    {"GENDER_MALE", "male", "男"},
    {"GENDER_FEMALE", "female", "女"},

    {"RATING_EXCELLENT", "excellent", "优秀"},
    {"RATING_GOOD", "good", "良好"},
    {"RATING_PASS", "pass", "合格"},
    {"RATING_FAIL", "fail", "不合格"},

    {"H_ID", "ID", "编号"},
    {"H_CODE", "CODE", "代码"},
    {"H_TITLE", "TITLE", "名称"},
    {"H_ISSUER", "ISSUER", "发文单位"},
    {"H_YEARS", "YEARS", "年度"},
    {"H_TARGET", "TARGET", "目标"},
    {"H_YEAR", "YEAR", "年度"},
    {"H_STATE", "STATE", "状态"},
    {"H_QUOTA", "QUOTA", "名额"},
    {"H_SERVICE", "SERVICE", "服务类"},
    {"H_MANAGEMENT", "MANAGEMENT", "管理类"},
    {"H_EDUCATION", "EDUCATION", "教育与研究类"},
    {"H_NAME", "NAME", "姓名"},
    {"H_NATIONAL_ID", "NATIONAL ID", "身份证号"},
    {"H_GENDER", "GENDER", "性别"},
    {"H_ORGANISATION", "ORGANISATION", "工作单位"},
    {"H_REGION", "REGION", "地区"},
    {"H_TRACK", "TRACK", "类别"},
    {"H_STAGE", "STAGE", "阶段"},
    {"H_RECOMMENDATIONS", "RECOMMENDED BY", "推荐单位"},
    {"H_USERNAME", "USER", "用户名"},
    {"H_TOKEN", "TOKEN", "令牌"},
    {"H_ROLE", "ROLE", "角色"},
    {"H_DISPLAY_NAME", "DISPLAY NAME", "显示名"},
    {"H_CREATED", "CREATED", "创建时间"},
    {"H_EXPIRES", "EXPIRES", "过期时间"},
    {"H_REVOKED", "REVOKED", "已撤销"},
    {"H_LABEL", "LABEL", "标签"},
    {"H_SELECTED", "SELECTED", "入选"},
    {"H_APPLIED", "APPLIED", "申报"},
    {"H_COUNT", "COUNT", "人数"},
    {"H_PHONE", "PHONE", "手机"},
    {"H_EMAIL", "EMAIL", "邮箱"},
    {"H_LINE", "LINE", "行"},
    {"H_COLUMN", "COLUMN", "列"},
    {"H_REASON", "REASON", "原因"},
    {"H_COHORT", "COHORT", "批次"},
    {"H_BIRTH_DATE", "BIRTH DATE", "出生日期"},
    {"H_QUALIFICATION", "QUALIFICATION", "证书等级"},
    {"H_EXPERIENCE", "YEARS OF EXPERIENCE", "从业年限"},
    {"DISABLED", "disabled", "已停用"},
    {"H_TIME", "TIME", "时间"},
    {"H_POINTS", "POINTS", "得分"},
    {"H_RANK", "RANK", "名次"},
    {"H_SEQ", "NO.", "序号"},
    {"H_ELIGIBLE", "CERTIFICATE ELIGIBLE", "可颁发证书"},
    {"ELIGIBLE", "eligible for a certificate", "待颁证"},
    {"YES", "yes", "是"},
    {"H_RESOLUTION", "RESOLUTION", "处理结果"},
    {"APPEAL_STATE_OPEN", "open", "待处理"},
    {"APPEAL_STATE_REJECTED", "rejected", "驳回"},
    {"APPEAL_STATE_AMENDED", "amended", "已更正"},
    {"H_SCORE", "SCORE", "得分"},
    {"H_SHEETS", "SHEETS", "评分表"},
    {"H_RATING", "RATING", "等次"},
    {"H_FLAGS", "FLAGS", "标记"},
    {"H_ELIMINATED", "ELIMINATED", "淘汰"},
    // Lines under a listing (absl::Substitute templates: $0, $1).
    {"T_PROVISIONAL", "Provisional: final once the round is confirmed.",
     "暂定结果：本轮确认后方为最终结果。"},
    {"T_EXCELLENT_CAP", "Excellent cap this round: $0 of $1 assessed", "本轮优秀名额：$0 名，参评 $1 人"},
    {"T_CAP_EXCEEDED_BY_TIE", ", exceeded by a tie", "，因并列而超出"},
    // Why a round eliminated someone: the domain writes the English, which
    // is stored; talentctl shows the Chinese for it (KeyForLabel("ELIM_")).
    {"ELIM_ABSENT", "absent without an accepted excuse", "缺考且未获准假"},
    {"ELIM_TWO_PASS", "pass in two consecutive rounds", "连续两轮评为合格"},
    {"ELIM_VETO", "rated fail by the veto criterion", "否决项未达标，评为不合格"},
    {"ELIM_FAIL", "rated fail", "评为不合格"},
    {"ELIM_BOTTOM", "in the bottom of the round", "本轮排名末位"},
    {"F_ABSENT", "absent", "缺考"},
    {"NOTICE_NO_ROWS", "(none)", "（无）"},
    {"NOTICE_PAGE", "page %d of %d", "第 %d 页 共 %d 页"},
    {"F_ABSENT_EXCUSED", "absent (excused)", "缺考（已准假）"},
    {"F_VETO", "veto", "否决"},
    {"F_CAPPED", "capped", "超出优秀比例"},
    {"F_TIE_OVER_CAP", "tie over cap", "并列超出比例"},
    {"F_DISAGREEMENT", "disagreement", "评分分歧"},
    {"F_TIE_AT_CUT", "tie at cut", "末位并列保留"},
    {"H_OLD", "FROM", "原值"},
    {"H_NEW", "TO", "新值"},
    {"SHEET_STATE_DRAFT", "draft", "草稿"},
    {"SHEET_STATE_SUBMITTED", "submitted", "已提交"},
    {"H_POSITION", "#", "序号"},
    {"H_FINAL", "FINAL", "期末"},
    {"H_NOTICE_END", "NOTICE ENDS", "公示截止"},
    {"FINAL", "final", "期末"},
    {"ROUND_STATE_DRAFT", "draft", "草稿"},
    {"ROUND_STATE_OPEN", "open", "评分中"},
    {"ROUND_STATE_SCORED", "scored", "评分结束"},
    {"ROUND_STATE_NOTICE", "notice", "公示中"},
    {"ROUND_STATE_CONFIRMED", "confirmed", "已确认"},
    {"H_CRITERION", "CRITERION", "考核项目"},
    {"H_MAX", "MAX", "满分"},
    {"H_VETO", "VETO", "否决项"},
    {"VETO", "veto", "否决"},
    {"TOTAL", "TOTAL", "合计"},
    {"ON", "on", "启用"},
    {"OFF", "off", "不启用"},
    {"AGGREGATION_TRIMMED_MEAN", "trimmed-mean", "去掉最高最低分后平均"},
    {"AGGREGATION_MEAN", "mean", "平均"},
    {"AGGREGATION_MEDIAN", "median", "中位数"},
    {"R_AGGREGATION", "AGGREGATION", "汇总方法"},
    {"R_MIN_SHEETS", "MIN SHEETS", "最少评分表"},
    {"R_EXCELLENT_FROM", "EXCELLENT FROM", "优秀分数线"},
    {"R_GOOD_FROM", "GOOD FROM", "良好分数线"},
    {"R_PASS_FROM", "PASS FROM", "合格分数线"},
    {"R_VETO_PERCENT", "VETO BELOW", "否决线"},
    {"R_CAP_PERCENT", "EXCELLENT CAP", "优秀比例上限"},
    {"R_DISAGREEMENT", "DISAGREEMENT OVER", "分歧阈值"},
    {"R_NOTICE_DAYS", "NOTICE DAYS", "公示天数"},
    {"R_ELIMINATE_FAIL", "ELIMINATE FAIL", "不合格淘汰"},
    {"R_ELIMINATE_ABSENT", "ELIMINATE ABSENT", "缺考淘汰"},
    {"R_BOTTOM_K", "ELIMINATE BOTTOM K", "末位淘汰人数"},
    {"R_BOTTOM_PERCENT", "ELIMINATE BOTTOM %", "末位淘汰比例"},
    {"R_TWO_PASS", "ELIMINATE TWO PASSES", "连续两次合格淘汰"},
    {"H_METHOD", "CHANGE", "操作"},
    {"H_RESOURCE", "RESOURCE", "对象"},
    {"H_DETAIL", "DETAIL", "详情"},
    // Certificates and progress.
    {"VERIFICATION_RESULT_VALID", "valid", "有效"},
    {"VERIFICATION_RESULT_REVOKED", "revoked", "已撤销"},
    {"VERIFICATION_RESULT_NOT_FOUND", "not found", "查无此证"},
    {"VERIFICATION_RESULT_INVALID", "altered", "记录被篡改"},
    {"H_NUMBER", "NUMBER", "证书编号"},
    {"H_HOLDER", "HOLDER", "持证人"},
    {"H_PROGRAMME", "PROGRAMME", "项目"},
    {"H_FINAL_SCORE", "FINAL SCORE", "综合得分"},
    {"H_ISSUING_BODY", "ISSUED BY", "发证单位"},
    {"H_ISSUE_DATE", "ISSUED ON", "发证日期"},
    {"H_REVOKED_ON", "REVOKED ON", "撤销时间"},
    {"H_RESULT", "RESULT", "核验结果"},
    {"H_CERTIFIED", "CERTIFIED", "认定"},
    {"H_CUMULATIVE", "TOTAL CERTIFIED", "累计认定"},
    {"V_TOTAL", "total", "合计"},
    {"H_REGISTERED", "REGISTERED", "登记"},
    {"T_FROM_PAPER", "from paper records, on $0", "据纸质档案登记，$0"},
    {"T_PAPER_CERTIFICATE", " (from paper)", "（纸质档案）"},
    {"T_IMPORTED_COHORT", " (imported)", "（历史导入）"},
    {"H_TALENT_TITLE", "High-Level Social Work Talent", "高层次社会工作专业人才"},
};

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Non-ASCII bytes compare exactly, which is right for Chinese labels.
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// Equal ignoring ASCII case, with '-', '_' and ' ' all alike: the spellings
// this program prints ("education-research", TRACK_EDUCATION_RESEARCH) and
// the ones people type from them ("EDUCATION_RESEARCH", "not selected").
bool EqualsLoosely(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto fold = [](char c) {
    if (c == '_' || c == ' ') return '-';
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  };
  for (size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view TrimAsciiSpace(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Lang LangFromString(const char* lang) {
  if (lang == nullptr) return Lang::kEnglish;
  return StartsWith(lang, "zh") ? Lang::kChinese : Lang::kEnglish;
}

std::string_view Label(std::string_view key, Lang lang) {
  for (const LabelEntry& entry : kLabels) {
    if (entry.key == key) return lang == Lang::kChinese ? entry.zh : entry.en;
  }
  return key;
}

std::string EnglishLabel(std::string_view key) {
  return std::string(Label(key, Lang::kEnglish));
}

std::optional<std::string> KeyForLabel(std::string_view prefix, std::string_view text) {
  text = TrimAsciiSpace(text);
  if (text.empty()) return std::nullopt;
  for (const LabelEntry& entry : kLabels) {
    if (!StartsWith(entry.key, prefix)) continue;
    const std::string_view bare = entry.key.substr(prefix.size());
    if (EqualsLoosely(text, entry.en) || EqualsIgnoreAsciiCase(text, entry.zh) ||
        EqualsLoosely(text, entry.key) || EqualsLoosely(text, bare)) {
      return std::string(entry.key);
    }
  }
  return std::nullopt;
}

}  // namespace talent::common
