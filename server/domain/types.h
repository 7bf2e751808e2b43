// Plain value types of the domain: programmes, cohorts, people, enrolments,
// users. No behaviour beyond trivial accessors; no I/O. Thread-compatible.
// Enum values equal those of the talent.v1 API so mapping is a cast.
#ifndef TALENT_SERVER_DOMAIN_TYPES_H_
#define TALENT_SERVER_DOMAIN_TYPES_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"

namespace talent::domain {

enum class Track { kUnspecified = 0, kService = 1, kManagement = 2, kEducationResearch = 3 };
inline constexpr std::array<Track, 3> kTracks = {Track::kService, Track::kManagement,
                                                 Track::kEducationResearch};
// "TRACK_SERVICE" and so on: the key of the label table in common/labels.h.
const char* TrackKey(Track track);

enum class CohortState { kUnspecified = 0, kDraft = 1, kEnrolling = 2, kCultivating = 3, kClosed = 4 };
const char* CohortStateKey(CohortState state);

enum class Stage {
  kUnspecified = 0,
  kApplied = 1,
  kRecommended = 2,
  kSelected = 3,
  kNotSelected = 4,
  kActive = 5,
  kEliminated = 6,
  kWithdrawn = 7,
  kCompleted = 8,
  kCertified = 9,
};
const char* StageKey(Stage stage);

enum class Level { kUnspecified = 0, kCounty = 1, kCity = 2, kProvince = 3 };
const char* LevelKey(Level level);

enum class Gender { kUnspecified = 0, kMale = 1, kFemale = 2 };

enum class Role { kUnspecified = 0, kAdmin = 1, kAssessor = 2, kViewer = 3 };
const char* RoleKey(Role role);

struct Programme {
  int64_t id = 0;
  std::string code;
  std::string title;
  std::string issuer;
  int start_year = 0;
  int end_year = 0;
  int talent_target = 0;
  // How the public raises an objection during a notice (公示): whom to
  // write to or call, and how. Empty until set; 0–300 characters.
  std::string objection_contact;
  int64_t create_time = 0;
  int64_t update_time = 0;
};

// Per-track numbers: quotas, or counts of enrolments.
struct PerTrack {
  int service = 0;
  int management = 0;
  int education_research = 0;
  int& operator[](Track track);
  int operator[](Track track) const;
};

struct Cohort {
  int64_t id = 0;
  int64_t programme_id = 0;
  std::string programme_code;
  int year = 0;
  CohortState state = CohortState::kDraft;
  PerTrack quotas;
  // Derived by storage when read: enrolments still in the running (applied,
  // recommended, selected, active) and those selected or active.
  PerTrack applied;
  PerTrack selected;
  // Recorded from paper records by a history import: a past cohort, CLOSED,
  // without rounds (docs/lifecycles.md §1.1).
  bool imported = false;
  int64_t create_time = 0;
  int64_t update_time = 0;
};

struct Person {
  int64_t id = 0;
  std::string national_id;
  std::string full_name;
  Gender gender = Gender::kUnspecified;
  common::Date birth_date;
  std::string phone;
  std::string email;
};

struct Recommendation {
  Level level = Level::kUnspecified;
  std::string body;
  common::Date date;
  std::string recorded_by;
};

struct Enrolment {
  int64_t id = 0;
  int64_t cohort_id = 0;
  std::string programme_code;
  int cohort_year = 0;
  Person person;
  Track track = Track::kUnspecified;
  std::string organisation;
  std::string region;
  std::string qualification;
  int years_of_experience = 0;
  Stage stage = Stage::kApplied;
  std::string stage_reason;
  std::vector<Recommendation> recommendations;
  // Rated excellent in the confirmed final round: may be certified.
  bool certificate_eligible = false;
  int64_t create_time = 0;
  int64_t update_time = 0;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kUnspecified;
  std::string organisation;
  bool disabled = false;
  int64_t create_time = 0;
};

struct Token {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string username;
  std::string label;
  int64_t create_time = 0;
  int64_t expire_time = 0;  // 0: never (a token made before tokens expired)
  int64_t revoke_time = 0;  // 0: valid
};

// A one-time code a user redeems for a token of their own (only its hash
// is stored; docs/lifecycles.md §7).
struct Invitation {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string username;
  int64_t create_time = 0;
  int64_t expire_time = 0;
  int64_t redeem_time = 0;  // 0: not redeemed
  int64_t token_id = 0;     // the token it was redeemed for; 0: none yet
  int64_t void_time = 0;    // 0: not withdrawn (by a newer invitation, or the user disabled)
};

// One entry of the audit log: who changed what, when, through which call.
// Who did something, as the audit log and sheet histories record it: the
// user (id and username) and the token they acted with (its id, never its
// secret). user_id 0: the server itself (init, key commands); token_id 0:
// no token.
struct Actor {
  int64_t user_id = 0;
  std::string username;
  int64_t token_id = 0;
  std::string request_id;  // the call's request id; empty for the server's own events
};

struct AuditEvent {
  int64_t id = 0;
  int64_t time = 0;
  int64_t user_id = 0;  // 0: the server itself (e.g. init)
  std::string username;
  int64_t token_id = 0;  // 0: no token (init, key commands, events before tokens were recorded)
  std::string method;    // e.g. "CreateProgramme"
  std::string resource;  // e.g. "programmes/SCSW"
  std::string detail;    // what changed; never a national ID
  std::string hash;      // hex
  std::string request_id;  // the call's; empty before request ids were recorded
};

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_TYPES_H_
