#include "server/core/import_batch.h"

#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace talent::core {
namespace {

// A validated national ID as a number: its first 17 characters are
// digits and the 18th follows from them, so the number names it uniquely.
uint64_t IdKey(const std::string& national_id) {
  uint64_t key = 0;
  for (size_t i = 0; i < 17 && i < national_id.size(); ++i) {
    key = key * 10 + static_cast<uint64_t>(national_id[i] - '0');
  }
  return key;
}

// What a row takes in memory, roughly: the struct and its strings' bytes.
size_t Footprint(const ImportBatch::Row& row) {
  const domain::Applicant& a = row.applicant;
  return sizeof(ImportBatch::Row) + a.person.national_id.size() + a.person.full_name.size() +
         a.person.phone.size() + a.person.email.size() + a.organisation.size() +
         a.region.size() + a.qualification.size();
}

// The file holds each row as a record: its length (4 bytes), then the
// integers (4 bytes each) and the strings (a 4-byte length, then the
// bytes), all in this machine's byte order — the file never outlives the
// process that wrote it.
void PutInt(int32_t value, std::string* out) {
  char bytes[sizeof value];
  std::memcpy(bytes, &value, sizeof value);
  out->append(bytes, sizeof value);
}

void PutString(const std::string& value, std::string* out) {
  PutInt(static_cast<int32_t>(value.size()), out);
  out->append(value);
}

void Encode(const ImportBatch::Row& row, std::string* out) {
  const domain::Applicant& a = row.applicant;
  out->clear();
  PutInt(0, out);  // the length, set below
  PutInt(row.line, out);
  PutInt(static_cast<int32_t>(a.person.gender), out);
  PutInt(a.person.birth_date.year, out);
  PutInt(a.person.birth_date.month, out);
  PutInt(a.person.birth_date.day, out);
  PutInt(static_cast<int32_t>(a.track), out);
  PutInt(a.years_of_experience, out);
  PutString(a.person.national_id, out);
  PutString(a.person.full_name, out);
  PutString(a.person.phone, out);
  PutString(a.person.email, out);
  PutString(a.organisation, out);
  PutString(a.region, out);
  PutString(a.qualification, out);
  int32_t length = static_cast<int32_t>(out->size() - sizeof(int32_t));
  std::memcpy(out->data(), &length, sizeof length);
}

// Reads the record's fields back, in the order Encode wrote them.
class Decoder {
 public:
  explicit Decoder(const std::string& bytes) : bytes_(bytes) {}

  int32_t Int() {
    int32_t value = 0;
    if (at_ + sizeof value > bytes_.size()) {
      ok_ = false;
      return 0;
    }
    std::memcpy(&value, bytes_.data() + at_, sizeof value);
    at_ += sizeof value;
    return value;
  }

  std::string String() {
    int32_t size = Int();
    if (!ok_ || size < 0 || at_ + static_cast<size_t>(size) > bytes_.size()) {
      ok_ = false;
      return "";
    }
    std::string value = bytes_.substr(at_, static_cast<size_t>(size));
    at_ += static_cast<size_t>(size);
    return value;
  }

  bool ok() const { return ok_ && at_ == bytes_.size(); }

 private:
  const std::string& bytes_;
  size_t at_ = 0;
  bool ok_ = true;
};

absl::Status Damaged() {
  return absl::InternalError("an import's temporary file holds a damaged row");
}

// A read of the file that comes up short means the file was damaged.
absl::Status ReadRecordPart(SpillFile* file, size_t size, std::string* out) {
  absl::Status s = file->Read(size, out);
  return absl::IsOutOfRange(s) ? Damaged() : s;
}

absl::Status Decode(const std::string& bytes, ImportBatch::Row* row) {
  Decoder in(bytes);
  domain::Applicant& a = row->applicant;
  row->line = in.Int();
  a.person.gender = static_cast<domain::Gender>(in.Int());
  a.person.birth_date.year = in.Int();
  a.person.birth_date.month = in.Int();
  a.person.birth_date.day = in.Int();
  a.track = static_cast<domain::Track>(in.Int());
  a.years_of_experience = in.Int();
  a.person.national_id = in.String();
  a.person.full_name = in.String();
  a.person.phone = in.String();
  a.person.email = in.String();
  a.organisation = in.String();
  a.region = in.String();
  a.qualification = in.String();
  return in.ok() ? absl::OkStatus() : Damaged();
}

}  // namespace

ImportBatch::ImportBatch(const common::Date& today, Options options)
    : today_(today), options_(std::move(options)) {}

absl::Status ImportBatch::AddRow(int line, domain::ApplicantInput input) {
  ++rows_;
  Row row;
  row.line = line;
  std::vector<domain::FieldError> field_errors;
  bool valid = domain::ParseApplicant(std::move(input), today_, &row.applicant, &field_errors);
  for (domain::FieldError& e : field_errors) {
    errors_.Add(line, std::move(e.column), std::move(e.reason));
  }
  if (!valid) return absl::OkStatus();
  auto [it, inserted] = first_line_.emplace(IdKey(row.applicant.person.national_id), line);
  if (!inserted) {
    errors_.Add(line, "national_id", absl::StrCat("the same national ID is on line ", it->second));
    return absl::OkStatus();
  }
  // Once a row is bad nothing will be written, but every good row is still
  // checked against the database, to report all the problems at once.
  memory_used_ += Footprint(row);
  memory_.push_back(std::move(row));
  if (memory_used_ > options_.memory_bytes) return Spill();
  return absl::OkStatus();
}

void ImportBatch::AddMalformed(int line, std::string reason) {
  ++rows_;
  errors_.Add(line, "", std::move(reason));
}

absl::Status ImportBatch::Spill() {
  if (file_ == nullptr) {
    absl::StatusOr<std::unique_ptr<SpillFile>> file =
        SpillFile::Create(options_.spill_directories);
    if (!file.ok()) return file.status();
    file_ = *std::move(file);
  }
  std::string record;
  for (const Row& row : memory_) {
    Encode(row, &record);
    if (absl::Status s = file_->Append(record); !s.ok()) return s;
  }
  file_rows_ += memory_.size();
  memory_.clear();
  memory_.shrink_to_fit();
  memory_used_ = 0;
  return absl::OkStatus();
}

absl::Status ImportBatch::Rewind() {
  file_rows_read_ = 0;
  memory_rows_read_ = 0;
  return file_ ? file_->Rewind() : absl::OkStatus();
}

absl::StatusOr<bool> ImportBatch::Next(size_t max, std::vector<Row>* rows) {
  rows->clear();
  std::string bytes;
  while (rows->size() < max && file_rows_read_ < file_rows_) {
    int32_t length = 0;
    if (absl::Status s = ReadRecordPart(file_.get(), sizeof length, &bytes); !s.ok()) return s;
    std::memcpy(&length, bytes.data(), sizeof length);
    if (length < 0) return Damaged();
    if (absl::Status s = ReadRecordPart(file_.get(), static_cast<size_t>(length), &bytes);
        !s.ok()) {
      return s;
    }
    rows->emplace_back();
    if (absl::Status s = Decode(bytes, &rows->back()); !s.ok()) return s;
    ++file_rows_read_;
  }
  while (rows->size() < max && memory_rows_read_ < memory_.size()) {
    rows->push_back(memory_[memory_rows_read_++]);
  }
  return !rows->empty();
}

}  // namespace talent::core
