#include "client/cert_facts.h"

#include "common/fixed_point.h"
#include "common/resource_names.h"

namespace talent::client {

common::CertificateFacts FactsOf(const v1::Certificate& c) {
  common::CertificateFacts f;
  f.number = c.number();
  f.holder_name = c.holder_name();
  f.masked_national_id = c.masked_national_id();
  f.track = v1::Track_Name(c.track());
  f.programme_code = c.programme_code();
  f.programme_title = c.programme_title();
  f.cohort_year = c.cohort_year();
  f.final_score = common::ParseHundredths(c.final_score()).value_or(-1);
  f.rating = v1::Rating_Name(c.rating());
  f.issuer = c.issuer();
  f.issue_date = c.issue_date();
  f.rehearsal = c.rehearsal();
  return f;
}

v1::Certificate ToCertificateMessage(const common::CertificateFacts& f) {
  v1::Certificate c;
  c.set_name(common::CertificateName(f.number));
  c.set_number(f.number);
  c.set_holder_name(f.holder_name);
  c.set_masked_national_id(f.masked_national_id);
  v1::Track track = v1::TRACK_UNSPECIFIED;
  v1::Track_Parse(f.track, &track);
  c.set_track(track);
  c.set_programme_code(f.programme_code);
  c.set_programme_title(f.programme_title);
  c.set_cohort_year(f.cohort_year);
  c.set_final_score(common::FormatHundredths(f.final_score));
  v1::Rating rating = v1::RATING_UNSPECIFIED;
  v1::Rating_Parse(f.rating, &rating);
  c.set_rating(rating);
  c.set_issuer(f.issuer);
  c.set_issue_date(f.issue_date);
  c.set_rehearsal(f.rehearsal);
  return c;
}

}  // namespace talent::client
