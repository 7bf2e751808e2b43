// gRPC adapter for talent.v1.SheetService: score sheets and their history.
// Stateless beyond the use-case pointers; thread-safe.
#ifndef TALENT_SERVER_SERVICE_SHEET_SERVICE_H_
#define TALENT_SERVER_SERVICE_SHEET_SERVICE_H_

#include "server/core/sheets.h"
#include "server/core/users.h"
#include "talent/v1/sheet.grpc.pb.h"

namespace talent::service {

class SheetService final : public v1::SheetService::Service {
 public:
  SheetService(core::Users* users, core::Sheets* sheets) : users_(users), sheets_(sheets) {}
  grpc::Status SetScores(grpc::ServerContext* context, const v1::SetScoresRequest* req,
                         v1::Sheet* resp) override;
  grpc::Status SubmitSheet(grpc::ServerContext* context, const v1::SubmitSheetRequest* req,
                           v1::Sheet* resp) override;
  grpc::Status GetSheet(grpc::ServerContext* context, const v1::GetSheetRequest* req,
                        v1::Sheet* resp) override;
  grpc::Status ReopenSheet(grpc::ServerContext* context, const v1::ReopenSheetRequest* req,
                           v1::Sheet* resp) override;
  grpc::Status ListSheetHistory(grpc::ServerContext* context,
                                const v1::ListSheetHistoryRequest* req,
                                v1::ListSheetHistoryResponse* resp) override;
  grpc::Status ImportSheets(grpc::ServerContext* context, const v1::ImportSheetsRequest* req,
                            v1::ImportSheetsResponse* resp) override;

 private:
  core::Users* const users_;
  core::Sheets* const sheets_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_SHEET_SERVICE_H_
