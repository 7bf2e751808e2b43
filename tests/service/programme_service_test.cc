// talent.v1.ProgrammeService over a real server: every RPC's success and
// each of the status codes its comment promises.
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/server_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

v1::CreateProgrammeRequest ProgrammeRequest(const std::string& code) {
  v1::CreateProgrammeRequest req;
  v1::Programme* p = req.mutable_programme();
  p->set_code(code);
  p->set_title("四川社会工作人才计划");
  p->set_issuer("四川省民政厅");
  p->set_start_year(2020);
  p->set_end_year(2030);
  p->set_talent_target(300);
  return req;
}

class ProgrammeServiceTest : public testing::ServerFixture {
 protected:
  grpc::Status Create(const v1::CreateProgrammeRequest& req, v1::Programme* out = nullptr,
                      const std::string& token = "") {
    v1::Programme resp;
    return programmes_->CreateProgramme(As(token.empty() ? admin_token_ : token).get(), req,
                                        out ? out : &resp);
  }

  grpc::Status Update(const std::string& name, const v1::Programme& values,
                      const std::vector<std::string>& mask, v1::Programme* out = nullptr,
                      const std::string& token = "") {
    v1::UpdateProgrammeRequest req;
    *req.mutable_programme() = values;
    req.mutable_programme()->set_name(name);
    for (const std::string& field : mask) req.add_update_mask(field);
    v1::Programme resp;
    return programmes_->UpdateProgramme(As(token.empty() ? admin_token_ : token).get(), req,
                                        out ? out : &resp);
  }
};

TEST_F(ProgrammeServiceTest, CreateReturnsTheStoredProgramme) {
  v1::Programme p;
  ASSERT_THAT(Create(ProgrammeRequest("SCSW"), &p), GrpcIs(Code::OK));
  EXPECT_EQ(p.name(), "programmes/SCSW");
  EXPECT_EQ(p.code(), "SCSW");
  EXPECT_EQ(p.title(), "四川社会工作人才计划");
  EXPECT_EQ(p.issuer(), "四川省民政厅");
  EXPECT_EQ(p.start_year(), 2020);
  EXPECT_EQ(p.end_year(), 2030);
  EXPECT_EQ(p.talent_target(), 300);
  EXPECT_EQ(p.create_time(), "2023-06-01T00:00:00Z");
  EXPECT_EQ(p.update_time(), "2023-06-01T00:00:00Z");

  v1::GetProgrammeRequest get;
  get.set_name("programmes/SCSW");
  v1::Programme got;
  ASSERT_THAT(programmes_->GetProgramme(AsAdmin().get(), get, &got), GrpcIs(Code::OK));
  EXPECT_EQ(got.SerializeAsString(), p.SerializeAsString());
}

TEST_F(ProgrammeServiceTest, CreateIgnoresTheNameAndTrimsTheCode) {
  v1::CreateProgrammeRequest req = ProgrammeRequest("  GDSW ");
  req.mutable_programme()->set_name("programmes/OTHER");
  v1::Programme p;
  ASSERT_THAT(Create(req, &p), GrpcIs(Code::OK));
  EXPECT_EQ(p.name(), "programmes/GDSW");
}

TEST_F(ProgrammeServiceTest, CreateRejectsEachBadFieldByName) {
  struct Case {
    const char* what;
    void (*mutate)(v1::Programme*);
    const char* field;
  };
  const Case cases[] = {
      {"lower-case code", [](v1::Programme* p) { p->set_code("scsw"); }, "code"},
      {"one-letter code", [](v1::Programme* p) { p->set_code("S"); }, "code"},
      {"13-letter code", [](v1::Programme* p) { p->set_code("ABCDEFGHIJKLM"); }, "code"},
      {"code starts with digit", [](v1::Programme* p) { p->set_code("1SW"); }, "code"},
      {"empty title", [](v1::Programme* p) { p->set_title(""); }, "title"},
      {"101-char title", [](v1::Programme* p) { p->set_title(std::string(101, 'x')); }, "title"},
      {"empty issuer", [](v1::Programme* p) { p->set_issuer("  "); }, "issuer"},
      {"start 1999", [](v1::Programme* p) { p->set_start_year(1999); }, "start_year"},
      {"end 2101", [](v1::Programme* p) { p->set_end_year(2101); }, "end_year"},
      {"end before start", [](v1::Programme* p) { p->set_end_year(2019); }, "end_year"},
      {"target 0", [](v1::Programme* p) { p->set_talent_target(0); }, "talent_target"},
      {"target 100001", [](v1::Programme* p) { p->set_talent_target(100001); },
       "talent_target"},
  };
  for (const Case& c : cases) {
    v1::CreateProgrammeRequest req = ProgrammeRequest("SCSW");
    c.mutate(req.mutable_programme());
    EXPECT_THAT(Create(req), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr(c.field))) << c.what;
  }
  v1::ListProgrammesResponse list;
  ASSERT_THAT(programmes_->ListProgrammes(AsAdmin().get(), {}, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.programmes_size(), 0) << "a rejected programme was stored";
}

TEST_F(ProgrammeServiceTest, CreateAcceptsTheBoundaries) {
  v1::CreateProgrammeRequest req = ProgrammeRequest("AB");
  req.mutable_programme()->set_start_year(2000);
  req.mutable_programme()->set_end_year(2000);
  req.mutable_programme()->set_talent_target(1);
  req.mutable_programme()->set_title(std::string(100, 'x'));
  EXPECT_THAT(Create(req), GrpcIs(Code::OK));
  req = ProgrammeRequest("ABCDEFGHIJ12");
  req.mutable_programme()->set_end_year(2100);
  req.mutable_programme()->set_talent_target(100000);
  EXPECT_THAT(Create(req), GrpcIs(Code::OK));
}

TEST_F(ProgrammeServiceTest, DuplicateCodeIsAlreadyExists) {
  ASSERT_THAT(Create(ProgrammeRequest("SCSW")), GrpcIs(Code::OK));
  v1::CreateProgrammeRequest again = ProgrammeRequest("SCSW");
  again.mutable_programme()->set_title("另一个计划");
  EXPECT_THAT(Create(again), GrpcIs(Code::ALREADY_EXISTS, HasSubstr("SCSW")));
}

TEST_F(ProgrammeServiceTest, SameRequestIdCreatesOnceAndAnswersTheSame) {
  v1::CreateProgrammeRequest req = ProgrammeRequest("SCSW");
  req.set_request_id("create-scsw-1");
  v1::Programme first, second;
  ASSERT_THAT(Create(req, &first), GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(Create(req, &second), GrpcIs(Code::OK)) << "a retry must not be ALREADY_EXISTS";
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());

  v1::ListProgrammesResponse list;
  ASSERT_THAT(programmes_->ListProgrammes(AsAdmin().get(), {}, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.programmes_size(), 1);
}

TEST_F(ProgrammeServiceTest, DifferentRequestIdsAreDifferentRequests) {
  v1::CreateProgrammeRequest req = ProgrammeRequest("SCSW");
  req.set_request_id("a");
  ASSERT_THAT(Create(req), GrpcIs(Code::OK));
  req.set_request_id("b");
  EXPECT_THAT(Create(req), GrpcIs(Code::ALREADY_EXISTS));
}

TEST_F(ProgrammeServiceTest, OverlongRequestIdIsInvalid) {
  v1::CreateProgrammeRequest req = ProgrammeRequest("SCSW");
  req.set_request_id(std::string(65, 'r'));
  EXPECT_THAT(Create(req), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("request_id")));
  req.set_request_id(std::string(64, 'r'));
  EXPECT_THAT(Create(req), GrpcIs(Code::OK));
}

TEST_F(ProgrammeServiceTest, GetTakesNameOrCode) {
  CreateSeedProgramme();
  for (const char* name : {"programmes/SCSW", "SCSW"}) {
    v1::GetProgrammeRequest req;
    req.set_name(name);
    v1::Programme p;
    EXPECT_THAT(programmes_->GetProgramme(As(viewer_token_).get(), req, &p), GrpcIs(Code::OK))
        << name;
    EXPECT_EQ(p.code(), "SCSW");
  }
}

TEST_F(ProgrammeServiceTest, GetMissingIsNotFound) {
  v1::GetProgrammeRequest req;
  req.set_name("programmes/NOPE");
  v1::Programme p;
  EXPECT_THAT(programmes_->GetProgramme(AsAdmin().get(), req, &p),
              GrpcIs(Code::NOT_FOUND, HasSubstr("programme NOPE")));
}

TEST_F(ProgrammeServiceTest, GetMalformedNameIsInvalidArgument) {
  for (const char* name : {"", "programmes/", "programmes/scsw", "cohorts/SCSW"}) {
    v1::GetProgrammeRequest req;
    req.set_name(name);
    v1::Programme p;
    EXPECT_THAT(programmes_->GetProgramme(AsAdmin().get(), req, &p),
                GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")))
        << name;
  }
}

TEST_F(ProgrammeServiceTest, ListIsOrderedByCodeAndPaged) {
  for (const char* code : {"DD", "BB", "EE", "AA", "CC"}) {
    ASSERT_THAT(Create(ProgrammeRequest(code)), GrpcIs(Code::OK)) << code;
  }
  std::vector<std::string> seen;
  std::vector<int> sizes;
  v1::ListProgrammesRequest req;
  req.set_page_size(2);
  for (int pages = 0; pages < 10; ++pages) {
    v1::ListProgrammesResponse resp;
    ASSERT_THAT(programmes_->ListProgrammes(As(assessor_token_).get(), req, &resp),
                GrpcIs(Code::OK));
    sizes.push_back(resp.programmes_size());
    for (const v1::Programme& p : resp.programmes()) seen.push_back(p.code());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(sizes, (std::vector<int>{2, 2, 1}));
  EXPECT_EQ(seen, (std::vector<std::string>{"AA", "BB", "CC", "DD", "EE"}));
}

TEST_F(ProgrammeServiceTest, ListPageSizeZeroIsTheDefaultAndHugeIsCoerced) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_THAT(Create(ProgrammeRequest("P" + std::to_string(i))), GrpcIs(Code::OK));
  }
  for (int size : {0, 1000000}) {
    v1::ListProgrammesRequest req;
    req.set_page_size(size);
    v1::ListProgrammesResponse resp;
    ASSERT_THAT(programmes_->ListProgrammes(AsAdmin().get(), req, &resp), GrpcIs(Code::OK))
        << size;
    EXPECT_EQ(resp.programmes_size(), 3) << size;
    EXPECT_EQ(resp.next_page_token(), "") << size;
  }
}

TEST_F(ProgrammeServiceTest, ListNegativePageSizeIsInvalid) {
  v1::ListProgrammesRequest req;
  req.set_page_size(-1);
  v1::ListProgrammesResponse resp;
  EXPECT_THAT(programmes_->ListProgrammes(AsAdmin().get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_size")));
}

TEST_F(ProgrammeServiceTest, ListForeignPageTokenIsInvalid) {
  for (const char* token : {"garbage!", "AAAA", "bm90LWEtdG9rZW4"}) {
    v1::ListProgrammesRequest req;
    req.set_page_token(token);
    v1::ListProgrammesResponse resp;
    EXPECT_THAT(programmes_->ListProgrammes(AsAdmin().get(), req, &resp),
                GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_token")))
        << token;
  }
}

TEST_F(ProgrammeServiceTest, UpdateChangesOnlyTheMaskedFields) {
  CreateSeedProgramme();
  clock_.Advance(3600);
  v1::Programme values;
  values.set_title("四川省社会工作高层次人才培养计划");
  values.set_issuer("ignored");
  values.set_talent_target(320);
  v1::Programme p;
  ASSERT_THAT(Update("programmes/SCSW", values, {"title", "talent_target"}, &p),
              GrpcIs(Code::OK));
  EXPECT_EQ(p.title(), "四川省社会工作高层次人才培养计划");
  EXPECT_EQ(p.issuer(), "四川省民政厅");
  EXPECT_EQ(p.talent_target(), 320);
  EXPECT_EQ(p.start_year(), 2020);
  EXPECT_EQ(p.create_time(), "2023-06-01T00:00:00Z");
  EXPECT_EQ(p.update_time(), "2023-06-01T01:00:00Z");

  v1::GetProgrammeRequest get;
  get.set_name("SCSW");
  v1::Programme got;
  ASSERT_THAT(programmes_->GetProgramme(AsAdmin().get(), get, &got), GrpcIs(Code::OK));
  EXPECT_EQ(got.title(), p.title());
  EXPECT_EQ(got.talent_target(), 320);
}

TEST_F(ProgrammeServiceTest, UpdateTakesTheCodeWhenNameIsEmpty) {
  CreateSeedProgramme();
  v1::UpdateProgrammeRequest req;
  req.mutable_programme()->set_code("SCSW");
  req.mutable_programme()->set_end_year(2031);
  req.add_update_mask("end_year");
  v1::Programme p;
  ASSERT_THAT(programmes_->UpdateProgramme(AsAdmin().get(), req, &p), GrpcIs(Code::OK));
  EXPECT_EQ(p.end_year(), 2031);
}

TEST_F(ProgrammeServiceTest, UpdateWithoutMaskIsInvalid) {
  CreateSeedProgramme();
  v1::Programme values;
  values.set_title("x");
  EXPECT_THAT(Update("SCSW", values, {}), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("update_mask")));
}

TEST_F(ProgrammeServiceTest, UpdateOfAnImmutableOrUnknownFieldIsInvalid) {
  CreateSeedProgramme();
  v1::Programme values;
  values.set_code("NEW");
  EXPECT_THAT(Update("SCSW", values, {"code"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("\"code\"")));
  EXPECT_THAT(Update("SCSW", values, {"colour"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("\"colour\"")));
}

TEST_F(ProgrammeServiceTest, UpdateToABadValueIsInvalidAndChangesNothing) {
  CreateSeedProgramme();
  v1::Programme values;
  values.set_talent_target(0);
  EXPECT_THAT(Update("SCSW", values, {"talent_target"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("talent_target")));
  values.set_start_year(2040);
  EXPECT_THAT(Update("SCSW", values, {"start_year"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("end_year")));
  v1::GetProgrammeRequest get;
  get.set_name("SCSW");
  v1::Programme got;
  ASSERT_THAT(programmes_->GetProgramme(AsAdmin().get(), get, &got), GrpcIs(Code::OK));
  EXPECT_EQ(got.talent_target(), 300);
  EXPECT_EQ(got.start_year(), 2020);
}

TEST_F(ProgrammeServiceTest, UpdateOfMissingProgrammeIsNotFound) {
  v1::Programme values;
  values.set_title("x");
  EXPECT_THAT(Update("programmes/NOPE", values, {"title"}),
              GrpcIs(Code::NOT_FOUND, HasSubstr("NOPE")));
}

TEST_F(ProgrammeServiceTest, UpdateThatWouldExcludeACohortIsFailedPrecondition) {
  CreateSeedProgramme();
  CreateCohort(2023, 10, 10, 10, false);
  v1::Programme values;
  values.set_start_year(2024);
  values.set_end_year(2030);
  EXPECT_THAT(Update("SCSW", values, {"start_year"}),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("2023")));
  values.set_end_year(2022);
  values.set_start_year(2020);
  EXPECT_THAT(Update("SCSW", values, {"end_year"}),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("2023")));
  // Still inside: fine.
  values.set_start_year(2023);
  values.set_end_year(2023);
  EXPECT_THAT(Update("SCSW", values, {"start_year", "end_year"}), GrpcIs(Code::OK));
}

TEST_F(ProgrammeServiceTest, OnlyAdminsWrite) {
  EXPECT_THAT(Create(ProgrammeRequest("SCSW"), nullptr, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Create(ProgrammeRequest("SCSW"), nullptr, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  CreateSeedProgramme();
  v1::Programme values;
  values.set_title("x");
  EXPECT_THAT(Update("SCSW", values, {"title"}, nullptr, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Update("SCSW", values, {"title"}, nullptr, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(ProgrammeServiceTest, NoTokenIsUnauthenticatedForEveryRpc) {
  v1::Programme p;
  v1::ListProgrammesResponse list;
  EXPECT_THAT(programmes_->CreateProgramme(As("").get(), ProgrammeRequest("SCSW"), &p),
              GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(programmes_->GetProgramme(As("").get(), {}, &p), GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(programmes_->ListProgrammes(As("").get(), {}, &list),
              GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(programmes_->UpdateProgramme(As("").get(), {}, &p), GrpcIs(Code::UNAUTHENTICATED));
}

}  // namespace
}  // namespace talent
