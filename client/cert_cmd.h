// talentctl cert issue|list|show|revoke|pubkey (cert_cmd.cc) and
// verify|export|pdf (cert_file_cmd.cc): certificates in the register, and
// as files that prove themselves. Not thread-safe.
#ifndef TALENT_CLIENT_CERT_CMD_H_
#define TALENT_CLIENT_CERT_CMD_H_

#include <string>
#include <vector>

#include "client/cli_context.h"
#include "client/render/certificate_pdf.h"
#include "talent/v1/certificate.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct CertIssueOptions {
  std::string cohort;
};
void SetupCertIssue(CLI::App& group, CliContext& ctx);
void RunCertIssue(const CertIssueOptions& options, CliContext& ctx);

struct CertListOptions {
  std::string cohort;  // empty: every cohort's
};
void SetupCertList(CLI::App& group, CliContext& ctx);
void RunCertList(const CertListOptions& options, CliContext& ctx);

struct CertShowOptions {
  std::string number;
};
void SetupCertShow(CLI::App& group, CliContext& ctx);
void RunCertShow(const CertShowOptions& options, CliContext& ctx);

struct CertVerifyOptions {
  std::string number;        // online
  std::string file, pubkey;  // offline: both
};
void SetupCertVerify(CLI::App& group, CliContext& ctx);
void RunCertVerify(const CertVerifyOptions& options, CliContext& ctx);

// export and pdf.
struct CertFileOptions {
  std::string number, out;
};
void SetupCertExport(CLI::App& group, CliContext& ctx);
void RunCertExport(const CertFileOptions& options, CliContext& ctx);
void SetupCertPdf(CLI::App& group, CliContext& ctx);
void RunCertPdf(const CertFileOptions& options, CliContext& ctx);

struct CertRevokeOptions {
  std::string number, reason, request_id;
};
void SetupCertRevoke(CLI::App& group, CliContext& ctx);
void RunCertRevoke(const CertRevokeOptions& options, CliContext& ctx);

// 'cert pubkey' has no options.
void SetupCertPubkey(CLI::App& group, CliContext& ctx);
void RunCertPubkey(CliContext& ctx);

// The exit code for a verification that is not VALID, so scripts can tell:
// 3 not found, 5 revoked, 1 otherwise; 0 for VALID.
int ExitCodeForResult(v1::VerificationResult result);

// A table row: number, holder, track, final score, issue date, valid or
// revoked.
std::vector<std::string> CertificateRow(const CliContext& ctx, const v1::Certificate& c);
// `leading` fields, then the certificate's facts (and its revocation), for
// FIELD / VALUE lines.
Fields CertificateFields(const CliContext& ctx, const v1::Certificate& c, Fields leading);

// "服务类 Service": the Chinese label, a space and the English label with a
// capital first letter, as the certificate prints them.
std::string BilingualLabel(const std::string& key);
// What the printable certificate shows of `c`.
render::CertificateArt CertificateArtOf(const v1::Certificate& c);

}  // namespace talent::client

#endif  // TALENT_CLIENT_CERT_CMD_H_
