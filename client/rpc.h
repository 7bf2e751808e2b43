// How every talentctl command calls talentd: a stub of the method's service
// on the shared channel, a context with the deadline and the bearer token,
// and a failed status turned into CliError with its exit code. Commands call
//
//   PrintRound(ctx, Rpc(ctx, &RoundStub::OpenRound, request));
//
// and never build a ClientContext themselves. Not thread-safe (CliContext).
#ifndef TALENT_CLIENT_RPC_H_
#define TALENT_CLIENT_RPC_H_

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <memory>

#include "client/cli_context.h"

namespace talent::client {

// A unary method of a generated stub, e.g. &v1::RoundService::Stub::OpenRound.
template <typename Stub, typename Request, typename Response>
using RpcMethod = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&, Response*);

// Only the public certificate checks are made without a token.
enum class Auth { kToken, kAnonymous };

namespace internal {
// Keeps a parameter out of template deduction, so `{}` can be passed.
template <typename T>
struct Identity {
  using type = T;
};
}  // namespace internal

// Calls `method` and returns its status unchecked, for the callers that
// report failures one by one. Throws CliError (not allowed) when there is
// no token and `auth` needs one.
template <typename Stub, typename Request, typename Response>
grpc::Status CallRpc(CliContext& ctx, RpcMethod<Stub, Request, Response> method,
                     const typename internal::Identity<Request>::type& request, Response* response,
                     Auth auth = Auth::kToken) {
  Stub stub(ctx.channel());
  std::unique_ptr<grpc::ClientContext> call = ctx.Call(auth == Auth::kAnonymous);
  grpc::Status status = (stub.*method)(call.get(), request, response);
  ctx.ObserveServer(*call);
  return status;
}

// Calls `method` and returns its response. Throws CliError with the exit
// code of the status (CliContext::Check) unless it is OK.
template <typename Stub, typename Request, typename Response>
Response Rpc(CliContext& ctx, RpcMethod<Stub, Request, Response> method,
             const typename internal::Identity<Request>::type& request, Auth auth = Auth::kToken) {
  Response response;
  ctx.Check(CallRpc(ctx, method, request, &response, auth));
  return response;
}

// Calls a List method page after page (1000 to a page) until the last page,
// or until `take` (given each page) returns false. Throws CliError as Rpc.
template <typename Stub, typename Request, typename Response, typename Take>
void ForEachPage(CliContext& ctx, RpcMethod<Stub, Request, Response> method,
                 typename internal::Identity<Request>::type request, Take take) {
  request.set_page_size(1000);
  for (;;) {
    Response page = Rpc(ctx, method, request);
    if (!take(page) || page.next_page_token().empty()) return;
    request.set_page_token(page.next_page_token());
  }
}

}  // namespace talent::client

#endif  // TALENT_CLIENT_RPC_H_
