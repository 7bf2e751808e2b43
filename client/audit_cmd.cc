#include "client/audit_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/args.h"
#include "client/audit_check.h"
#include "client/commands.h"
#include "client/private_file.h"
#include "client/rpc.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "talent/v1/audit.grpc.pb.h"

namespace talent::client {
namespace {

using AuditStub = v1::AuditService::Stub;

void VerifyFile(const AuditVerifyOptions& opt, CliContext& ctx) {
  absl::StatusOr<CheckedExport> checked =
      CheckAuditExport(ReadWholeFile(opt.file), ParsePublicKeyArg(opt.pubkey));
  if (!checked.ok()) {
    throw CliError{absl::IsInvalidArgument(checked.status()) ? kExitUsage : kExitFailure,
                   absl::StrCat(opt.file, ": NOT INTACT: ", checked.status().message())};
  }
  ctx.Print(absl::StrCat("audit export intact: ", checked->events,
                         " events verified offline, head signed by ",
                         common::Base64UrlEncode(checked->head.public_key), " at ",
                         common::FormatTimestamp(checked->head.time), "\n"));
}

void VerifyOnline(const AuditVerifyOptions& opt, CliContext& ctx) {
  const std::string path = AuditHeadsPath();
  absl::StatusOr<std::map<std::string, RememberedHead>> heads = LoadAuditHeads(path);
  if (!heads.ok()) throw CliError{kExitFailure, std::string(heads.status().message())};
  const std::string server = ctx.server();
  std::optional<RememberedHead> before;
  if (auto it = heads->find(server); it != heads->end()) before = it->second;
  v1::VerifyAuditLogRequest req;
  if (before) req.set_known_sequence(before->sequence);
  v1::VerifyAuditLogResponse resp = Rpc(ctx, &AuditStub::VerifyAuditLog, req);
  const std::string trusted = opt.pubkey.empty() ? "" : ParsePublicKeyArg(opt.pubkey);
  common::AuditHead head = AuditHeadFromProto(resp.head());
  if (absl::Status s = CheckHead(head, before, resp.known_hash(), trusted); !s.ok()) {
    throw CliError{kExitFailure, absl::StrCat("audit log NOT INTACT: ", s.message())};
  }
  if (!before && trusted.empty()) {
    ctx.Note(absl::StrCat("first check of ", server, ": trusting its key ",
                          common::Base64UrlEncode(head.public_key),
                          " from now on (compare it with 'talentd key list' on the server)"));
  }
  (*heads)[server] = RememberedHead{head.sequence, head.hash, head.time, head.public_key};
  if (absl::Status s = SaveAuditHeads(path, *heads); !s.ok()) {
    throw CliError{kExitFailure, std::string(s.message())};
  }
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  ctx.Print(absl::StrCat("audit log intact: ", resp.events_checked(), " events and ",
                         resp.covered_checked(), " covered sheets and results verified; head ",
                         head.sequence, " signed by ", common::Base64UrlEncode(head.public_key),
                         before ? absl::StrCat(" (extends the head ", before->sequence,
                                               " checked before)")
                                : std::string(),
                         "\n"));
}

}  // namespace

std::vector<std::string> AuditRow(const v1::AuditEvent& e) {
  return {absl::StrCat(e.id()),
          e.time(),
          e.user().empty() ? "-" : e.user(),
          e.token_id() == 0 ? "-" : absl::StrCat(e.token_id()),
          e.method(),
          e.resource(),
          e.detail()};
}

void SetupAuditCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("audit", "the audit log of every change");
  group->require_subcommand(1);
  SetupAuditList(*group, ctx);
  SetupAuditVerify(*group, ctx);
  SetupAuditExport(*group, ctx);
}

void SetupAuditList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AuditListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list changes, oldest first");
  cmd->add_option("--limit", opt->limit, "at most this many, the newest (default: all)");
  cmd->add_option("--user", opt->user, "only this user's changes (a username)");
  cmd->add_option("--token", opt->token_id, "only changes made with this token id")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--resource", opt->resource,
                  "only changes to this resource or under it, e.g. rounds/SCSW/2026/1");
  cmd->add_option("--since", opt->since, "only changes at or after this date or RFC 3339 time");
  cmd->add_option("--until", opt->until, "only changes before this date or RFC 3339 time");
  cmd->callback([opt, &ctx] { RunAuditList(*opt, ctx); });
}

void RunAuditList(const AuditListOptions& opt, CliContext& ctx) {
  v1::ListAuditEventsRequest req;
  req.set_user(opt.user);
  req.set_token_id(opt.token_id);
  req.set_resource(opt.resource);
  req.set_start_time(opt.since);
  req.set_end_time(opt.until);
  v1::ListAuditEventsResponse all;
  ForEachPage(ctx, &AuditStub::ListAuditEvents, req, [&](const v1::ListAuditEventsResponse& page) {
    all.mutable_events()->MergeFrom(page.events());
    return true;
  });
  if (opt.limit > 0 && all.events_size() > opt.limit) {
    all.mutable_events()->DeleteSubrange(0, all.events_size() - opt.limit);
  }
  if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
  Rows rows;
  for (const v1::AuditEvent& e : all.events()) rows.push_back(AuditRow(e));
  ctx.PrintRows({"H_ID", "H_TIME", "H_USERNAME", "H_TOKEN", "H_METHOD", "H_RESOURCE", "H_DETAIL"},
                rows);
}

void SetupAuditVerify(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AuditVerifyOptions>();
  CLI::App* cmd = group.add_subcommand(
      "verify",
      "check the log: online, the server recomputes the chain and the tables it covers and "
      "signs its head, which must extend the head this client saw last; offline, --file "
      "checks an export against --pubkey");
  CLI::Option* file = cmd->add_option("--file", opt->file, "an export (talentctl audit export)");
  CLI::Option* key = cmd->add_option(
      "--pubkey", opt->pubkey,
      "the server's public key, or a file holding it (required with --file; online: the key "
      "the head must be signed by, e.g. after a key rotation)");
  file->needs(key);
  cmd->callback([opt, &ctx] { RunAuditVerify(*opt, ctx); });
}

void RunAuditVerify(const AuditVerifyOptions& opt, CliContext& ctx) {
  if (!opt.file.empty()) return VerifyFile(opt, ctx);
  VerifyOnline(opt, ctx);
}

void SetupAuditExport(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AuditExportOptions>();
  CLI::App* cmd = group.add_subcommand(
      "export", "write the whole log with its signed head, to check offline with 'audit verify "
                "--file'");
  cmd->add_option("-o,--out", opt->out, "the file to write, e.g. audit.jsonl")->required();
  cmd->callback([opt, &ctx] { RunAuditExport(*opt, ctx); });
}

void RunAuditExport(const AuditExportOptions& opt, CliContext& ctx) {
  std::string text = AuditExportHeader();
  int64_t events = 0;
  common::AuditHead head;
  ForEachPage(ctx, &AuditStub::ExportAuditLog, {}, [&](const v1::ExportAuditLogResponse& page) {
    for (const v1::ChainedAuditEvent& e : page.events()) {
      text += AuditExportLine(ChainedEventFromProto(e));
      ++events;
    }
    if (page.has_head()) head = AuditHeadFromProto(page.head());
    return true;
  });
  if (head.signature.empty()) {
    throw CliError{kExitFailure, "the server sent no signed head; nothing was written"};
  }
  text += AuditExportHeadLine(head);
  // Never write a file that would not verify.
  absl::StatusOr<CheckedExport> check = CheckAuditExport(text, head.public_key);
  if (!check.ok()) {
    throw CliError{kExitFailure, absl::StrCat("the server's log does not verify: ",
                                              check.status().message(), "; nothing was written")};
  }
  if (absl::Status s = WritePrivateFile(opt.out, text); !s.ok()) {
    throw CliError{kExitFailure, std::string(s.message())};
  }
  ctx.Note(absl::StrCat("wrote ", events, " events to ", opt.out, "; check it with 'talentctl "
                        "audit verify --file ", opt.out, " --pubkey ",
                        common::Base64UrlEncode(head.public_key), "'"));
}

}  // namespace talent::client
