// talentctl cert issue|list|show|verify|export|revoke|pubkey|pdf.
#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "client/cert_facts.h"
#include "client/commands.h"
#include "client/credential.h"
#include "client/render/cairo_text.h"
#include "client/render/certificate_pdf.h"
#include "common/crypto.h"
#include "common/fixed_point.h"
#include "common/labels.h"
#include "talent/v1/certificate.grpc.pb.h"

namespace talent::client {
namespace {

const std::vector<std::string> kListHeadings = {"H_NUMBER", "H_HOLDER",     "H_TRACK",
                                                "H_FINAL_SCORE", "H_ISSUE_DATE", "H_STATE"};

std::vector<std::string> ListRow(CliContext& ctx, const v1::Certificate& c) {
  return {c.number(),      c.holder_name(), ctx.L(v1::Track_Name(c.track())), c.final_score(),
          c.issue_date(),
          ctx.L(c.revoke_time().empty() ? "VERIFICATION_RESULT_VALID"
                                        : "VERIFICATION_RESULT_REVOKED")};
}

// The facts of a certificate, as FIELD / VALUE lines.
void PrintFacts(CliContext& ctx, const v1::Certificate& c,
                std::vector<std::pair<std::string, std::string>> fields) {
  fields.insert(fields.end(),
                {{"H_NUMBER", c.number()},
                 {"H_HOLDER", c.holder_name()},
                 {"H_NATIONAL_ID", c.masked_national_id()},
                 {"H_TRACK", ctx.L(v1::Track_Name(c.track()))},
                 {"H_PROGRAMME", absl::StrCat(c.programme_title(), " (", c.programme_code(), ")")},
                 {"H_COHORT", absl::StrCat(c.cohort_year())},
                 {"H_FINAL_SCORE", c.final_score()},
                 {"H_RATING", ctx.L(v1::Rating_Name(c.rating()))},
                 {"H_ISSUING_BODY", c.issuer()},
                 {"H_ISSUE_DATE", c.issue_date()}});
  if (!c.revoke_time().empty()) {
    fields.push_back({"H_REVOKED_ON", c.revoke_time()});
    fields.push_back({"H_REASON", c.revoke_reason()});
  }
  ctx.PrintRecord(fields);
}

// Exit code for a verification that is not VALID, so scripts can tell.
int ExitCodeForResult(v1::VerificationResult result) {
  switch (result) {
    case v1::VERIFICATION_RESULT_VALID: return kExitOk;
    case v1::VERIFICATION_RESULT_NOT_FOUND: return kExitNotFound;
    case v1::VERIFICATION_RESULT_REVOKED: return kExitConflict;
    default: return kExitFailure;
  }
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CliError{kExitUsage, absl::StrCat("cannot read ", path)};
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The public verification of a number (no token needed); throws CliError
// for an RPC failure.
v1::VerifyCertificateResponse Verify(CliContext& ctx, const std::string& number) {
  auto stub = v1::CertificateService::NewStub(ctx.channel());
  v1::VerifyCertificateRequest req;
  req.set_number(number);
  v1::VerifyCertificateResponse resp;
  ctx.Check(stub->VerifyCertificate(ctx.Call(/*anonymous=*/true).get(), req, &resp));
  return resp;
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

}  // namespace

void AddCertCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("cert", "certificates: issue, verify, export, revoke");
  group->require_subcommand(1);

  auto issue_cohort = std::make_shared<std::string>();
  CLI::App* issue = group->add_subcommand(
      "issue", "issue certificates to a cohort's excellent after its final round is confirmed");
  issue->add_option("--cohort", *issue_cohort, "cohort: CODE/YEAR (or YEAR)")->required();
  issue->callback([&ctx, issue_cohort] {
    v1::IssueCertificatesRequest req;
    req.set_parent(ResolveCohort(ctx, *issue_cohort));
    auto stub = v1::CertificateService::NewStub(ctx.channel());
    v1::IssueCertificatesResponse resp;
    ctx.Check(stub->IssueCertificates(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    if (resp.issued().empty()) {
      ctx.Note(absl::StrCat("nothing new to issue: the cohort's ", resp.already_issued(),
                                    " certificate(s) were issued before"));
      return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const v1::Certificate& c : resp.issued()) rows.push_back(ListRow(ctx, c));
    ctx.PrintRows(kListHeadings, rows);
    ctx.Note(absl::StrCat(resp.issued_size(), " certificate(s) issued",
                                  resp.already_issued() > 0
                                      ? absl::StrCat("; ", resp.already_issued(),
                                                     " were issued before")
                                      : std::string()));
  });

  auto list_cohort = std::make_shared<std::string>();
  CLI::App* list = group->add_subcommand("list", "list issued certificates");
  list->add_option("--cohort", *list_cohort, "only this cohort: CODE/YEAR (or YEAR)");
  list->callback([&ctx, list_cohort] {
    v1::ListCertificatesRequest req;
    if (!list_cohort->empty()) req.set_parent(ResolveCohort(ctx, *list_cohort));
    auto stub = v1::CertificateService::NewStub(ctx.channel());
    v1::ListCertificatesResponse all;
    ForEachPage<v1::ListCertificatesRequest, v1::ListCertificatesResponse>(
        ctx, req,
        [&](auto* call, const auto& r, auto* resp) {
          return stub->ListCertificates(call, r, resp);
        },
        [&](const v1::ListCertificatesResponse& page) {
          all.mutable_certificates()->MergeFrom(page.certificates());
          return true;
        });
    if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    for (const v1::Certificate& c : all.certificates()) rows.push_back(ListRow(ctx, c));
    ctx.PrintRows(kListHeadings, rows);
  });

  auto show_number = std::make_shared<std::string>();
  CLI::App* show = group->add_subcommand("show", "a certificate as the register holds it");
  show->add_option("number", *show_number, "e.g. SCSW-2023-S001")->required();
  show->callback([&ctx, show_number] {
    v1::GetCertificateRequest req;
    req.set_name(*show_number);
    auto stub = v1::CertificateService::NewStub(ctx.channel());
    v1::Certificate resp;
    ctx.Check(stub->GetCertificate(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    PrintFacts(ctx, resp,
               {{"H_STATE", ctx.L(resp.revoke_time().empty() ? "VERIFICATION_RESULT_VALID"
                                                             : "VERIFICATION_RESULT_REVOKED")}});
  });

  struct VerifyOptions {
    std::string number, file, pubkey;
  };
  auto verify_opts = std::make_shared<VerifyOptions>();
  CLI::App* verify = group->add_subcommand(
      "verify",
      "check a certificate: online by NUMBER (no login needed), or offline with --file and "
      "--pubkey");
  verify->add_option("number", verify_opts->number, "e.g. SCSW-2023-S001");
  CLI::Option* file_option = verify->add_option(
      "--file", verify_opts->file, "an exported certificate (talentctl cert export)");
  CLI::Option* key_option = verify->add_option(
      "--pubkey", verify_opts->pubkey, "the issuer's public key, or a file holding it");
  file_option->needs(key_option);
  key_option->needs(file_option);
  verify->callback([&ctx, verify_opts] {
    if (!verify_opts->file.empty()) {
      if (!verify_opts->number.empty()) {
        throw CliError{kExitUsage, "give a NUMBER (online) or --file (offline), not both"};
      }
      std::string key_text = verify_opts->pubkey;
      if (std::ifstream(key_text).good()) key_text = ReadWholeFile(key_text);
      absl::StatusOr<std::string> key = ParsePublicKey(key_text);
      if (!key.ok()) throw CliError{kExitUsage, std::string(key.status().message())};
      absl::StatusOr<SignedCertificate> c =
          VerifyCredential(ReadWholeFile(verify_opts->file), *key);
      if (!c.ok()) {
        throw CliError{absl::IsInvalidArgument(c.status()) ? kExitUsage : kExitFailure,
                       absl::StrCat(verify_opts->file, ": NOT VALID: ", c.status().message())};
      }
      v1::Certificate shown = ToCertificateMessage(c->facts);
      if (ctx.format() == Format::kJson) return ctx.PrintJson(shown);
      PrintFacts(ctx, shown,
                 {{"H_RESULT", absl::StrCat(ctx.L("VERIFICATION_RESULT_VALID"),
                                            " (signature checked offline; revocation can only be "
                                            "checked online)")}});
      return;
    }
    if (verify_opts->number.empty()) {
      throw CliError{kExitUsage, "give a certificate NUMBER, or --file and --pubkey"};
    }
    v1::VerifyCertificateResponse resp = Verify(ctx, verify_opts->number);
    if (ctx.format() == Format::kJson) {
      ctx.PrintJson(resp);
    } else if (resp.result() == v1::VERIFICATION_RESULT_NOT_FOUND) {
      ctx.PrintRecord({{"H_RESULT", ctx.L(v1::VerificationResult_Name(resp.result()))},
                       {"H_NUMBER", resp.number()}});
    } else {
      PrintFacts(ctx, resp.certificate(),
                 {{"H_RESULT", ctx.L(v1::VerificationResult_Name(resp.result()))}});
    }
    if (resp.result() != v1::VERIFICATION_RESULT_VALID) {
      throw CliError{ExitCodeForResult(resp.result()),
                     absl::StrCat("certificate ", resp.number(), " is not valid: ",
                                  ctx.L(v1::VerificationResult_Name(resp.result())))};
    }
  });

  struct ExportOptions {
    std::string number, out;
  };
  auto export_opts = std::make_shared<ExportOptions>();
  CLI::App* export_cmd = group->add_subcommand(
      "export", "write a certificate as a signed credential (Open Badges 3.0 shaped JSON)");
  export_cmd->add_option("number", export_opts->number, "e.g. SCSW-2023-S001")->required();
  export_cmd->add_option("-o,--out", export_opts->out, "the file to write, e.g. cert.json")
      ->required();
  export_cmd->callback([&ctx, export_opts] {
    v1::Certificate c = ValidCertificate(ctx, export_opts->number);
    SignedCertificate signed_certificate{FactsOf(c), c.public_key(), c.signature()};
    std::string json = ExportCredential(signed_certificate);
    // Never write a file that would not verify.
    absl::StatusOr<SignedCertificate> check = VerifyCredential(json, c.public_key());
    if (!check.ok()) {
      throw CliError{kExitFailure, absl::StrCat("the server's certificate does not verify: ",
                                                check.status().message())};
    }
    absl::Status written = render::WriteBytesAtomically(export_opts->out, json);
    if (!written.ok()) throw CliError{kExitFailure, std::string(written.message())};
    ctx.Note(absl::StrCat("wrote ", export_opts->out, "; check it with 'talentctl cert "
                                  "verify --file ", export_opts->out, " --pubkey KEY'"));
  });

  struct RevokeOptions {
    std::string number, reason;
  };
  auto revoke_opts = std::make_shared<RevokeOptions>();
  CLI::App* revoke = group->add_subcommand("revoke", "revoke a certificate, for good");
  revoke->add_option("number", revoke_opts->number, "e.g. SCSW-2023-S001")->required();
  revoke->add_option("--reason", revoke_opts->reason, "why; shown to whoever verifies it")
      ->required();
  revoke->callback([&ctx, revoke_opts] {
    ctx.Confirm(absl::StrCat("Revoke certificate ", revoke_opts->number,
                             "? It will verify as revoked forever."));
    v1::RevokeCertificateRequest req;
    req.set_name(revoke_opts->number);
    req.set_reason(revoke_opts->reason);
    auto stub = v1::CertificateService::NewStub(ctx.channel());
    v1::Certificate resp;
    ctx.Check(stub->RevokeCertificate(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    PrintFacts(ctx, resp, {{"H_STATE", ctx.L("VERIFICATION_RESULT_REVOKED")}});
  });

  CLI::App* pubkey = group->add_subcommand(
      "pubkey", "print the key certificates are signed with (for offline verification)");
  pubkey->callback([&ctx] {
    auto stub = v1::CertificateService::NewStub(ctx.channel());
    v1::PublicKey resp;
    ctx.Check(stub->GetPublicKey(ctx.Call(/*anonymous=*/true).get(), {}, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    ctx.Print(resp.key_base64url() + "\n");
  });

  struct PdfOptions {
    std::string number, out;
  };
  auto pdf_opts = std::make_shared<PdfOptions>();
  CLI::App* pdf = group->add_subcommand(
      "pdf", "render a printable certificate (A4 landscape PDF with a QR code to verify it)");
  pdf->add_option("number", pdf_opts->number, "e.g. SCSW-2023-S001")->required();
  pdf->add_option("-o,--out", pdf_opts->out, "the file to write, e.g. cert.pdf")->required();
  pdf->callback([&ctx, pdf_opts] {
    v1::Certificate c = ValidCertificate(ctx, pdf_opts->number);
    if (c.verification_url().empty()) {
      throw CliError{kExitConflict,
                     "the server has no verification page for the QR code; start talentd with "
                     "--http-listen (or --public-url)"};
    }
    auto zh = [&](const std::string& key) {
      return std::string(common::Label(key, common::Lang::kChinese));
    };
    auto both = [&](const std::string& key) {
      std::string en = common::EnglishLabel(key);
      if (!en.empty()) en[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(en[0])));
      return absl::StrCat(zh(key), " ", en);
    };
    render::CertificateArt art;
    art.title = zh("H_TALENT_TITLE");
    art.title_en = common::EnglishLabel("H_TALENT_TITLE");
    art.holder_name = c.holder_name();
    art.masked_national_id = c.masked_national_id();
    art.track = both(v1::Track_Name(c.track()));
    art.programme = c.programme_title();
    art.cohort = absl::StrCat(c.cohort_year());
    art.score = c.final_score();
    art.rating = both(v1::Rating_Name(c.rating()));
    art.number = c.number();
    art.issuer = c.issuer();
    art.issue_date = c.issue_date();
    art.verification_url = c.verification_url();
    absl::Status status = render::WriteCertificatePdf(art, pdf_opts->out);
    if (!status.ok()) throw CliError{kExitFailure, std::string(status.message())};
    ctx.Note(absl::StrCat("wrote ", pdf_opts->out, " (QR code: ", art.verification_url,
                                  ")"));
  });
}

}  // namespace talent::client
