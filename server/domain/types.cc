#include "server/domain/types.h"

namespace talent::domain {

const char* TrackKey(Track track) {
  switch (track) {
    case Track::kService: return "TRACK_SERVICE";
    case Track::kManagement: return "TRACK_MANAGEMENT";
    case Track::kEducationResearch: return "TRACK_EDUCATION_RESEARCH";
    case Track::kUnspecified: break;
  }
  return "TRACK_UNSPECIFIED";
}

const char* CohortStateKey(CohortState state) {
  switch (state) {
    case CohortState::kDraft: return "COHORT_STATE_DRAFT";
    case CohortState::kEnrolling: return "COHORT_STATE_ENROLLING";
    case CohortState::kCultivating: return "COHORT_STATE_CULTIVATING";
    case CohortState::kClosed: return "COHORT_STATE_CLOSED";
    case CohortState::kUnspecified: break;
  }
  return "COHORT_STATE_UNSPECIFIED";
}

const char* StageKey(Stage stage) {
  switch (stage) {
    case Stage::kApplied: return "STAGE_APPLIED";
    case Stage::kRecommended: return "STAGE_RECOMMENDED";
    case Stage::kSelected: return "STAGE_SELECTED";
    case Stage::kNotSelected: return "STAGE_NOT_SELECTED";
    case Stage::kActive: return "STAGE_ACTIVE";
    case Stage::kEliminated: return "STAGE_ELIMINATED";
    case Stage::kWithdrawn: return "STAGE_WITHDRAWN";
    case Stage::kCompleted: return "STAGE_COMPLETED";
    case Stage::kCertified: return "STAGE_CERTIFIED";
    case Stage::kUnspecified: break;
  }
  return "STAGE_UNSPECIFIED";
}

const char* LevelKey(Level level) {
  switch (level) {
    case Level::kCounty: return "LEVEL_COUNTY";
    case Level::kCity: return "LEVEL_CITY";
    case Level::kProvince: return "LEVEL_PROVINCE";
    case Level::kUnspecified: break;
  }
  return "LEVEL_UNSPECIFIED";
}

const char* RoleKey(Role role) {
  switch (role) {
    case Role::kAdmin: return "ROLE_ADMIN";
    case Role::kAssessor: return "ROLE_ASSESSOR";
    case Role::kViewer: return "ROLE_VIEWER";
    case Role::kUnspecified: break;
  }
  return "ROLE_UNSPECIFIED";
}

int& PerTrack::operator[](Track track) {
  switch (track) {
    case Track::kManagement: return management;
    case Track::kEducationResearch: return education_research;
    default: return service;
  }
}

int PerTrack::operator[](Track track) const {
  return const_cast<PerTrack&>(*this)[track];
}

}  // namespace talent::domain
