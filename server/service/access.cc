#include "server/service/access.h"

#include <google/protobuf/descriptor.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "server/core/authorization.h"
#include "server/service/grpc_status.h"
#include "server/service/metrics.h"

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
  core::Caller caller;
  absl::Status status = Authorize(users, context, rpc, &caller);
  if (status.ok()) status = body(caller);
  grpc::Status result = ToGrpcStatus(status);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  Metrics::Global().CountRpc(rpc.name, status.code(), ms / 1000);
  std::fprintf(stderr, "%s rpc=%s code=%s latency_ms=%.2f user=%s\n",
               common::FormatTimestamp(users->clock().NowSeconds()).c_str(), rpc.name.c_str(),
               absl::StatusCodeToString(status.code()).c_str(), ms,
               caller.username.empty() ? "-" : caller.username.c_str());
  return result;
}

}  // namespace talent::service
