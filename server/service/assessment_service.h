// gRPC adapter for talent.v1.AssessmentService: a cohort's rubric and
// rules. Stateless beyond the Core pointer; thread-safe.
#ifndef TALENT_SERVER_SERVICE_ASSESSMENT_SERVICE_H_
#define TALENT_SERVER_SERVICE_ASSESSMENT_SERVICE_H_

#include "server/core/core.h"
#include "talent/v1/assessment.grpc.pb.h"

namespace talent::service {

class AssessmentService final : public v1::AssessmentService::Service {
 public:
  explicit AssessmentService(core::Core* core) : core_(core) {}
  grpc::Status GetRubric(grpc::ServerContext* context, const v1::GetRubricRequest* req,
                         v1::Rubric* resp) override;
  grpc::Status SetRubric(grpc::ServerContext* context, const v1::SetRubricRequest* req,
                         v1::Rubric* resp) override;
  grpc::Status GetRules(grpc::ServerContext* context, const v1::GetRulesRequest* req,
                        v1::AssessmentRules* resp) override;
  grpc::Status SetRules(grpc::ServerContext* context, const v1::SetRulesRequest* req,
                        v1::AssessmentRules* resp) override;

 private:
  core::Core* core_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_ASSESSMENT_SERVICE_H_
