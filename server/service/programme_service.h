// gRPC adapters for talent.v1.ProgrammeService and CohortService: parse
// names, map messages, call the use cases, convert the status. Stateless beyond the
// use-case pointers; thread-safe.
#ifndef TALENT_SERVER_SERVICE_PROGRAMME_SERVICE_H_
#define TALENT_SERVER_SERVICE_PROGRAMME_SERVICE_H_

#include <string>
#include <utility>

#include "server/core/certificates.h"
#include "server/core/history.h"
#include "server/core/programmes.h"
#include "server/core/users.h"
#include "talent/v1/cohort.grpc.pb.h"
#include "talent/v1/programme.grpc.pb.h"

namespace talent::service {

class ProgrammeService final : public v1::ProgrammeService::Service {
 public:
  ProgrammeService(core::Programmes* programmes, core::Users* users, core::Certificates* certificates)
      : programmes_(programmes), users_(users), certificates_(certificates) {}
  grpc::Status CreateProgramme(grpc::ServerContext* context, const v1::CreateProgrammeRequest* req,
                               v1::Programme* resp) override;
  grpc::Status GetProgramme(grpc::ServerContext* context, const v1::GetProgrammeRequest* req,
                            v1::Programme* resp) override;
  grpc::Status ListProgrammes(grpc::ServerContext* context, const v1::ListProgrammesRequest* req,
                              v1::ListProgrammesResponse* resp) override;
  grpc::Status UpdateProgramme(grpc::ServerContext* context, const v1::UpdateProgrammeRequest* req,
                               v1::Programme* resp) override;
  grpc::Status GetProgrammeProgress(grpc::ServerContext* context,
                                    const v1::GetProgrammeProgressRequest* req,
                                    v1::ProgrammeProgress* resp) override;

 private:
  core::Programmes* const programmes_;
  core::Users* const users_;
  core::Certificates* const certificates_;
};

class CohortService final : public v1::CohortService::Service {
 public:
  CohortService(core::Programmes* programmes, core::History* history, core::Users* users,
                std::string verification_url_base)
      : programmes_(programmes),
        history_(history),
        users_(users),
        url_base_(std::move(verification_url_base)) {}
  grpc::Status CreateCohort(grpc::ServerContext* context, const v1::CreateCohortRequest* req,
                            v1::Cohort* resp) override;
  grpc::Status GetCohort(grpc::ServerContext* context, const v1::GetCohortRequest* req,
                         v1::Cohort* resp) override;
  grpc::Status ListCohorts(grpc::ServerContext* context, const v1::ListCohortsRequest* req,
                           v1::ListCohortsResponse* resp) override;
  grpc::Status SetQuotas(grpc::ServerContext* context, const v1::SetQuotasRequest* req,
                         v1::Cohort* resp) override;
  grpc::Status OpenEnrolment(grpc::ServerContext* context, const v1::CohortTransitionRequest* req,
                             v1::Cohort* resp) override;
  grpc::Status StartCultivation(grpc::ServerContext* context,
                                const v1::CohortTransitionRequest* req, v1::Cohort* resp) override;
  grpc::Status ImportHistory(grpc::ServerContext* context, const v1::ImportHistoryRequest* req,
                             v1::ImportHistoryResponse* resp) override;

 private:
  core::Programmes* const programmes_;
  core::History* const history_;
  core::Users* const users_;
  const std::string url_base_;  // the verification page's, for imported certificates
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_PROGRAMME_SERVICE_H_
