// The printable certificate of a certified talent: one A4 landscape PDF page
// with the holder, the programme facts, the certificate number, issuer and
// date, and a QR code of the public verification URL. Chinese is set in the
// Noto CJK faces and embedded, so the file prints the same anywhere and
// pdftotext gets the text back. WriteCertificatePdf is thread-safe.
#ifndef TALENT_CLIENT_RENDER_CERTIFICATE_PDF_H_
#define TALENT_CLIENT_RENDER_CERTIFICATE_PDF_H_

#include <string>

#include "absl/status/status.h"

namespace talent::render {

// Everything printed on a certificate; all strings UTF-8, already localised.
// Where a field has a Chinese and an English part ("优秀 Excellent"), the
// sentence on the certificate uses the part before the first space.
struct CertificateArt {
  std::string title;               // "高层次社会工作专业人才"
  std::string title_en;            // "High-Level Social Work Talent"
  std::string holder_name;         // "张伟" (may be 2-20 CJK chars or Latin)
  std::string masked_national_id;  // "**************1234"
  std::string track;               // "服务类 Service"
  std::string programme;           // "四川省高层次社会工作专业人才培养计划"
  std::string cohort;              // "2023"
  std::string score;               // "92.35"
  std::string rating;              // "优秀 Excellent"
  std::string number;              // "SCSW-2023-S001"
  std::string issuer;              // "四川省民政厅"
  std::string issue_date;          // "2023-12-20"
  // "http://127.0.0.1:8080/verify/SCSW-2023-S001": encoded in a QR code and
  // printed small beneath it.
  std::string verification_url;
  // Issued by a rehearsal database: the page carries "演练 REHEARSAL" across
  // it and a line saying it is not a real certificate.
  bool rehearsal = false;
};

// Writes a one-page A4 landscape PDF (842 x 595 pt) to `path`, replacing any
// file there only once the whole page is written. Returns
//   INVALID_ARGUMENT   when holder_name, number or verification_url is empty,
//                      a field is not valid UTF-8, the URL is too long for a
//                      QR code, or the fields are too long to fit the page
//                      (they are never drawn over each other);
//   FAILED_PRECONDITION when any text would be drawn with a missing glyph
//                      (the message names the text): a missing CJK font is
//                      an error, never boxes on a certificate;
//   the errno-derived code (NOT_FOUND, PERMISSION_DENIED, ...) naming `path`
//                      when the file cannot be written;
//   INTERNAL           when cairo or libqrencode fails otherwise.
absl::Status WriteCertificatePdf(const CertificateArt& art, const std::string& path);

}  // namespace talent::render

#endif  // TALENT_CLIENT_RENDER_CERTIFICATE_PDF_H_
