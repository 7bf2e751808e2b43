#include "server/service/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/str_cat.h"
#include "server/core/use_cases.h"
#include "server/service/assessment_service.h"
#include "server/service/audit_service.h"
#include "server/service/certificate_service.h"
#include "server/service/enrolment_service.h"
#include "server/service/programme_service.h"
#include "server/service/round_service.h"
#include "server/service/sheet_service.h"
#include "server/service/user_service.h"

namespace talent::service {

struct TalentServer::Services {
  Services(core::UseCases* cases, const ServerOptions& options)
      : programmes(&cases->programmes, &cases->users, &cases->certificates),
        cohorts(&cases->programmes, &cases->users),
        enrolments(&cases->enrolments, &cases->users,
                   {options.import_max_bytes,
                    {options.import_memory_bytes, options.import_spill_directory}}),
        users(&cases->users),
        audit(&cases->users, &cases->audit),
        assessment(&cases->users, &cases->assessment),
        rounds(&cases->users, &cases->rounds, &cases->results),
        sheets(&cases->users, &cases->sheets),
        certificates(&cases->users, &cases->certificates, options.verification_url_base) {}
  ProgrammeService programmes;
  CohortService cohorts;
  EnrolmentService enrolments;
  UserService users;
  AuditService audit;
  AssessmentService assessment;
  RoundService rounds;
  SheetService sheets;
  CertificateService certificates;
};

absl::StatusOr<std::unique_ptr<TalentServer>> TalentServer::Start(core::UseCases* cases,
                                                                  const ServerOptions& options) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::unique_ptr<TalentServer> server(new TalentServer());
  server->services_ = std::make_unique<Services>(cases, options);

  grpc::ServerBuilder builder;
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (!options.tls_cert_pem.empty()) {
    grpc::SslServerCredentialsOptions tls;
    tls.pem_key_cert_pairs.push_back({options.tls_key_pem, options.tls_cert_pem});
    credentials = grpc::SslServerCredentials(tls);
  }
  builder.AddListeningPort(options.listen, credentials, &server->port_);
  grpc::ResourceQuota quota("talentd");
  quota.SetMaxThreads(std::max(2, options.max_threads));
  builder.SetResourceQuota(quota);
  builder.SetMaxReceiveMessageSize(64 << 20);
  builder.RegisterService(&server->services_->programmes);
  builder.RegisterService(&server->services_->cohorts);
  builder.RegisterService(&server->services_->enrolments);
  builder.RegisterService(&server->services_->users);
  builder.RegisterService(&server->services_->audit);
  builder.RegisterService(&server->services_->assessment);
  builder.RegisterService(&server->services_->rounds);
  builder.RegisterService(&server->services_->sheets);
  builder.RegisterService(&server->services_->certificates);
  server->server_ = builder.BuildAndStart();
  if (!server->server_ || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen,
                                               " (in use, or not a local address?)"));
  }
  server->server_->GetHealthCheckService()->SetServingStatus(true);
  return server;
}

TalentServer::~TalentServer() {
  if (server_) Shutdown(std::chrono::milliseconds(0));
}

void TalentServer::Shutdown(std::chrono::milliseconds grace) {
  if (!server_) return;
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
  server_.reset();
}

void TalentServer::Wait() {
  if (server_) server_->Wait();
}

}  // namespace talent::service
