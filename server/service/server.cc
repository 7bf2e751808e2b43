#include "server/service/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
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
      : own_redeem_limiter(options.redeem_limiter == nullptr
                               ? std::make_unique<common::RateLimiter>(kRedeemLimits)
                               : nullptr),
        programmes(&cases->programmes, &cases->users, &cases->certificates),
        cohorts(&cases->programmes, &cases->history, &cases->users,
                options.verification_url_base),
        enrolments(&cases->enrolments, &cases->users,
                   {options.import_max_bytes,
                    {options.import_memory_bytes, options.import_spill_directory}}),
        users(&cases->users, options.redeem_limiter != nullptr ? options.redeem_limiter
                                                               : own_redeem_limiter.get()),
        audit(&cases->users, &cases->audit),
        assessment(&cases->users, &cases->assessment),
        rounds(&cases->users, &cases->rounds, &cases->results),
        sheets(&cases->users, &cases->sheets),
        certificates(&cases->users, &cases->certificates, options.verification_url_base,
                     options.verify_limiter) {}
  // RedeemInvitation's limiter when the options bring none; first, so it
  // outlives the services that point to it.
  const std::unique_ptr<common::RateLimiter> own_redeem_limiter;
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

namespace {

// A TLS pair that cannot serve stops the server: it never falls back to
// plaintext.
absl::Status CheckTls(const ServerOptions& options) {
  if (options.tls_cert_pem.empty() != options.tls_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "TLS needs both a certificate chain and its private key (--tls-cert and --tls-key)");
  }
  if (options.tls_cert_pem.empty()) return absl::OkStatus();
  if (options.tls_cert_pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return absl::InvalidArgumentError(
        "the TLS certificate (--tls-cert) is empty or not a PEM certificate chain");
  }
  if (options.tls_key_pem.find("PRIVATE KEY-----") == std::string::npos) {
    return absl::InvalidArgumentError(
        "the TLS key (--tls-key) is empty or not a PEM private key");
  }
  return absl::OkStatus();
}

// Tells every caller, on every RPC, what kind of database this server holds:
// initial metadata "talent-database-kind: production|rehearsal"
// (kDatabaseKindMetadata). talentctl marks its output by it.
class DatabaseKindInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit DatabaseKindInterceptor(const char* kind) : kind_(kind) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kDatabaseKindMetadata, kind_);
    }
    methods->Proceed();
  }

 private:
  const char* const kind_;
};

class DatabaseKindInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit DatabaseKindInterceptorFactory(const char* kind) : kind_(kind) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo*) override {
    return new DatabaseKindInterceptor(kind_);
  }

 private:
  const char* const kind_;
};

}  // namespace

bool IsLoopbackAddress(const std::string& listen) {
  if (absl::StartsWith(listen, "unix:")) return true;
  std::string host;
  if (absl::StartsWith(listen, "[")) {
    size_t close = listen.find(']');
    if (close == std::string::npos) return false;
    host = listen.substr(1, close - 1);
  } else {
    size_t colon = listen.rfind(':');
    host = colon == std::string::npos ? listen : listen.substr(0, colon);
  }
  return host == "localhost" || host == "::1" || absl::StartsWith(host, "127.");
}

absl::StatusOr<std::unique_ptr<TalentServer>> TalentServer::Start(core::UseCases* cases,
                                                                  const ServerOptions& options) {
  RETURN_IF_ERROR(CheckTls(options));
  const bool tls = !options.tls_cert_pem.empty();
  if (!tls && !options.insecure && !IsLoopbackAddress(options.listen)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--listen ", options.listen, " is not a loopback address: serve it with TLS "
        "(--tls-cert and --tls-key), or pass --insecure if a network you trust carries the "
        "tokens in plain text"));
  }
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
  server->mode_ = tls ? "TLS" : options.insecure && !IsLoopbackAddress(options.listen)
                                    ? "PLAINTEXT on the network (--insecure)"
                                    : "plaintext on loopback";
  grpc::ResourceQuota quota("talentd");
  quota.SetMaxThreads(std::max(2, options.max_threads));
  quota.Resize(static_cast<size_t>(options.memory_quota_bytes));
  builder.SetResourceQuota(quota);
  // Every message is read whole before a handler (and its token check)
  // runs, so the limit applies to anyone who can connect.
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options.max_concurrent_streams);
  builder.AddChannelArgument(GRPC_ARG_MAX_METADATA_SIZE, 16 << 10);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS,
                             static_cast<int>(options.max_connection_idle.count()));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS,
                             static_cast<int>(options.max_connection_age.count()));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                             static_cast<int>(options.max_connection_grace.count()));
  // Dead peers are found by pings every two minutes; clients may ping at
  // most once a minute.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 120'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20'000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 60'000);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<DatabaseKindInterceptorFactory>(
      domain::DatabaseKindName(cases->context.kind())));
  builder.experimental().SetInterceptorCreators(std::move(creators));
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
