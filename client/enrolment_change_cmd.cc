// talentctl enrolment recommend|select|reject|withdraw: one change applied
// to each named enrolment in turn; on a failure, the message names those
// changed and those not.
#include <algorithm>
#include <optional>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/args.h"
#include "client/commands.h"
#include "client/enrolment_cmd.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "common/clock.h"
#include "common/resource_names.h"
#include "talent/v1/enrolment.grpc.pb.h"

namespace talent::client {
namespace {

using EnrolmentStub = v1::EnrolmentService::Stub;

constexpr char kEnrolmentsArgHelp[] = "enrolment IDs";

// Calls `method` with `request` named after each enrolment of `refs`; prints
// the enrolments changed; then, if any failed, fails with the exit code of
// the first failure, after trying them all, saying plainly which were
// changed, which were not, and which got no answer (so may have been). The
// references are all checked first: one that is not an enrolment, or one
// named twice, changes nothing.
template <typename Request>
void ChangeEach(CliContext& ctx, const std::vector<std::string>& refs,
                RpcMethod<EnrolmentStub, Request, v1::Enrolment> method, Request request) {
  std::vector<int64_t> ids;
  for (const std::string& ref : refs) {
    int64_t id = EnrolmentIdArg(ref);
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
      throw CliError{kExitUsage, absl::StrCat("enrolment ", id,
                                              " is named twice; nothing was changed")};
    }
    ids.push_back(id);
  }
  std::vector<v1::Enrolment> done;
  std::vector<int64_t> changed_ids;
  std::vector<int64_t> failed_ids;
  std::vector<int64_t> unknown_ids;  // no answer: the server may have applied it
  std::optional<CliError> first_error;
  for (int64_t id : ids) {
    request.set_name(common::EnrolmentName(id));
    v1::Enrolment changed;
    grpc::Status status = CallRpc(ctx, method, request, &changed);
    try {
      ctx.Check(status);
      done.push_back(changed);
      changed_ids.push_back(id);
    } catch (const CliError& e) {
      ctx.Note(absl::StrCat("talentctl: enrolment ", id, ": ", e.message));
      const bool unanswered = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                              status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
      (unanswered ? unknown_ids : failed_ids).push_back(id);
      if (!first_error) first_error = e;
    }
  }
  // What happened to each, for the message of any failure below.
  const auto summary = [&] {
    std::string text = changed_ids.empty()
                           ? std::string("none was changed")
                           : absl::StrCat("changed: ", absl::StrJoin(changed_ids, ", "));
    if (!failed_ids.empty()) {
      absl::StrAppend(&text, "; not changed: ", absl::StrJoin(failed_ids, ", "));
    }
    if (!unknown_ids.empty()) {
      absl::StrAppend(&text, "; unknown (no answer; check with 'talentctl enrolment get'): ",
                      absl::StrJoin(unknown_ids, ", "));
    }
    return text;
  };
  try {
    if (ctx.format() == Format::kJson) {
      v1::ListEnrolmentsResponse out;
      for (const auto& e : done) *out.add_enrolments() = e;
      ctx.PrintJson(out);
    } else {
      Rows rows;
      for (const auto& e : done) rows.push_back(EnrolmentRow(ctx, e));
      if (!rows.empty()) ctx.PrintRows(kEnrolmentHeadings, rows);
    }
  } catch (const CliError& e) {
    // The changes stand even when they cannot be printed (an -o xlsx file).
    throw CliError{e.exit_code, absl::StrCat(e.message, "; ", summary())};
  }
  if (first_error) {
    throw CliError{first_error->exit_code,
                   absl::StrCat(failed_ids.size() + unknown_ids.size(), " of ", ids.size(),
                                " failed: ", summary())};
  }
}

}  // namespace

void SetupEnrolmentRecommend(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<EnrolmentRecommendOptions>();
  CLI::App* cmd = group.add_subcommand("recommend", "record a recommendation");
  cmd->add_option("enrolments", opt->enrolments, kEnrolmentsArgHelp)->required();
  cmd->add_option("--level", opt->level, "county, city or province (县级/市级/省级)")->required();
  cmd->add_option("--by", opt->body, "the recommending body")->required();
  cmd->add_option("--date", opt->date, "YYYY-MM-DD (default: today)");
  cmd->callback([opt, &ctx] { RunEnrolmentRecommend(*opt, ctx); });
}

void RunEnrolmentRecommend(const EnrolmentRecommendOptions& opt, CliContext& ctx) {
  v1::RecommendEnrolmentRequest req;
  req.mutable_recommendation()->set_level(ParseLevelArg(opt.level));
  req.mutable_recommendation()->set_body(opt.body);
  req.mutable_recommendation()->set_date(
      opt.date.empty()
          ? common::FormatDate(common::DateOfSeconds(common::SystemClock::Default()->NowSeconds()))
          : opt.date);
  ChangeEach(ctx, opt.enrolments, &EnrolmentStub::RecommendEnrolment, req);
}

void SetupEnrolmentSelect(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<EnrolmentSelectOptions>();
  CLI::App* cmd = group.add_subcommand("select", "select recommended candidates");
  cmd->add_option("enrolments", opt->enrolments, kEnrolmentsArgHelp)->required();
  cmd->callback([opt, &ctx] { RunEnrolmentSelect(*opt, ctx); });
}

void RunEnrolmentSelect(const EnrolmentSelectOptions& opt, CliContext& ctx) {
  ChangeEach(ctx, opt.enrolments, &EnrolmentStub::SelectEnrolment, v1::SelectEnrolmentRequest());
}

void SetupEnrolmentReject(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<EnrolmentReasonOptions>();
  CLI::App* cmd = group.add_subcommand("reject", "mark candidates not selected");
  cmd->add_option("enrolments", opt->enrolments, kEnrolmentsArgHelp)->required();
  cmd->add_option("--reason", opt->reason, "why")->required();
  cmd->callback([opt, &ctx] { RunEnrolmentReject(*opt, ctx); });
}

void RunEnrolmentReject(const EnrolmentReasonOptions& opt, CliContext& ctx) {
  ctx.Confirm(absl::StrCat("Mark ", opt.enrolments.size(), " enrolment(s) not selected?"));
  v1::RejectEnrolmentRequest req;
  req.set_reason(opt.reason);
  ChangeEach(ctx, opt.enrolments, &EnrolmentStub::RejectEnrolment, req);
}

void SetupEnrolmentWithdraw(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<EnrolmentReasonOptions>();
  CLI::App* cmd = group.add_subcommand("withdraw", "withdraw candidates");
  cmd->add_option("enrolments", opt->enrolments, kEnrolmentsArgHelp)->required();
  cmd->add_option("--reason", opt->reason, "why")->required();
  cmd->callback([opt, &ctx] { RunEnrolmentWithdraw(*opt, ctx); });
}

void RunEnrolmentWithdraw(const EnrolmentReasonOptions& opt, CliContext& ctx) {
  ctx.Confirm(absl::StrCat("Withdraw ", opt.enrolments.size(), " enrolment(s)?"));
  v1::WithdrawEnrolmentRequest req;
  req.set_reason(opt.reason);
  ChangeEach(ctx, opt.enrolments, &EnrolmentStub::WithdrawEnrolment, req);
}

}  // namespace talent::client
