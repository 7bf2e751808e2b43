// gRPC adapter for talent.v1.AssessmentService: a cohort's rubric and
// rules. Stateless beyond the use-case pointers; thread-safe.
#ifndef TALENT_SERVER_SERVICE_ASSESSMENT_SERVICE_H_
#define TALENT_SERVER_SERVICE_ASSESSMENT_SERVICE_H_

#include "server/core/assessment.h"
#include "server/core/users.h"
#include "talent/v1/assessment.grpc.pb.h"

namespace talent::service {

class AssessmentService final : public v1::AssessmentService::Service {
 public:
  AssessmentService(core::Users* users, core::Assessment* assessment)
      : users_(users), assessment_(assessment) {}
  grpc::Status GetRubric(grpc::ServerContext* context, const v1::GetRubricRequest* req,
                         v1::Rubric* resp) override;
  grpc::Status SetRubric(grpc::ServerContext* context, const v1::SetRubricRequest* req,
                         v1::Rubric* resp) override;
  grpc::Status GetRules(grpc::ServerContext* context, const v1::GetRulesRequest* req,
                        v1::AssessmentRules* resp) override;
  grpc::Status SetRules(grpc::ServerContext* context, const v1::SetRulesRequest* req,
                        v1::AssessmentRules* resp) override;

 private:
  core::Users* const users_;
  core::Assessment* const assessment_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_ASSESSMENT_SERVICE_H_
