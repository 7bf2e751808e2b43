#include "server/service/mapping.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/fixed_point.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "server/domain/sheet_rules.h"

namespace talent::service {
namespace {

static_assert(static_cast<int>(domain::Track::kEducationResearch) ==
              v1::TRACK_EDUCATION_RESEARCH);
static_assert(static_cast<int>(domain::CohortState::kClosed) == v1::COHORT_STATE_CLOSED);
static_assert(static_cast<int>(domain::Stage::kCertified) == v1::STAGE_CERTIFIED);
static_assert(static_cast<int>(domain::Stage::kNotSelected) == v1::STAGE_NOT_SELECTED);
static_assert(static_cast<int>(domain::Level::kProvince) == v1::LEVEL_PROVINCE);
static_assert(static_cast<int>(domain::Gender::kFemale) == v1::GENDER_FEMALE);
static_assert(static_cast<int>(domain::Role::kViewer) == v1::ROLE_VIEWER);

std::string Time(int64_t seconds) {
  return seconds == 0 ? std::string() : common::FormatTimestamp(seconds);
}

void Counts(const domain::PerTrack& in, v1::TrackCounts* out) {
  out->set_service(in.service);
  out->set_management(in.management);
  out->set_education_research(in.education_research);
}

static_assert(static_cast<int>(domain::RoundState::kConfirmed) == v1::ROUND_STATE_CONFIRMED);

static_assert(static_cast<int>(domain::Rating::kFail) == v1::RATING_FAIL);

static_assert(static_cast<int>(domain::SheetState::kSubmitted) == v1::SHEET_STATE_SUBMITTED);

}  // namespace

void ToProto(const domain::Programme& in, v1::Programme* out) {
  out->set_name(common::ProgrammeName(in.code));
  out->set_code(in.code);
  out->set_title(in.title);
  out->set_issuer(in.issuer);
  out->set_start_year(in.start_year);
  out->set_end_year(in.end_year);
  out->set_talent_target(in.talent_target);
  out->set_create_time(Time(in.create_time));
  out->set_update_time(Time(in.update_time));
  out->set_objection_contact(in.objection_contact);
}

domain::Programme FromProto(const v1::Programme& in) {
  domain::Programme p;
  p.code = in.code();
  p.title = in.title();
  p.issuer = in.issuer();
  p.start_year = in.start_year();
  p.end_year = in.end_year();
  p.talent_target = in.talent_target();
  p.objection_contact = in.objection_contact();
  return p;
}

void ToProto(const domain::Cohort& in, v1::Cohort* out) {
  out->set_name(common::CohortName(in.programme_code, in.year));
  out->set_programme(common::ProgrammeName(in.programme_code));
  out->set_year(in.year);
  out->set_state(static_cast<v1::CohortState>(in.state));
  out->mutable_quotas()->set_service(in.quotas.service);
  out->mutable_quotas()->set_management(in.quotas.management);
  out->mutable_quotas()->set_education_research(in.quotas.education_research);
  Counts(in.applied, out->mutable_applied());
  Counts(in.selected, out->mutable_selected());
  out->set_create_time(Time(in.create_time));
  out->set_update_time(Time(in.update_time));
  out->set_imported(in.imported);
}

domain::PerTrack FromProto(const v1::TrackQuotas& in) {
  domain::PerTrack q;
  q.service = in.service();
  q.management = in.management();
  q.education_research = in.education_research();
  return q;
}

void ToProto(const domain::Enrolment& in, v1::Enrolment* out) {
  out->set_name(common::EnrolmentName(in.id));
  out->set_id(in.id);
  out->set_cohort(common::CohortName(in.programme_code, in.cohort_year));
  v1::Person* person = out->mutable_person();
  person->set_national_id(in.person.national_id);
  person->set_full_name(in.person.full_name);
  person->set_gender(static_cast<v1::Gender>(in.person.gender));
  if (in.person.birth_date.year != 0) {
    person->set_birth_date(common::FormatDate(in.person.birth_date));
  }
  person->set_phone(in.person.phone);
  person->set_email(in.person.email);
  out->set_track(static_cast<v1::Track>(in.track));
  out->set_organisation(in.organisation);
  out->set_region(in.region);
  out->set_qualification(in.qualification);
  out->set_years_of_experience(in.years_of_experience);
  out->set_stage(static_cast<v1::Stage>(in.stage));
  out->set_stage_reason(in.stage_reason);
  for (const domain::Recommendation& r : in.recommendations) {
    v1::Recommendation* rec = out->add_recommendations();
    rec->set_level(static_cast<v1::RecommendationLevel>(r.level));
    rec->set_body(r.body);
    rec->set_date(common::FormatDate(r.date));
    rec->set_recorded_by(r.recorded_by);
  }
  out->set_certificate_eligible(in.certificate_eligible);
  out->set_create_time(Time(in.create_time));
  out->set_update_time(Time(in.update_time));
}

domain::ApplicantInput ApplicantFromProto(const v1::Enrolment& in) {
  domain::ApplicantInput a;
  a.full_name = in.person().full_name();
  a.national_id = in.person().national_id();
  a.organisation = in.organisation();
  a.region = in.region();
  // The validator takes the API's enum names as well as the users' words.
  a.track = in.track() == v1::TRACK_UNSPECIFIED ? "" : v1::Track_Name(in.track());
  a.phone = in.person().phone();
  a.email = in.person().email();
  a.qualification = in.qualification();
  a.years_of_experience = absl::StrCat(in.years_of_experience());
  return a;
}

domain::ApplicantInput ApplicantFromProto(v1::ImportRow* in) {
  domain::ApplicantInput a;
  a.full_name = std::move(*in->mutable_full_name());
  a.national_id = std::move(*in->mutable_national_id());
  a.gender = std::move(*in->mutable_gender());
  a.organisation = std::move(*in->mutable_organisation());
  a.region = std::move(*in->mutable_region());
  a.track = std::move(*in->mutable_track());
  a.phone = std::move(*in->mutable_phone());
  a.email = std::move(*in->mutable_email());
  a.qualification = std::move(*in->mutable_qualification());
  a.years_of_experience = std::move(*in->mutable_years_of_experience());
  return a;
}

void ToProto(const domain::Certificate& in, bool register_fields,
             const std::string& verification_url_base, v1::Certificate* out) {
  const common::CertificateFacts& f = in.facts;
  out->set_name(common::CertificateName(f.number));
  out->set_number(f.number);
  out->set_holder_name(f.holder_name);
  out->set_masked_national_id(f.masked_national_id);
  out->set_track(static_cast<v1::Track>(in.track));
  out->set_programme_code(f.programme_code);
  out->set_programme_title(f.programme_title);
  out->set_cohort_year(f.cohort_year);
  out->set_final_score(common::FormatHundredths(f.final_score));
  v1::Rating rating = v1::RATING_UNSPECIFIED;
  v1::Rating_Parse(f.rating, &rating);
  out->set_rating(rating);
  out->set_issuer(f.issuer);
  out->set_issue_date(f.issue_date);
  out->set_rehearsal(f.rehearsal);
  out->set_public_key(in.public_key);
  out->set_signature(in.signature);
  out->set_revoke_time(Time(in.revoke_time));
  out->set_revoke_reason(in.revoke_reason);
  if (!verification_url_base.empty()) {
    out->set_verification_url(absl::StrCat(verification_url_base, "/verify/", f.number));
  }
  if (in.imported) {
    out->set_imported(true);
    out->set_register_date(domain::ChinaDate(in.issue_time));
  }
  if (register_fields) {
    out->set_enrolment(common::EnrolmentName(in.enrolment_id));
    out->set_issue_time(Time(in.issue_time));
    out->set_issued_by(in.issued_by);
  }
}

namespace {

void AddTrackFigures(const domain::YearFigures& y,
                     google::protobuf::RepeatedPtrField<v1::TrackFigures>* out) {
  for (domain::Track track : domain::kTracks) {
    v1::TrackFigures* t = out->Add();
    t->set_track(static_cast<v1::Track>(track));
    t->set_selected(y[track].selected);
    t->set_eliminated(y[track].eliminated);
    t->set_certified(y[track].certified);
  }
}

}  // namespace

core::History::Row FromProto(const v1::HistoryRow& in) {
  core::History::Row row;
  row.line = in.line();
  row.malformed = in.malformed();
  row.input.full_name = in.full_name();
  row.input.national_id = in.national_id();
  row.input.organisation = in.organisation();
  row.input.region = in.region();
  row.input.track = in.track();
  row.input.outcome = in.outcome();
  row.input.certificate_number = in.certificate_number();
  row.input.issue_date = in.issue_date();
  row.input.final_score = in.final_score();
  return row;
}

void ToProto(const core::History::Outcome& in, const std::string& verification_url_base,
             v1::ImportHistoryResponse* out) {
  ToProto(in.cohort, out->mutable_cohort());
  out->set_people(in.people);
  AddTrackFigures(in.figures, out->mutable_tracks());
  for (const domain::Certificate& c : in.certificates) {
    ToProto(c, /*register_fields=*/!in.dry_run, in.dry_run ? "" : verification_url_base,
            out->add_certificates());
  }
  out->set_dry_run(in.dry_run);
}

void ToProto(const domain::ProgrammeProgress& in, const std::string& code,
             v1::ProgrammeProgress* out) {
  out->set_programme(common::ProgrammeName(code));
  if (!in.years.empty()) {
    out->set_start_year(in.years.front().year);
    out->set_end_year(in.years.back().year);
  }
  for (const domain::YearFigures& y : in.years) {
    v1::YearProgress* year = out->add_years();
    year->set_year(y.year);
    year->set_cohort_state(y.has_cohort ? static_cast<v1::CohortState>(y.state)
                                        : v1::COHORT_STATE_UNSPECIFIED);
    AddTrackFigures(y, year->mutable_tracks());
    year->set_certified(y.certified());
    year->set_cumulative_certified(y.cumulative_certified);
  }
  out->set_target(in.target);
  out->set_certified(in.certified);
  out->set_years_counted(in.years_counted);
  out->set_last_counted_year(in.last_counted_year);
  out->set_projected(in.projected);
  out->set_on_track(in.on_track);
  out->set_remaining_years(in.remaining_years);
  out->set_needed_per_year(in.needed_per_year);
}

void ToProto(const domain::User& in, v1::User* out) {
  out->set_name(common::UserName(in.username));
  out->set_username(in.username);
  out->set_display_name(in.display_name);
  out->set_role(static_cast<v1::Role>(in.role));
  out->set_organisation(in.organisation);
  out->set_disabled(in.disabled);
  out->set_create_time(Time(in.create_time));
}

void ToProto(const domain::Token& in, v1::Token* out) {
  out->set_name(common::TokenName(in.username, in.id));
  out->set_id(in.id);
  out->set_label(in.label);
  out->set_create_time(Time(in.create_time));
  out->set_expire_time(Time(in.expire_time));
  out->set_revoke_time(Time(in.revoke_time));
}

void ToProto(const domain::Invitation& in, v1::Invitation* out) {
  out->set_name(common::InvitationName(in.username, in.id));
  out->set_user(common::UserName(in.username));
  out->set_create_time(Time(in.create_time));
  out->set_expire_time(Time(in.expire_time));
}

void ToProto(const std::string& code, int year, const domain::Round& in, v1::Round* out) {
  out->set_name(common::RoundName(code, year, in.position));
  out->set_cohort(common::CohortName(code, year));
  out->set_title(in.name);
  out->set_position(in.position);
  out->set_final(in.final);
  out->set_state(static_cast<v1::RoundState>(in.state));
  if (in.notice_start) out->set_notice_start(common::FormatTimestamp(in.notice_start));
  if (in.notice_end) out->set_notice_end(common::FormatTimestamp(in.notice_end));
}

void ToProto(const common::RoundRef& round, const domain::Appeal& in, v1::Appeal* out) {
  out->set_id(in.id);
  out->set_round(common::RoundName(round.code, round.year, round.position));
  out->set_enrolment(common::EnrolmentName(in.enrolment_id));
  out->set_candidate(in.candidate);
  out->set_reason(in.reason);
  out->set_state(static_cast<v1::AppealState>(in.state));
  out->set_resolution(in.resolution);
  out->set_filed_time(common::FormatTimestamp(in.filed_time));
  if (in.resolved_time) out->set_resolved_time(common::FormatTimestamp(in.resolved_time));
}

void ToProto(const domain::Conflict& in, v1::Conflict* out) {
  out->set_assessor(common::UserName(in.assessor));
  out->set_enrolment(common::EnrolmentName(in.enrolment_id));
  out->set_candidate(in.candidate);
  out->set_reason(in.reason);
  out->set_create_time(common::FormatTimestamp(in.create_time));
}

void ToProto(const domain::Assignment& in, v1::Assignment* out) {
  out->set_enrolment(common::EnrolmentName(in.enrolment_id));
  out->set_candidate(in.candidate);
  out->set_track(static_cast<v1::Track>(in.track));
  out->set_assessor(common::UserName(in.assessor));
}

void ToProto(const common::RoundRef& round, const domain::PublicNotice& in,
             v1::PublicNotice* out) {
  out->set_round(common::RoundName(round.code, round.year, round.position));
  out->set_kind(in.kind == domain::NoticeKind::kConfirmedList ? v1::PublicNotice::KIND_CONFIRMED_LIST
                                                              : v1::PublicNotice::KIND_NOTICE);
  out->set_title(domain::NoticeTitle(in, common::Lang::kChinese));
  out->set_title_en(domain::NoticeTitle(in, common::Lang::kEnglish));
  out->set_programme_title(in.programme_title);
  out->set_issuer(in.issuer);
  out->set_objection_contact(in.objection_contact);
  out->set_year(in.year);
  out->set_round_title(in.round_name);
  out->set_notice_start(Time(in.notice_start));
  out->set_notice_end(Time(in.notice_end));
  out->set_issue_time(Time(in.issue_time));
  for (const domain::NoticeEntry& e : in.entries) {
    v1::NoticeEntry* entry = out->add_entries();
    entry->set_name(e.name);
    entry->set_organisation(e.organisation);
    entry->set_track(static_cast<v1::Track>(e.track));
    entry->set_rating(static_cast<v1::Rating>(e.rating));
    entry->set_absent(e.absent);
  }
  out->set_rehearsal(in.rehearsal);
}

void ToProto(const common::RoundRef& round, const core::Results::RoundResults& in,
             v1::RoundResults* out) {
  std::map<int64_t, const domain::Enrolment*> by_id;
  for (const domain::Enrolment& e : in.enrolments) by_id[e.id] = &e;
  out->set_round(common::RoundName(round.code, round.year, round.position));
  out->set_provisional(in.provisional);
  out->set_assessed(in.outcome.assessed);
  out->set_excellent_cap(in.outcome.excellent_cap);
  out->set_cap_exceeded_by_tie(in.outcome.cap_exceeded_by_tie);
  for (const domain::Criterion& c : in.rubric.criteria) out->add_criteria(c.code);
  out->set_rules(in.rules_text);
  out->set_rules_zh(in.rules_text_zh);
  for (const domain::RoundResult& r : in.outcome.results) {
    v1::Result* result = out->add_results();
    result->set_enrolment(common::EnrolmentName(r.enrolment_id));
    if (auto it = by_id.find(r.enrolment_id); it != by_id.end()) {
      result->set_candidate(it->second->person.full_name);
      result->set_track(static_cast<v1::Track>(it->second->track));
    }
    result->set_rank(r.rank);
    if (!r.absent) result->set_score(common::FormatHundredths(r.score));
    result->set_sheets(r.sheets);
    result->set_rating(static_cast<v1::Rating>(r.rating));
    for (int64_t c : r.criteria) result->add_criteria(common::FormatHundredths(c));
    if (!r.absent) result->set_spread(common::FormatTenths(r.spread));
    result->set_absent(r.absent);
    result->set_excused(r.excused);
    result->set_capped(r.capped);
    result->set_veto(r.veto);
    result->set_disagreement(r.disagreement);
    result->set_tie_over_cap(r.tie_over_cap);
    result->set_tie_at_cut(r.tie_at_cut);
    result->set_eliminated(r.eliminated);
    result->set_elimination_reason(r.elimination_reason);
  }
}

void ToProto(const common::RoundRef& r, const core::SheetView& in, v1::Sheet* out) {
  const domain::Sheet& sheet = in.sheet;
  std::string round = common::RoundName(r.code, r.year, r.position);
  out->set_name(absl::StrCat(round, "/", common::EnrolmentName(sheet.enrolment_id), "/sheets/",
                             sheet.assessor));
  out->set_round(round);
  out->set_enrolment(common::EnrolmentName(sheet.enrolment_id));
  out->set_assessor(common::UserName(sheet.assessor));
  out->set_state(static_cast<v1::SheetState>(sheet.state));
  for (size_t i = 0; i < in.rubric.criteria.size(); ++i) {
    v1::Score* score = out->add_scores();
    score->set_criterion(in.rubric.criteria[i].code);
    if (i < sheet.points.size() && sheet.points[i]) {
      score->set_points(common::FormatTenths(*sheet.points[i]));
    }
  }
  out->set_total(common::FormatTenths(domain::SheetTotal(sheet)));
  out->set_comment(sheet.comment);
  out->set_update_time(common::FormatTimestamp(sheet.update_time));
}

void ToProto(const domain::SheetChange& in, v1::SheetChange* out) {
  out->set_time(common::FormatTimestamp(in.time));
  out->set_user(common::UserName(in.user));
  out->set_change(in.change);
  out->set_old_value(in.old_value);
  out->set_new_value(in.new_value);
  out->set_reason(in.reason);
  out->set_token_id(in.token_id);
}

void ToProto(const domain::AuditEvent& in, v1::AuditEvent* out) {
  out->set_id(in.id);
  out->set_time(common::FormatTimestamp(in.time));
  out->set_user(in.username);
  out->set_method(in.method);
  out->set_resource(in.resource);
  out->set_detail(in.detail);
  out->set_hash(in.hash);
  out->set_token_id(in.token_id);
  out->set_request_id(in.request_id);
}

void ToProto(const common::ChainedEvent& in, v1::ChainedAuditEvent* out) {
  out->set_id(in.id);
  out->set_time(in.time);
  out->set_user_id(in.user_id);
  out->set_username(in.username);
  out->set_token_id(in.token_id);
  out->set_method(in.method);
  out->set_resource(in.resource);
  out->set_detail(in.detail);
  out->set_format(in.format);
  out->set_content_hash(in.content_hash);
  out->set_prev_hash(in.prev_hash);
  out->set_hash(in.hash);
  out->set_request_id(in.request_id);
}

void ToProto(const common::AuditHead& in, v1::AuditHead* out) {
  out->set_sequence(in.sequence);
  out->set_hash(in.hash);
  out->set_time(in.time);
  out->set_public_key(in.public_key);
  out->set_signature(in.signature);
}

}  // namespace talent::service
