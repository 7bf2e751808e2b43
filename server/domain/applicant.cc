#include "server/domain/applicant.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/labels.h"
#include "common/national_id.h"
#include "common/text_safety.h"
#include "server/domain/text_field.h"

namespace talent::domain {
namespace {

void Check(std::vector<FieldError>* errors, const char* column, const absl::Status& status) {
  if (!status.ok()) errors->push_back({column, std::string(status.message())});
}

bool ValidPhone(const std::string& phone) {
  if (phone.size() != 11 || phone[0] != '1') return false;
  for (char c : phone) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ValidEmail(const std::string& email) {
  size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  size_t dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= email.size() ||
      email.back() == '.') {
    return false;
  }
  for (unsigned char c : email) {
    if (c <= ' ' || c >= 0x7F) return false;
  }
  return email.size() <= 100;
}

}  // namespace

bool ParseApplicant(ApplicantInput in, const common::Date& today, Applicant* out,
                    std::vector<FieldError>* errors) {
  size_t before = errors->size();
  Applicant a;

  a.person.full_name = std::move(in.full_name);
  Check(errors, "name", CheckText("name", &a.person.full_name, 1, 50));

  // Trimmed like every other cell: spreadsheets leave ideographic spaces too.
  absl::StatusOr<common::NationalId> id =
      common::ParseNationalId(TrimText(in.national_id), today);
  if (id.ok()) {
    a.person.national_id = id->id;
    a.person.birth_date = id->birth_date;
    a.person.gender = id->male ? Gender::kMale : Gender::kFemale;
  } else {
    errors->push_back({"national_id", std::string(id.status().message())});
  }

  std::string gender = TrimText(in.gender);
  if (!gender.empty()) {
    std::optional<std::string> key = common::KeyForLabel("GENDER_", gender);
    if (!key) {
      errors->push_back({"gender", absl::StrCat("gender must be 男 or 女 (male or female), got \"",
                                                common::SanitizeForDisplay(gender), "\"")});
    } else if (id.ok()) {
      Gender given = *key == "GENDER_MALE" ? Gender::kMale : Gender::kFemale;
      if (given != a.person.gender) {
        errors->push_back({"gender", "gender does not match the national ID (its 17th digit)"});
      }
    }
  }

  a.organisation = std::move(in.organisation);
  Check(errors, "organisation", CheckText("organisation", &a.organisation, 1, 100));
  a.region = std::move(in.region);
  Check(errors, "region", CheckText("region", &a.region, 0, 50));

  std::string track = TrimText(in.track);
  std::optional<std::string> track_key = common::KeyForLabel("TRACK_", track);
  if (track.empty()) {
    errors->push_back({"track", "track is required: 服务类, 管理类 or 教育与研究类"});
  } else if (!track_key) {
    errors->push_back({"track", absl::StrCat("track \"", common::SanitizeForDisplay(track),
                                             "\" is not one of 服务类, 管理类, 教育与研究类 "
                                             "(service, management, education-research)")});
  } else if (*track_key == "TRACK_SERVICE") {
    a.track = Track::kService;
  } else if (*track_key == "TRACK_MANAGEMENT") {
    a.track = Track::kManagement;
  } else if (*track_key == "TRACK_EDUCATION_RESEARCH") {
    a.track = Track::kEducationResearch;
  } else {
    errors->push_back({"track", "track is required: 服务类, 管理类 or 教育与研究类"});
  }

  a.person.phone = TrimText(in.phone);
  if (!a.person.phone.empty() && !ValidPhone(a.person.phone)) {
    errors->push_back({"phone", "phone must be 11 digits starting with 1, e.g. 13800000000"});
  }
  a.person.email = TrimText(in.email);
  if (!a.person.email.empty() && !ValidEmail(a.person.email)) {
    errors->push_back({"email", "email must look like name@example.org"});
  }
  a.qualification = std::move(in.qualification);
  Check(errors, "qualification", CheckText("qualification", &a.qualification, 0, 50));

  std::string years = TrimText(in.years_of_experience);
  if (!years.empty()) {
    int value = 0;
    if (!absl::SimpleAtoi(years, &value) || value < 0 || value > 60) {
      errors->push_back({"years", absl::StrCat("years must be a whole number 0–60, got \"",
                                               common::SanitizeForDisplay(years),
                                               "\"")});
    } else {
      a.years_of_experience = value;
    }
  }

  if (errors->size() != before) return false;
  *out = std::move(a);
  return true;
}

absl::Status FieldErrorsToStatus(const std::vector<FieldError>& errors) {
  if (errors.empty()) return absl::OkStatus();
  std::string message;
  for (const FieldError& e : errors) {
    if (!message.empty()) message += "; ";
    absl::StrAppend(&message, e.column, ": ", e.reason);
  }
  return absl::InvalidArgumentError(message);
}

}  // namespace talent::domain
