// talentctl cert verify|export|pdf: a certificate checked online by number
// or offline from its exported file, written as a signed credential, or
// printed as a PDF with a QR code to verify it.
#include <cctype>
#include <fstream>
#include <iterator>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/args.h"
#include "client/cert_cmd.h"
#include "client/cert_facts.h"
#include "client/commands.h"
#include "client/credential.h"
#include "client/render/cairo_text.h"
#include "client/rpc.h"
#include "common/labels.h"
#include "common/national_id.h"
#include "talent/v1/certificate.grpc.pb.h"

namespace talent::client {
namespace {

// The public verification of a number (no token needed).
v1::VerifyCertificateResponse Verify(CliContext& ctx, const std::string& number) {
  v1::VerifyCertificateRequest req;
  req.set_number(number);
  return Rpc(ctx, &v1::CertificateService::Stub::VerifyCertificate, req, Auth::kAnonymous);
}

// A certificate that verifies VALID online, or CliError saying why not.
v1::Certificate ValidCertificate(CliContext& ctx, const std::string& number) {
  v1::VerifyCertificateResponse resp = Verify(ctx, number);
  if (resp.result() != v1::VERIFICATION_RESULT_VALID) {
    throw CliError{ExitCodeForResult(resp.result()),
                   absl::StrCat("certificate ", resp.number(), " is ",
                                ctx.L(v1::VerificationResult_Name(resp.result())))};
  }
  return resp.certificate();
}

// --file against --pubkey (the key itself, or a file holding it).
void VerifyOffline(const CertVerifyOptions& opt, CliContext& ctx) {
  if (!opt.number.empty()) {
    throw CliError{kExitUsage, "give a NUMBER (online) or --file (offline), not both"};
  }
  absl::StatusOr<SignedCertificate> c =
      VerifyCredential(ReadWholeFile(opt.file), ParsePublicKeyArg(opt.pubkey));
  if (!c.ok()) {
    throw CliError{absl::IsInvalidArgument(c.status()) ? kExitUsage : kExitFailure,
                   absl::StrCat(opt.file, ": NOT VALID: ", c.status().message())};
  }
  v1::Certificate shown = ToCertificateMessage(c->facts);
  if (c->facts.rehearsal) {
    ctx.Note(absl::StrCat("talentctl: ", opt.file, " is a ", kRehearsalMark,
                          " certificate, from a rehearsal database: not a real one"));
  }
  if (ctx.format() == Format::kJson) return ctx.PrintJson(shown);
  ctx.PrintRecord(CertificateFields(
      ctx, shown,
      {{"H_RESULT", absl::StrCat(ctx.L("VERIFICATION_RESULT_VALID"),
                                 " (signature checked offline; revocation can only be "
                                 "checked online)",
                                 c->facts.rehearsal ? absl::StrCat(" [", kRehearsalMark, "]")
                                                    : "")}}));
}

void VerifyOnline(const CertVerifyOptions& opt, CliContext& ctx) {
  if (opt.number.empty()) {
    throw CliError{kExitUsage, "give a certificate NUMBER, or --file and --pubkey"};
  }
  v1::VerifyCertificateResponse resp = Verify(ctx, opt.number);
  std::string result = ctx.L(v1::VerificationResult_Name(resp.result()));
  if (resp.rehearsal()) absl::StrAppend(&result, " [", kRehearsalMark, "]");
  if (!resp.invalid_reason().empty()) absl::StrAppend(&result, ": ", resp.invalid_reason());
  if (ctx.format() == Format::kJson) {
    ctx.PrintJson(resp);
  } else if (resp.result() == v1::VERIFICATION_RESULT_NOT_FOUND) {
    ctx.PrintRecord({{"H_RESULT", result}, {"H_NUMBER", resp.number()}});
  } else {
    ctx.PrintRecord(CertificateFields(ctx, resp.certificate(), {{"H_RESULT", result}}));
  }
  if (resp.result() != v1::VERIFICATION_RESULT_VALID) {
    throw CliError{ExitCodeForResult(resp.result()),
                   absl::StrCat("certificate ", resp.number(), " is not valid: ", result)};
  }
}

}  // namespace

std::string BilingualLabel(const std::string& key) {
  std::string en = common::EnglishLabel(key);
  if (!en.empty()) en[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(en[0])));
  return absl::StrCat(std::string(common::Label(key, common::Lang::kChinese)), " ", en);
}

render::CertificateArt CertificateArtOf(const v1::Certificate& c) {
  render::CertificateArt art;
  art.title = std::string(common::Label("H_TALENT_TITLE", common::Lang::kChinese));
  art.title_en = common::EnglishLabel("H_TALENT_TITLE");
  art.holder_name = c.holder_name();
  art.masked_national_id = common::MaskNationalId(c.masked_national_id());  // older masks too
  art.track = BilingualLabel(v1::Track_Name(c.track()));
  art.programme = c.programme_title();
  art.cohort = absl::StrCat(c.cohort_year());
  art.score = c.final_score();
  art.rating = BilingualLabel(v1::Rating_Name(c.rating()));
  art.number = c.number();
  art.issuer = c.issuer();
  art.issue_date = c.issue_date();
  art.verification_url = c.verification_url();
  art.rehearsal = c.rehearsal();
  return art;
}

void SetupCertVerify(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CertVerifyOptions>();
  CLI::App* cmd = group.add_subcommand(
      "verify",
      "check a certificate: online by NUMBER (no login needed), or offline with --file and "
      "--pubkey");
  cmd->add_option("number", opt->number, "e.g. SCSW-2023-S001");
  CLI::Option* file =
      cmd->add_option("--file", opt->file, "an exported certificate (talentctl cert export)");
  CLI::Option* key =
      cmd->add_option("--pubkey", opt->pubkey, "the issuer's public key, or a file holding it");
  file->needs(key);
  key->needs(file);
  cmd->callback([opt, &ctx] { RunCertVerify(*opt, ctx); });
}

void RunCertVerify(const CertVerifyOptions& opt, CliContext& ctx) {
  if (!opt.file.empty()) return VerifyOffline(opt, ctx);
  VerifyOnline(opt, ctx);
}

void SetupCertExport(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CertFileOptions>();
  CLI::App* cmd = group.add_subcommand(
      "export", "write a certificate as a signed credential (Open Badges 3.0 shaped JSON)");
  cmd->add_option("number", opt->number, "e.g. SCSW-2023-S001")->required();
  cmd->add_option("-o,--out", opt->out, "the file to write, e.g. cert.json")->required();
  cmd->callback([opt, &ctx] { RunCertExport(*opt, ctx); });
}

void RunCertExport(const CertFileOptions& opt, CliContext& ctx) {
  v1::Certificate c = ValidCertificate(ctx, opt.number);
  std::string json = ExportCredential({FactsOf(c), c.public_key(), c.signature()});
  // Never write a file that would not verify.
  absl::StatusOr<SignedCertificate> check = VerifyCredential(json, c.public_key());
  if (!check.ok()) {
    throw CliError{kExitFailure, absl::StrCat("the server's certificate does not verify: ",
                                              check.status().message())};
  }
  absl::Status written = render::WriteBytesAtomically(opt.out, json);
  if (!written.ok()) throw CliError{kExitFailure, std::string(written.message())};
  ctx.Note(absl::StrCat("wrote ", opt.out, "; check it with 'talentctl cert verify --file ",
                        opt.out, " --pubkey KEY'"));
}

void SetupCertPdf(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CertFileOptions>();
  CLI::App* cmd = group.add_subcommand(
      "pdf", "render a printable certificate (A4 landscape PDF with a QR code to verify it)");
  cmd->add_option("number", opt->number, "e.g. SCSW-2023-S001")->required();
  cmd->add_option("-o,--out", opt->out, "the file to write, e.g. cert.pdf")->required();
  cmd->callback([opt, &ctx] { RunCertPdf(*opt, ctx); });
}

void RunCertPdf(const CertFileOptions& opt, CliContext& ctx) {
  v1::Certificate c = ValidCertificate(ctx, opt.number);
  if (c.verification_url().empty()) {
    throw CliError{kExitConflict,
                   "the server has no verification page for the QR code; start talentd with "
                   "--http-listen (or --public-url)"};
  }
  render::CertificateArt art = CertificateArtOf(c);
  absl::Status status = render::WriteCertificatePdf(art, opt.out);
  if (!status.ok()) throw CliError{kExitFailure, std::string(status.message())};
  ctx.Note(absl::StrCat("wrote ", opt.out, " (QR code: ", art.verification_url, ")"));
}

}  // namespace talent::client
