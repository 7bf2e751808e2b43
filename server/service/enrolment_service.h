// gRPC adapter for talent.v1.EnrolmentService, including the client-stream
// bulk import and its limits. Stateless beyond the use-case pointers and
// the limits; thread-safe.
#ifndef TALENT_SERVER_SERVICE_ENROLMENT_SERVICE_H_
#define TALENT_SERVER_SERVICE_ENROLMENT_SERVICE_H_

#include <cstdint>
#include <utility>

#include "server/core/enrolments.h"
#include "server/core/users.h"
#include "talent/v1/enrolment.grpc.pb.h"

namespace talent::service {

// How much an ImportEnrolments stream may carry, and where its rows wait.
struct ImportLimits {
  // The sum of the stream's messages' sizes, in bytes.
  uint64_t max_bytes = uint64_t{256} << 20;
  core::ImportOptions rows;
};

class EnrolmentService final : public v1::EnrolmentService::Service {
 public:
  EnrolmentService(core::Enrolments* enrolments, core::Users* users, ImportLimits limits = {})
      : enrolments_(enrolments), users_(users), limits_(std::move(limits)) {}
  grpc::Status CreateEnrolment(grpc::ServerContext* context, const v1::CreateEnrolmentRequest* req,
                               v1::Enrolment* resp) override;
  grpc::Status GetEnrolment(grpc::ServerContext* context, const v1::GetEnrolmentRequest* req,
                            v1::Enrolment* resp) override;
  grpc::Status ListEnrolments(grpc::ServerContext* context, const v1::ListEnrolmentsRequest* req,
                              v1::ListEnrolmentsResponse* resp) override;
  grpc::Status RecommendEnrolment(grpc::ServerContext* context,
                                  const v1::RecommendEnrolmentRequest* req,
                                  v1::Enrolment* resp) override;
  grpc::Status SelectEnrolment(grpc::ServerContext* context, const v1::SelectEnrolmentRequest* req,
                               v1::Enrolment* resp) override;
  grpc::Status RejectEnrolment(grpc::ServerContext* context, const v1::RejectEnrolmentRequest* req,
                               v1::Enrolment* resp) override;
  grpc::Status WithdrawEnrolment(grpc::ServerContext* context,
                                 const v1::WithdrawEnrolmentRequest* req,
                                 v1::Enrolment* resp) override;
  grpc::Status ImportEnrolments(grpc::ServerContext* context,
                                grpc::ServerReader<v1::ImportEnrolmentsRequest>* reader,
                                v1::ImportEnrolmentsResponse* resp) override;

 private:
  core::Enrolments* const enrolments_;
  core::Users* const users_;
  const ImportLimits limits_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_ENROLMENT_SERVICE_H_
