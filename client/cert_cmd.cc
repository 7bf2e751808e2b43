#include "client/cert_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "common/national_id.h"
#include "talent/v1/certificate.grpc.pb.h"

namespace talent::client {
namespace {

using CertificateStub = v1::CertificateService::Stub;

const std::vector<std::string> kListHeadings = {"H_NUMBER",      "H_HOLDER",     "H_TRACK",
                                                "H_FINAL_SCORE", "H_ISSUE_DATE", "H_STATE"};

std::string StateLabel(const CliContext& ctx, const v1::Certificate& c) {
  return absl::StrCat(ctx.L(c.revoke_time().empty() ? "VERIFICATION_RESULT_VALID"
                                                    : "VERIFICATION_RESULT_REVOKED"),
                      c.imported() ? ctx.L("T_PAPER_CERTIFICATE") : "");
}

void PrintCertificates(const CliContext& ctx,
                       const google::protobuf::RepeatedPtrField<v1::Certificate>& certificates) {
  Rows rows;
  for (const v1::Certificate& c : certificates) rows.push_back(CertificateRow(ctx, c));
  ctx.PrintRows(kListHeadings, rows);
}

}  // namespace

int ExitCodeForResult(v1::VerificationResult result) {
  switch (result) {
    case v1::VERIFICATION_RESULT_VALID:
      return kExitOk;
    case v1::VERIFICATION_RESULT_NOT_FOUND:
      return kExitNotFound;
    case v1::VERIFICATION_RESULT_REVOKED:
      return kExitConflict;
    default:
      return kExitFailure;
  }
}

std::vector<std::string> CertificateRow(const CliContext& ctx, const v1::Certificate& c) {
  return {c.number(),      c.holder_name(), ctx.L(v1::Track_Name(c.track())),
          c.final_score(), c.issue_date(),  StateLabel(ctx, c)};
}

Fields CertificateFields(const CliContext& ctx, const v1::Certificate& c, Fields fields) {
  fields.insert(fields.end(),
                {{"H_NUMBER", c.number()},
                 {"H_HOLDER", c.holder_name()},
                 {"H_NATIONAL_ID", common::MaskNationalId(c.masked_national_id())},
                 {"H_TRACK", ctx.L(v1::Track_Name(c.track()))},
                 {"H_PROGRAMME", absl::StrCat(c.programme_title(), " (", c.programme_code(), ")")},
                 {"H_COHORT", absl::StrCat(c.cohort_year())},
                 {"H_FINAL_SCORE", c.final_score()},
                 {"H_RATING", ctx.L(v1::Rating_Name(c.rating()))},
                 {"H_ISSUING_BODY", c.issuer()},
                 {"H_ISSUE_DATE", c.issue_date()}});
  if (c.imported()) {
    fields.push_back({"H_REGISTERED", absl::Substitute(ctx.L("T_FROM_PAPER"), c.register_date())});
  }
  if (!c.revoke_time().empty()) {
    fields.push_back({"H_REVOKED_ON", c.revoke_time()});
    fields.push_back({"H_REASON", c.revoke_reason()});
  }
  return fields;
}

void SetupCertCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("cert", "certificates: issue, verify, export, revoke");
  group->require_subcommand(1);
  SetupCertIssue(*group, ctx);
  SetupCertList(*group, ctx);
  SetupCertShow(*group, ctx);
  SetupCertVerify(*group, ctx);
  SetupCertExport(*group, ctx);
  SetupCertRevoke(*group, ctx);
  SetupCertPubkey(*group, ctx);
  SetupCertPdf(*group, ctx);
}

void SetupCertIssue(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CertIssueOptions>();
  CLI::App* cmd = group.add_subcommand(
      "issue", "issue certificates to a cohort's excellent after its final round is confirmed");
  cmd->add_option("--cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->callback([opt, &ctx] { RunCertIssue(*opt, ctx); });
}

void RunCertIssue(const CertIssueOptions& opt, CliContext& ctx) {
  v1::IssueCertificatesRequest req;
  req.set_parent(ResolveCohort(ctx, opt.cohort));
  v1::IssueCertificatesResponse resp = Rpc(ctx, &CertificateStub::IssueCertificates, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  if (resp.issued().empty()) {
    return ctx.Note(absl::StrCat("nothing new to issue: the cohort's ", resp.already_issued(),
                                 " certificate(s) were issued before"));
  }
  PrintCertificates(ctx, resp.issued());
  ctx.Note(absl::StrCat(resp.issued_size(), " certificate(s) issued",
                        resp.already_issued() > 0
                            ? absl::StrCat("; ", resp.already_issued(), " were issued before")
                            : std::string()));
}

void SetupCertList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CertListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list issued certificates");
  cmd->add_option("--cohort", opt->cohort, "only this cohort: CODE/YEAR (or YEAR)");
  cmd->callback([opt, &ctx] { RunCertList(*opt, ctx); });
}

void RunCertList(const CertListOptions& opt, CliContext& ctx) {
  v1::ListCertificatesRequest req;
  if (!opt.cohort.empty()) req.set_parent(ResolveCohort(ctx, opt.cohort));
  v1::ListCertificatesResponse all;
  ForEachPage(ctx, &CertificateStub::ListCertificates, req,
              [&](const v1::ListCertificatesResponse& page) {
                all.mutable_certificates()->MergeFrom(page.certificates());
                return true;
              });
  if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
  PrintCertificates(ctx, all.certificates());
}

void SetupCertShow(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CertShowOptions>();
  CLI::App* cmd = group.add_subcommand("show", "a certificate as the register holds it");
  cmd->add_option("number", opt->number, "e.g. SCSW-2023-S001")->required();
  cmd->callback([opt, &ctx] { RunCertShow(*opt, ctx); });
}

void RunCertShow(const CertShowOptions& opt, CliContext& ctx) {
  v1::GetCertificateRequest req;
  req.set_name(opt.number);
  v1::Certificate resp = Rpc(ctx, &CertificateStub::GetCertificate, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  ctx.PrintRecord(CertificateFields(ctx, resp, {{"H_STATE", StateLabel(ctx, resp)}}));
}

void SetupCertRevoke(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CertRevokeOptions>();
  CLI::App* cmd = group.add_subcommand("revoke", "revoke a certificate, for good");
  cmd->add_option("number", opt->number, "e.g. SCSW-2023-S001")->required();
  cmd->add_option("--reason", opt->reason, "why; shown to whoever verifies it")->required();
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunCertRevoke(*opt, ctx); });
}

void RunCertRevoke(const CertRevokeOptions& opt, CliContext& ctx) {
  ctx.Confirm(
      absl::StrCat("Revoke certificate ", opt.number, "? It will verify as revoked forever."));
  v1::RevokeCertificateRequest req;
  req.set_name(opt.number);
  req.set_reason(opt.reason);
  req.set_request_id(opt.request_id);
  v1::Certificate resp = Rpc(ctx, &CertificateStub::RevokeCertificate, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  ctx.PrintRecord(
      CertificateFields(ctx, resp, {{"H_STATE", ctx.L("VERIFICATION_RESULT_REVOKED")}}));
}

void SetupCertPubkey(CLI::App& group, CliContext& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "pubkey", "print the key certificates are signed with (for offline verification)");
  cmd->callback([&ctx] { RunCertPubkey(ctx); });
}

void RunCertPubkey(CliContext& ctx) {
  v1::PublicKey resp = Rpc(ctx, &CertificateStub::GetPublicKey, {}, Auth::kAnonymous);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  ctx.Print(resp.key_base64url() + "\n");
}

}  // namespace talent::client
