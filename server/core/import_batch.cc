#include "server/core/import_batch.h"

#include "absl/strings/str_cat.h"

namespace talent::core {

void ImportBatch::AddRow(int line, domain::ApplicantInput input) {
  // Parse outside the lock: this is the work that overlaps the writing.
  domain::Applicant applicant;
  std::vector<domain::FieldError> field_errors;
  bool valid = domain::ParseApplicant(std::move(input), today_, &applicant, &field_errors);
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [this] { return pending_.size() < kMaxPending || abandoned_; });
  ++rows_;
  for (domain::FieldError& e : field_errors) {
    errors_.push_back({line, std::move(e.column), std::move(e.reason)});
  }
  if (!valid || abandoned_) return;
  auto [it, inserted] = first_line_.emplace(applicant.person.national_id, line);
  if (!inserted) {
    errors_.push_back(
        {line, "national_id", absl::StrCat("the same national ID is on line ", it->second)});
    return;
  }
  pending_.push_back({line, std::move(applicant)});
  if (pending_.size() == 1) changed_.notify_all();
}

void ImportBatch::AddMalformed(int line, std::string reason) {
  std::lock_guard<std::mutex> lock(mu_);
  ++rows_;
  errors_.push_back({line, "", std::move(reason)});
}

void ImportBatch::Finish(absl::Status status) {
  std::lock_guard<std::mutex> lock(mu_);
  finished_ = true;
  status_ = std::move(status);
  changed_.notify_all();
}

bool ImportBatch::Take(std::vector<Row>* rows) {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [this] { return !pending_.empty() || finished_; });
  rows->clear();
  std::swap(*rows, pending_);
  changed_.notify_all();
  return !rows->empty() || !finished_;
}

void ImportBatch::Abandon() {
  std::lock_guard<std::mutex> lock(mu_);
  abandoned_ = true;
  pending_.clear();
  changed_.notify_all();
}

absl::Status ImportBatch::status() {
  std::lock_guard<std::mutex> lock(mu_);
  return status_;
}

int ImportBatch::rows() {
  std::lock_guard<std::mutex> lock(mu_);
  return rows_;
}

std::vector<ImportError> ImportBatch::TakeErrors() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(errors_, {});
}

}  // namespace talent::core
