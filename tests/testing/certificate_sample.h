// The facts of one sample certificate (张伟, SCSW-2023-S001, 92.35), for
// the tests of the signed payload and of the offline credential.
// Header-only; thread-safe.
#ifndef TALENT_TESTS_TESTING_CERTIFICATE_SAMPLE_H_
#define TALENT_TESTS_TESTING_CERTIFICATE_SAMPLE_H_

#include "common/certificate_payload.h"

namespace talent::testing {

inline common::CertificateFacts SampleCertificateFacts() {
  common::CertificateFacts f;
  f.number = "SCSW-2023-S001";
  f.holder_name = "张伟";
  f.masked_national_id = "510104********1234";
  f.track = "TRACK_SERVICE";
  f.programme_code = "SCSW";
  f.programme_title = "四川社会工作人才计划";
  f.cohort_year = 2023;
  f.final_score = 9235;
  f.rating = "RATING_EXCELLENT";
  f.issuer = "四川省民政厅";
  f.issue_date = "2023-12-20";
  return f;
}

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_CERTIFICATE_SAMPLE_H_
