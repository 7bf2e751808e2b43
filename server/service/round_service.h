// gRPC adapter for talent.v1.RoundService: rounds, conflicts of interest
// and assignments. Stateless beyond the use-case pointers; thread-safe.
#ifndef TALENT_SERVER_SERVICE_ROUND_SERVICE_H_
#define TALENT_SERVER_SERVICE_ROUND_SERVICE_H_

#include "server/core/results.h"
#include "server/core/rounds.h"
#include "server/core/users.h"
#include "talent/v1/round.grpc.pb.h"

namespace talent::service {

class RoundService final : public v1::RoundService::Service {
 public:
  RoundService(core::Users* users, core::Rounds* rounds, core::Results* results)
      : users_(users), rounds_(rounds), results_(results) {}
  grpc::Status CreateRound(grpc::ServerContext* context, const v1::CreateRoundRequest* req,
                           v1::Round* resp) override;
  grpc::Status ListRounds(grpc::ServerContext* context, const v1::ListRoundsRequest* req,
                          v1::ListRoundsResponse* resp) override;
  grpc::Status GetRound(grpc::ServerContext* context, const v1::GetRoundRequest* req,
                        v1::Round* resp) override;
  grpc::Status OpenRound(grpc::ServerContext* context, const v1::OpenRoundRequest* req,
                         v1::Round* resp) override;
  grpc::Status AddConflict(grpc::ServerContext* context, const v1::AddConflictRequest* req,
                           v1::AddConflictResponse* resp) override;
  grpc::Status ListConflicts(grpc::ServerContext* context, const v1::ListConflictsRequest* req,
                             v1::ListConflictsResponse* resp) override;
  grpc::Status AssignAssessors(grpc::ServerContext* context,
                               const v1::AssignAssessorsRequest* req,
                               v1::AssignAssessorsResponse* resp) override;
  grpc::Status ListAssignments(grpc::ServerContext* context,
                               const v1::ListAssignmentsRequest* req,
                               v1::ListAssignmentsResponse* resp) override;
  grpc::Status MarkAbsent(grpc::ServerContext* context, const v1::MarkAbsentRequest* req,
                          v1::MarkAbsentResponse* resp) override;
  grpc::Status CloseScoring(grpc::ServerContext* context, const v1::CloseScoringRequest* req,
                            v1::Round* resp) override;
  grpc::Status PublishNotice(grpc::ServerContext* context, const v1::PublishNoticeRequest* req,
                             v1::Round* resp) override;
  grpc::Status GetResults(grpc::ServerContext* context, const v1::GetResultsRequest* req,
                          v1::RoundResults* resp) override;
  grpc::Status FileAppeal(grpc::ServerContext* context, const v1::FileAppealRequest* req,
                          v1::Appeal* resp) override;
  grpc::Status ResolveAppeal(grpc::ServerContext* context, const v1::ResolveAppealRequest* req,
                             v1::Appeal* resp) override;
  grpc::Status ListAppeals(grpc::ServerContext* context, const v1::ListAppealsRequest* req,
                           v1::ListAppealsResponse* resp) override;
  grpc::Status GetPublicNotice(grpc::ServerContext* context,
                               const v1::GetPublicNoticeRequest* req,
                               v1::PublicNotice* resp) override;
  grpc::Status ConfirmRound(grpc::ServerContext* context, const v1::ConfirmRoundRequest* req,
                            v1::Round* resp) override;

 private:
  core::Users* const users_;
  core::Rounds* const rounds_;
  core::Results* const results_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_ROUND_SERVICE_H_
