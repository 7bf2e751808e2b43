// talent.v1.CertificateService and the programme's progress over a real
// server (docs/rules.md §8 and §12): issuing after the confirmed final
// round, numbering per track in rank order, idempotence, signatures that
// verify under the served public key and fail when the facts change,
// verification without a token (VALID, REVOKED, NOT_FOUND, INVALID for an
// altered record, an untrusted key or one outside its validity),
// certificates that outlive a key rotation, rehearsal certificates (signed
// in their own context, marked everywhere), revocation, who may call what,
// and the progress figures of a cohort built here.
//
// The scenario: programme SCSW (2020–2030, target 300), cohort 2023 with
// seven selected candidates, one final round (年度考核) scored by three
// assessors who agree, so each score is exact:
//   service     王芳 95.00, 张伟 92.00 (both EXCELLENT), 刘洋 withdrawn
//   management  李明 91.00 EXCELLENT, 陈静 70.00 PASS
//   education   赵磊 90.00 EXCELLENT, 孙丽 55.00 FAIL (eliminated)
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/cert_facts.h"
#include "common/certificate_payload.h"
#include "common/crypto.h"
#include "common/fixed_point.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/keys.h"
#include "server/service/server.h"
#include "server/storage/sqlite.h"
#include "talent/v1/certificate.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/round_scenario.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::talent::testing::kFixtureNow;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;
using Points = std::vector<std::pair<std::string, std::string>>;

// A sheet of the default rubric (theory 15, competence 15, system 20,
// talent 20, charity 15, ethics 15) adding up to the given total.
Points SheetFor(int total) {
  switch (total) {
    case 95: return {{"theory", "15"}, {"competence", "15"}, {"system", "19"},
                     {"talent", "19"}, {"charity", "14"}, {"ethics", "13"}};
    case 92: return {{"theory", "14"}, {"competence", "14"}, {"system", "19"},
                     {"talent", "18"}, {"charity", "14"}, {"ethics", "13"}};
    case 91: return {{"theory", "14"}, {"competence", "14"}, {"system", "18"},
                     {"talent", "18"}, {"charity", "14"}, {"ethics", "13"}};
    case 90: return {{"theory", "14"}, {"competence", "13"}, {"system", "18"},
                     {"talent", "18"}, {"charity", "14"}, {"ethics", "13"}};
    case 70: return {{"theory", "11"}, {"competence", "10"}, {"system", "14"},
                     {"talent", "14"}, {"charity", "11"}, {"ethics", "10"}};
    default: return {{"theory", "8"}, {"competence", "8"}, {"system", "11"},
                     {"talent", "10"}, {"charity", "8"}, {"ethics", "10"}};  // 55
  }
}

class CertificateTest : public testing::RoundFixture {
 protected:
  void SetUp() override {
    testing::RoundFixture::SetUp();
    if (HasFatalFailure()) return;
    certificates_ = v1::CertificateService::NewStub(channel_);
    CreateSeedProgramme();
    Build(testing::RoundScenario()
              .Selected(&wang_, "王芳", 41, v1::TRACK_SERVICE)
              .Selected(&zhang_, "张伟", 42, v1::TRACK_SERVICE)
              .Selected(&liu_, "刘洋", 43, v1::TRACK_SERVICE)
              .Selected(&li_, "李明", 44, v1::TRACK_MANAGEMENT)
              .Selected(&chen_, "陈静", 45, v1::TRACK_MANAGEMENT)
              .Selected(&zhao_, "赵磊", 46, v1::TRACK_EDUCATION_RESEARCH)
              .Selected(&sun_, "孙丽", 47, v1::TRACK_EDUCATION_RESEARCH)
              .WithAssessor(&expert2_token_, "expert2", "四川大学")
              .WithAssessor(&expert3_token_, "expert3", "电子科技大学")
              .WithRound(1, "年度考核", /*final=*/true));
    if (HasFatalFailure()) return;
    ASSERT_TRUE(core_->enrolments.Withdraw(admin_caller_, Id(liu_), "调离社会工作岗位").ok());
    core::Rounds::AssignmentScope everyone;
    everyone.whole_cohort = true;
    ASSERT_TRUE(core_->rounds.Assign(admin_caller_, "SCSW", 2023, 1, {"expert1", "expert2", "expert3"},
                              everyone)
                    .ok());
    ASSERT_TRUE(core_->rounds.OpenRound(admin_caller_, "SCSW", 2023, 1).ok());
  }

  static int64_t Id(const v1::Enrolment& e) {
    return std::stoll(e.name().substr(e.name().rfind('/') + 1));
  }

  // Every assessor scores every active candidate; scoring closes, the
  // notice runs and the final round is confirmed on 2023-06-07.
  void ConfirmFinalRound() {
    const std::vector<std::pair<const v1::Enrolment*, int>> totals = {
        {&wang_, 95}, {&zhang_, 92}, {&li_, 91}, {&chen_, 70}, {&zhao_, 90}, {&sun_, 55}};
    for (const std::string* token : {&assessor_token_, &expert2_token_, &expert3_token_}) {
      absl::StatusOr<core::Caller> assessor = core_->users.Authenticate(*token);
      ASSERT_TRUE(assessor.ok());
      for (const auto& [e, total] : totals) {
        ASSERT_TRUE(
            core_->sheets.SetScores(*assessor, "SCSW", 2023, 1, Id(*e), SheetFor(total), std::nullopt)
                .ok());
        ASSERT_TRUE(core_->sheets.SubmitSheet(*assessor, "SCSW", 2023, 1, Id(*e)).ok());
      }
    }
    ASSERT_TRUE(core_->results.CloseScoring(admin_caller_, "SCSW", 2023, 1).ok());
    ASSERT_TRUE(core_->results.PublishNotice(admin_caller_, "SCSW", 2023, 1).ok());
    clock_.Set(kFixtureNow + 6 * 86400);
    ASSERT_TRUE(core_->results.ConfirmRound(admin_caller_, "SCSW", 2023, 1).ok());
  }

  grpc::Status Issue(v1::IssueCertificatesResponse* out, const std::string& token = "",
                     const std::string& cohort = kCohort2023) {
    v1::IssueCertificatesRequest req;
    req.set_parent(cohort);
    return certificates_->IssueCertificates(As(token.empty() ? admin_token_ : token).get(), req,
                                            out);
  }

  // VerifyCertificate with no token at all.
  v1::VerifyCertificateResponse Verify(const std::string& number) {
    v1::VerifyCertificateRequest req;
    req.set_number(number);
    v1::VerifyCertificateResponse resp;
    EXPECT_THAT(certificates_->VerifyCertificate(As("").get(), req, &resp), GrpcIs(Code::OK));
    return resp;
  }

  grpc::Status Revoke(const std::string& number, const std::string& reason,
                      v1::Certificate* out = nullptr, const std::string& token = "") {
    v1::RevokeCertificateRequest req;
    req.set_name(number);
    req.set_reason(reason);
    v1::Certificate resp;
    return certificates_->RevokeCertificate(As(token.empty() ? admin_token_ : token).get(), req,
                                            out ? out : &resp);
  }

  std::string StageOf(const v1::Enrolment& e) {
    v1::GetEnrolmentRequest req;
    req.set_name(e.name());
    v1::Enrolment out;
    EXPECT_THAT(enrolments_->GetEnrolment(AsAdmin().get(), req, &out), GrpcIs(Code::OK));
    return v1::Stage_Name(out.stage()) +
           (out.stage_reason().empty() ? "" : " [" + out.stage_reason() + "]");
  }

  // "NUMBER holder score" of each certificate.
  static std::vector<std::string> Lines(
      const google::protobuf::RepeatedPtrField<v1::Certificate>& certificates) {
    std::vector<std::string> out;
    for (const v1::Certificate& c : certificates) {
      out.push_back(absl::StrCat(c.number(), " ", c.holder_name(), " ", c.final_score()));
    }
    return out;
  }

  static common::CertificateFacts Facts(const v1::Certificate& c) { return client::FactsOf(c); }

  std::unique_ptr<v1::CertificateService::Stub> certificates_;
  v1::Enrolment wang_, zhang_, liu_, li_, chen_, zhao_, sun_;
  std::string expert2_token_, expert3_token_;
};

TEST_F(CertificateTest, IssuingBeforeTheFinalRoundIsConfirmedIsRefused) {
  v1::IssueCertificatesResponse resp;
  EXPECT_THAT(Issue(&resp), GrpcIs(Code::FAILED_PRECONDITION,
                                     HasSubstr("final round of cohort SCSW 2023 (年度考核) is")));
  EXPECT_THAT(Issue(&resp, "", "programmes/SCSW/cohorts/2021"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Issue(&resp, "", "SCSW"), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("parent")));
}

TEST_F(CertificateTest, IssuesNumbersPerTrackInRankOrderOnceOnly) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  clock_.Set(1702310400 + 25 * 3600);  // 2023-12-12T17:00:00Z = 12-13 01:00 in Beijing
  v1::IssueCertificatesResponse first;
  ASSERT_THAT(Issue(&first), GrpcIs(Code::OK));
  EXPECT_THAT(Lines(first.issued()),
              ElementsAre("SCSW-2023-S001 王芳 95.00", "SCSW-2023-S002 张伟 92.00",
                          "SCSW-2023-M001 李明 91.00", "SCSW-2023-E001 赵磊 90.00"));
  EXPECT_EQ(first.already_issued(), 0);
  const v1::Certificate& c = first.issued(0);
  EXPECT_EQ(c.name(), "certificates/SCSW-2023-S001");
  EXPECT_EQ(c.masked_national_id().size(), 18u);
  EXPECT_THAT(c.masked_national_id(), ::testing::MatchesRegex("\\*{14}[0-9X]{4}"));
  EXPECT_EQ(c.track(), v1::TRACK_SERVICE);
  EXPECT_EQ(c.programme_code(), "SCSW");
  EXPECT_EQ(c.programme_title(), "四川社会工作人才计划");
  EXPECT_EQ(c.cohort_year(), 2023);
  EXPECT_EQ(c.rating(), v1::RATING_EXCELLENT);
  EXPECT_EQ(c.issuer(), "四川省民政厅");
  EXPECT_EQ(c.issue_date(), "2023-12-13");  // China Standard Time
  EXPECT_EQ(c.verification_url(), "https://verify.example.org/verify/SCSW-2023-S001");
  EXPECT_EQ(c.enrolment(), wang_.name());
  EXPECT_EQ(c.issued_by(), "admin");

  EXPECT_EQ(StageOf(wang_), "STAGE_CERTIFIED [certificate SCSW-2023-S001]");
  EXPECT_EQ(StageOf(zhao_), "STAGE_CERTIFIED [certificate SCSW-2023-E001]");
  EXPECT_EQ(StageOf(chen_), "STAGE_COMPLETED");
  EXPECT_THAT(StageOf(sun_), HasSubstr("STAGE_ELIMINATED"));
  EXPECT_THAT(StageOf(liu_), HasSubstr("STAGE_WITHDRAWN"));

  // Again: nothing new, the same numbers stand.
  v1::IssueCertificatesResponse second;
  ASSERT_THAT(Issue(&second), GrpcIs(Code::OK));
  EXPECT_EQ(second.issued_size(), 0);
  EXPECT_EQ(second.already_issued(), 4);
  v1::ListCertificatesRequest list_req;
  list_req.set_parent("SCSW/2023");
  v1::ListCertificatesResponse listed;
  ASSERT_THAT(certificates_->ListCertificates(AsAdmin().get(), list_req, &listed),
              GrpcIs(Code::OK));
  EXPECT_THAT(Lines(listed.certificates()),
              ElementsAre("SCSW-2023-S001 王芳 95.00", "SCSW-2023-S002 张伟 92.00",
                          "SCSW-2023-M001 李明 91.00", "SCSW-2023-E001 赵磊 90.00"));
}

TEST_F(CertificateTest, SignaturesVerifyUnderThePublicKeyAndFailWhenAnythingChanges) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  v1::PublicKey key;
  ASSERT_THAT(certificates_->GetPublicKey(As("").get(), {}, &key), GrpcIs(Code::OK));
  EXPECT_EQ(key.algorithm(), "Ed25519");
  EXPECT_EQ(key.key(), signing_key_.public_key);
  EXPECT_EQ(key.key_base64url(), common::Base64UrlEncode(signing_key_.public_key));
  for (const v1::Certificate& c : issued.issued()) {
    EXPECT_EQ(c.public_key(), key.key());
    EXPECT_TRUE(common::Ed25519Verify(key.key(), common::CertificatePayload(Facts(c)),
                                      c.signature()))
        << c.number();
  }
  const v1::Certificate& c = issued.issued(1);
  common::CertificateFacts changed = Facts(c);
  changed.final_score += 1;  // 92.01
  EXPECT_FALSE(common::Ed25519Verify(key.key(), common::CertificatePayload(changed),
                                     c.signature()));
  changed = Facts(c);
  changed.holder_name = "张伟伟";
  EXPECT_FALSE(common::Ed25519Verify(key.key(), common::CertificatePayload(changed),
                                     c.signature()));
  std::string signature = c.signature();
  signature[10] = static_cast<char>(signature[10] ^ 0x01);
  EXPECT_FALSE(
      common::Ed25519Verify(key.key(), common::CertificatePayload(Facts(c)), signature));
}

TEST_F(CertificateTest, VerificationNeedsNoTokenAndTellsValidRevokedAndNotFound) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));

  v1::VerifyCertificateResponse valid = Verify("  scsw-2023-m001 ");
  EXPECT_EQ(valid.result(), v1::VERIFICATION_RESULT_VALID);
  EXPECT_EQ(valid.number(), "SCSW-2023-M001");
  EXPECT_EQ(valid.certificate().holder_name(), "李明");
  EXPECT_EQ(valid.certificate().final_score(), "91.00");
  EXPECT_EQ(valid.certificate().enrolment(), "");  // not for the public
  EXPECT_EQ(valid.certificate().issued_by(), "");

  v1::VerifyCertificateResponse unknown = Verify("SCSW-2023-S999");
  EXPECT_EQ(unknown.result(), v1::VERIFICATION_RESULT_NOT_FOUND);
  EXPECT_FALSE(unknown.has_certificate());
  EXPECT_EQ(Verify("certificates/NONSENSE").result(), v1::VERIFICATION_RESULT_NOT_FOUND);
  v1::VerifyCertificateRequest empty;
  v1::VerifyCertificateResponse resp;
  EXPECT_THAT(certificates_->VerifyCertificate(As("").get(), empty, &resp),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("number")));

  clock_.Set(kFixtureNow + 30 * 86400);
  v1::Certificate revoked;
  ASSERT_THAT(Revoke("SCSW-2023-M001", "  申报材料不实  ", &revoked), GrpcIs(Code::OK));
  EXPECT_EQ(revoked.revoke_reason(), "申报材料不实");
  EXPECT_EQ(revoked.revoke_time(), "2023-07-01T00:00:00Z");
  v1::VerifyCertificateResponse after = Verify("SCSW-2023-M001");
  EXPECT_EQ(after.result(), v1::VERIFICATION_RESULT_REVOKED);
  EXPECT_EQ(after.certificate().revoke_time(), "2023-07-01T00:00:00Z");
  EXPECT_EQ(after.certificate().revoke_reason(), "申报材料不实");
  // Forever: a second revocation is refused and changes nothing; issuing
  // again does not reissue.
  EXPECT_THAT(Revoke("SCSW-2023-M001", "再次"), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(Verify("SCSW-2023-M001").certificate().revoke_reason(), "申报材料不实");
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  EXPECT_EQ(issued.issued_size(), 0);
  EXPECT_EQ(Verify("SCSW-2023-M001").result(), v1::VERIFICATION_RESULT_REVOKED);
  EXPECT_EQ(Verify("SCSW-2023-S001").result(), v1::VERIFICATION_RESULT_VALID);
}

TEST_F(CertificateTest, AnAlteredRecordVerifiesAsInvalid) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  // Someone with the database file in hand raises a score.
  auto db = storage::Connection::Open(dir_.File("talent.db"), storage::Connection::Mode::kReadWrite,
                                      /*create=*/false);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Execute("UPDATE certificates SET final_score = 9900 "
                             "WHERE number = 'SCSW-2023-E001'")
                  .ok());
  EXPECT_EQ(Verify("SCSW-2023-E001").result(), v1::VERIFICATION_RESULT_INVALID);
  EXPECT_EQ(Verify("SCSW-2023-S001").result(), v1::VERIFICATION_RESULT_VALID);

  // Cleverer: change a fact, sign it with a key of one's own and write that
  // key and signature beside it. Only the server's own key is trusted.
  v1::GetCertificateRequest get;
  get.set_name("SCSW-2023-M001");
  v1::Certificate m001;
  ASSERT_THAT(certificates_->GetCertificate(AsAdmin().get(), get, &m001), GrpcIs(Code::OK));
  common::CertificateFacts forged = Facts(m001);
  forged.final_score = 9900;
  common::Ed25519Keys mine = common::NewEd25519Keys();
  std::string signature = *common::Ed25519Sign(mine.secret_key, common::CertificatePayload(forged));
  ASSERT_TRUE(common::Ed25519Verify(mine.public_key, common::CertificatePayload(forged), signature));
  storage::Statement* st = *(*db)->Prepare(
      "UPDATE certificates SET final_score = 9900, public_key = ?, signature = ? "
      "WHERE number = 'SCSW-2023-M001'");
  st->BindBlob(1, mine.public_key).BindBlob(2, signature);
  ASSERT_TRUE(st->Run().ok());
  EXPECT_EQ(Verify("SCSW-2023-M001").result(), v1::VERIFICATION_RESULT_INVALID);
}

TEST_F(CertificateTest, RevocationChecksItsArguments) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  EXPECT_THAT(Revoke("SCSW-2023-S001", "   "), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(Revoke("SCSW-2023-S001", std::string(501, 'x')),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(Revoke("SCSW-2023-S404", "无此证"), GrpcIs(Code::NOT_FOUND, HasSubstr("S404")));
  EXPECT_THAT(Revoke("", "无此证"), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_EQ(Verify("SCSW-2023-S001").result(), v1::VERIFICATION_RESULT_VALID);
}

TEST_F(CertificateTest, ARevocationRetriedWithItsRequestIdSucceedsOnce) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  v1::RevokeCertificateRequest req;
  req.set_name("SCSW-2023-M001");
  req.set_reason("材料不实");
  req.set_request_id("revoke-m001");
  v1::Certificate first, retry;
  ASSERT_THAT(certificates_->RevokeCertificate(AsAdmin().get(), req, &first), GrpcIs(Code::OK));
  ASSERT_THAT(certificates_->RevokeCertificate(AsAdmin().get(), req, &retry), GrpcIs(Code::OK));
  EXPECT_EQ(retry.revoke_reason(), "材料不实");
  EXPECT_EQ(retry.revoke_time(), first.revoke_time());
  EXPECT_EQ(AuditEvents("RevokeCertificate").size(), 1u);
  // Without the key, a second revocation is refused.
  EXPECT_THAT(Revoke("SCSW-2023-M001", "材料不实"),
              GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(CertificateTest, OnlyAdminsIssueAndRevokeViewersReadAnyoneVerifies) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  EXPECT_THAT(Issue(&issued, viewer_token_), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Issue(&issued, assessor_token_), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Issue(&issued, "tpm_not-a-token"), GrpcIs(Code::UNAUTHENTICATED));
  v1::IssueCertificatesRequest anonymous;
  anonymous.set_parent(kCohort2023);
  EXPECT_THAT(certificates_->IssueCertificates(As("").get(), anonymous, &issued),
              GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_EQ(Verify("SCSW-2023-S001").result(), v1::VERIFICATION_RESULT_NOT_FOUND);
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));

  EXPECT_THAT(Revoke("SCSW-2023-S001", "试图撤销", nullptr, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::GetCertificateRequest get;
  get.set_name("certificates/SCSW-2023-S001");
  v1::Certificate c;
  EXPECT_THAT(certificates_->GetCertificate(As(viewer_token_).get(), get, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.enrolment(), wang_.name());
  EXPECT_THAT(certificates_->GetCertificate(As(assessor_token_).get(), get, &c),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(certificates_->GetCertificate(As("").get(), get, &c),
              GrpcIs(Code::UNAUTHENTICATED));
  get.set_name("SCSW-2023-X001");
  EXPECT_THAT(certificates_->GetCertificate(AsAdmin().get(), get, &c), GrpcIs(Code::NOT_FOUND));
  // Verification works for anyone, token or not, and whatever their role.
  v1::VerifyCertificateRequest verify;
  verify.set_number("SCSW-2023-S001");
  v1::VerifyCertificateResponse v;
  for (const std::string& token : {std::string(), assessor_token_, std::string("tpm_bogus")}) {
    EXPECT_THAT(certificates_->VerifyCertificate(As(token).get(), verify, &v), GrpcIs(Code::OK));
    EXPECT_EQ(v.result(), v1::VERIFICATION_RESULT_VALID);
  }
}

TEST_F(CertificateTest, ProgressCountsSelectedEliminatedAndCertifiedPerYearAndTrack) {
  v1::GetProgrammeProgressRequest req;
  req.set_name("SCSW");
  v1::ProgrammeProgress before;
  ASSERT_THAT(programmes_->GetProgrammeProgress(As(viewer_token_).get(), req, &before),
              GrpcIs(Code::OK));
  EXPECT_THAT(programmes_->GetProgrammeProgress(As(assessor_token_).get(), req, &before),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(before.years_size(), 11);  // 2020–2030
  EXPECT_EQ(before.certified(), 0);
  EXPECT_EQ(before.years_counted(), 0);
  EXPECT_FALSE(before.on_track());
  EXPECT_EQ(before.needed_per_year(), 28);  // 300 over 11 years, rounded up

  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  v1::ProgrammeProgress p;
  ASSERT_THAT(programmes_->GetProgrammeProgress(AsAdmin().get(), req, &p), GrpcIs(Code::OK));
  EXPECT_EQ(p.programme(), "programmes/SCSW");
  EXPECT_EQ(p.start_year(), 2020);
  EXPECT_EQ(p.end_year(), 2030);
  ASSERT_EQ(p.years_size(), 11);
  const v1::YearProgress& y = p.years(3);
  EXPECT_EQ(y.year(), 2023);
  EXPECT_EQ(y.cohort_state(), v1::COHORT_STATE_CLOSED);
  std::vector<std::string> tracks;
  for (const v1::TrackFigures& t : y.tracks()) {
    tracks.push_back(absl::StrCat(v1::Track_Name(t.track()), " ", t.selected(), " ",
                                  t.eliminated(), " ", t.certified()));
  }
  // 刘洋 was selected, then withdrew: selected counts those still in the
  // cohort's record as selected, active, eliminated, completed or certified.
  EXPECT_THAT(tracks, ElementsAre("TRACK_SERVICE 2 0 2", "TRACK_MANAGEMENT 2 0 1",
                                  "TRACK_EDUCATION_RESEARCH 2 1 1"));
  EXPECT_EQ(y.certified(), 4);
  EXPECT_EQ(y.cumulative_certified(), 4);
  EXPECT_EQ(p.years(2).cohort_state(), v1::COHORT_STATE_UNSPECIFIED);
  EXPECT_EQ(p.years(10).cumulative_certified(), 4);
  EXPECT_EQ(p.target(), 300);
  EXPECT_EQ(p.certified(), 4);
  // Judged over 2020–2023 (four years): 4 × 11 / 4 = 11 by 2030.
  EXPECT_EQ(p.years_counted(), 4);
  EXPECT_EQ(p.last_counted_year(), 2023);
  EXPECT_EQ(p.projected(), 11);
  EXPECT_FALSE(p.on_track());
  EXPECT_EQ(p.remaining_years(), 7);
  EXPECT_EQ(p.needed_per_year(), 43);  // 296 / 7 = 42.3, rounded up

  req.set_name("NOPE");
  EXPECT_THAT(programmes_->GetProgrammeProgress(AsAdmin().get(), req, &p),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(programmes_->GetProgrammeProgress(As("").get(), req, &p),
              GrpcIs(Code::UNAUTHENTICATED));
}


TEST_F(CertificateTest, ACertificateSignedBeforeARotationStaysValidAndTheOldKeyNoLongerIssues) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  // The rotation runs beside the serving talentd, as `talentd key rotate` would.
  clock_.Set(kFixtureNow + 7 * 86400);
  std::vector<std::string> notes;
  absl::StatusOr<core::Keys::Rotation> rotation =
      core::Keys(&core_->context.store(), &clock_).Rotate(dir_.File("talent.db.key"), &notes);
  ASSERT_TRUE(rotation.ok()) << rotation.status();
  EXPECT_EQ(rotation->retired.valid_until, kFixtureNow + 7 * 86400);
  v1::VerifyCertificateResponse v = Verify("SCSW-2023-S001");
  EXPECT_EQ(v.result(), v1::VERIFICATION_RESULT_VALID);
  EXPECT_EQ(v.invalid_reason(), "");
  EXPECT_FALSE(v.rehearsal());
  // This server still holds the retired key: it issues nothing more.
  v1::IssueCertificatesResponse again;
  EXPECT_THAT(Issue(&again),
              GrpcIs(Code::FAILED_PRECONDITION, "the signing key was rotated; restart talentd"));
}

TEST_F(CertificateTest, AKeyNotTrustedOrOutsideItsValidityDoesNotVouch) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  auto db = storage::Connection::Open(dir_.File("talent.db"), storage::Connection::Mode::kReadWrite,
                                      /*create=*/false);
  ASSERT_TRUE(db.ok()) << db.status();
  // Issued on 2023-06-07; the key made valid only from the next day.
  ASSERT_TRUE((*db)->Execute("UPDATE signing_keys SET valid_from = valid_from + 7 * 86400").ok());
  v1::VerifyCertificateResponse v = Verify("SCSW-2023-S001");
  EXPECT_EQ(v.result(), v1::VERIFICATION_RESULT_INVALID);
  EXPECT_EQ(v.invalid_reason(),
            "issued on 2023-06-07, before its signing key #1 was valid (from 2023-06-08)");
  // Retired before the certificate was issued.
  ASSERT_TRUE((*db)->Execute("UPDATE signing_keys SET valid_from = 0, valid_until = 1").ok());
  v = Verify("SCSW-2023-S001");
  EXPECT_EQ(v.result(), v1::VERIFICATION_RESULT_INVALID);
  EXPECT_EQ(v.invalid_reason(),
            "issued on 2023-06-07, after its signing key #1 was retired (1970-01-01)");
  // Not in the table at all.
  ASSERT_TRUE((*db)->Execute("DELETE FROM signing_keys").ok());
  v = Verify("SCSW-2023-S001");
  EXPECT_EQ(v.result(), v1::VERIFICATION_RESULT_INVALID);
  EXPECT_EQ(v.invalid_reason(), "signed by a key this register does not trust");
  EXPECT_EQ(v.certificate().number(), "SCSW-2023-S001");
}

TEST_F(CertificateTest, AProductionServerSaysSoInEveryAnswer) {
  grpc::ClientContext context;
  v1::PublicKey key;
  ASSERT_THAT(certificates_->GetPublicKey(&context, {}, &key), GrpcIs(Code::OK));
  auto kind = context.GetServerInitialMetadata().find(service::kDatabaseKindMetadata);
  ASSERT_NE(kind, context.GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(kind->second.data(), kind->second.size()), "production");
}

// The same scenario on a rehearsal database.
class RehearsalCertificateTest : public CertificateTest {
 protected:
  RehearsalCertificateTest() { kind_ = domain::DatabaseKind::kRehearsal; }
};

TEST_F(RehearsalCertificateTest, CertificatesAreSignedAsRehearsalOnesAndSaySo) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  ASSERT_EQ(issued.issued_size(), 4);
  for (const v1::Certificate& c : issued.issued()) {
    EXPECT_TRUE(c.rehearsal()) << c.number();
    common::CertificateFacts facts = Facts(c);
    ASSERT_TRUE(facts.rehearsal);
    // Signed over the rehearsal payload: as a production certificate, the
    // same facts and key do not verify.
    EXPECT_TRUE(common::Ed25519Verify(c.public_key(), common::CertificatePayload(facts),
                                      c.signature()));
    facts.rehearsal = false;
    EXPECT_FALSE(common::Ed25519Verify(c.public_key(), common::CertificatePayload(facts),
                                       c.signature()))
        << c.number();
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::VerifyCertificateRequest req;
  req.set_number("SCSW-2023-S001");
  v1::VerifyCertificateResponse v;
  ASSERT_THAT(certificates_->VerifyCertificate(&context, req, &v), GrpcIs(Code::OK));
  EXPECT_EQ(v.result(), v1::VERIFICATION_RESULT_VALID);
  EXPECT_TRUE(v.rehearsal());
  EXPECT_TRUE(v.certificate().rehearsal());
  auto kind = context.GetServerInitialMetadata().find(service::kDatabaseKindMetadata);
  ASSERT_NE(kind, context.GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(kind->second.data(), kind->second.size()), "rehearsal");
}

TEST_F(RehearsalCertificateTest, ARehearsalRecordCopiedIntoAProductionRegisterIsInvalid) {
  ConfirmFinalRound();
  ASSERT_FALSE(HasFatalFailure());
  v1::IssueCertificatesResponse issued;
  ASSERT_THAT(Issue(&issued), GrpcIs(Code::OK));
  // The same file and key served as a production database: the rehearsal
  // signatures do not verify as production certificates.
  server_->Shutdown(std::chrono::milliseconds(100));
  server_.reset();
  core_.reset();
  storage::StoreOptions options;
  auto store = storage::Store::Open(dir_.File("talent.db"), options);
  ASSERT_TRUE(store.ok()) << store.status();
  core::UseCases production(std::move(*store), &clock_, signing_key_,
                            domain::DatabaseKind::kProduction);
  auto v = production.certificates.VerifyCertificate("SCSW-2023-S001");
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->verdict, core::Certificates::Verdict::kInvalid);
  EXPECT_EQ(v->reason, "the register's record does not match its signature (it was altered)");
}

}  // namespace
}  // namespace talent
