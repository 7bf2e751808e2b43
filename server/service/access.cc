#include "server/service/access.h"

#include <google/protobuf/descriptor.h>

#include <chrono>
#include <iterator>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "server/core/authorization.h"
#include "server/service/grpc_status.h"
#include "server/service/metrics.h"
#include "server/service/request_log.h"

namespace talent::service {
namespace {

std::string BearerToken(const grpc::ServerContext* context) {
  auto range = context->client_metadata().equal_range("authorization");
  for (auto it = range.first; it != range.second; ++it) {
    std::string value(it->second.data(), it->second.size());
    if (absl::StartsWithIgnoreCase(value, "Bearer ")) return value.substr(7);
  }
  return "";
}

absl::Status Authorize(core::Users* users, grpc::ServerContext* context, const Rpc& rpc,
                       core::Caller* caller) {
  // A public method does not even look at a token, if one is sent.
  if (core::IsPublic(rpc.full_name)) return absl::OkStatus();
  std::string token = BearerToken(context);
  if (token.empty()) {
    return absl::UnauthenticatedError(
        "no token: log in with 'talentctl login' or set TALENT_TOKEN");
  }
  absl::StatusOr<core::Caller> who = users->Authenticate(token);
  if (!who.ok()) return who.status();
  *caller = *who;
  return core::CheckRole(*caller, rpc.full_name);
}

// The client's x-request-id, checked; one made up here when it sent none.
absl::StatusOr<std::string> RequestId(const grpc::ServerContext* context) {
  auto range = context->client_metadata().equal_range(kRequestIdMetadata);
  if (range.first == range.second) return common::HexEncode(common::RandomBytes(8));
  std::string id(range.first->second.data(), range.first->second.size());
  bool printable = !id.empty() && id.size() <= kMaxRequestIdLength;
  for (char c : id) printable = printable && c > ' ' && c <= '~';
  if (!printable || std::next(range.first) != range.second) {
    return absl::InvalidArgumentError(absl::StrCat(
        "x-request-id must be one value of 1 to ", kMaxRequestIdLength,
        " printable ASCII characters without spaces (talentctl --request-id); or send none"));
  }
  return id;
}

}  // namespace

const Rpc& FindRpc(const char* service_full_name, const char* method) {
  static std::mutex mu;
  static auto* found = new std::map<std::pair<std::string, std::string>, std::unique_ptr<Rpc>>;
  std::lock_guard<std::mutex> lock(mu);
  std::unique_ptr<Rpc>& rpc = (*found)[{service_full_name, method}];
  if (!rpc) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_full_name);
    const google::protobuf::MethodDescriptor* descriptor =
        service == nullptr ? nullptr : service->FindMethodByName(method);
    if (descriptor == nullptr) {
      std::fprintf(stderr, "talentd: %s.%s is not a method of the API\n", service_full_name,
                   method);
      std::abort();
    }
    rpc = std::make_unique<Rpc>(Rpc{descriptor->full_name(), descriptor->name()});
  }
  return *rpc;
}

grpc::Status Call(core::Users* users, grpc::ServerContext* context, const Rpc& rpc,
                  const std::function<absl::Status(const core::Caller&)>& body) {
  auto start = std::chrono::steady_clock::now();
  Metrics::SessionScope session(Metrics::Global(), "grpc");
  core::Caller caller;
  absl::StatusOr<std::string> request_id = RequestId(context);
  absl::Status status = request_id.status();
  if (request_id.ok()) {
    // Told back, so a client that sent none can still quote it.
    context->AddInitialMetadata(kRequestIdMetadata, *request_id);
    status = Authorize(users, context, rpc, &caller);
    caller.request_id = *request_id;
  }
  if (status.ok()) status = body(caller);
  grpc::Status result = ToGrpcStatus(status);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  Metrics::Global().CountRpc(rpc.name, status.code(), ms / 1000);
  RpcLogLine line;
  line.time = users->clock().NowSeconds();
  line.method = rpc.name;
  line.code = status.code();
  line.duration_ms = ms;
  line.user = caller.username;
  line.request_id = request_id.ok() ? *request_id : "";
  LogRpc(line);
  return result;
}

}  // namespace talent::service
