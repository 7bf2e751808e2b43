#include "server/storage/invitation_repository.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/user_repository.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"

namespace talent::storage {
namespace {

using domain::Invitation;
using domain::Role;
using domain::User;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;

class InvitationRepositoryTest : public MigratedDatabase {
 protected:
  void SetUp() override {
    MigratedDatabase::SetUp();
    admin_ = InsertUser("admin", Role::kAdmin);
    expert_ = InsertUser("expert1", Role::kAssessor);
  }

  User InsertUser(const std::string& username, Role role) {
    User u;
    u.username = username;
    u.display_name = username;
    u.role = role;
    u.organisation = "西南财经大学";
    u.create_time = 1000;
    EXPECT_THAT(UserRepository::Insert(*db_, &u), IsOk());
    return u;
  }

  // A token of `user`'s, for an invitation to have been redeemed for.
  int64_t InsertToken(const User& user, const std::string& hash) {
    domain::Token token;
    token.user_id = user.id;
    token.create_time = 3000;
    EXPECT_THAT(UserRepository::InsertToken(*db_, &token, hash), IsOk());
    return token.id;
  }

  Invitation Insert(const User& user, const std::string& hash, int64_t created_by = 0) {
    Invitation i;
    i.user_id = user.id;
    i.create_time = 2000;
    i.expire_time = 2000 + 7 * 86400;
    EXPECT_THAT(InvitationRepository::Insert(*db_, &i, hash, created_by), IsOk());
    return i;
  }

  User admin_, expert_;
};

// A 32-byte hash with an embedded zero byte, as SHA-256 output can have.
std::string Hash(char fill) {
  std::string h(32, fill);
  h[5] = '\0';
  return h;
}

TEST_F(InvitationRepositoryTest, InsertThenFindByUserAndHash) {
  Invitation inserted = Insert(expert_, Hash('a'), admin_.id);
  EXPECT_GT(inserted.id, 0);
  auto found = InvitationRepository::Find(*db_, expert_.id, Hash('a'));
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->id, inserted.id);
  EXPECT_EQ(found->user_id, expert_.id);
  EXPECT_EQ(found->username, "expert1");
  EXPECT_EQ(found->create_time, 2000);
  EXPECT_EQ(found->expire_time, 2000 + 7 * 86400);
  EXPECT_EQ(found->redeem_time, 0);
  EXPECT_EQ(found->token_id, 0);
  EXPECT_EQ(found->void_time, 0);
}

TEST_F(InvitationRepositoryTest, AHashOfAnotherUserOrNoneIsNotFound) {
  Insert(expert_, Hash('a'));
  EXPECT_THAT(InvitationRepository::Find(*db_, admin_.id, Hash('a')),
              StatusIs(absl::StatusCode::kNotFound, "no such invitation"));
  EXPECT_THAT(InvitationRepository::Find(*db_, expert_.id, Hash('b')),
              StatusIs(absl::StatusCode::kNotFound));
  // The hash up to its zero byte is not the hash.
  std::string prefix = Hash('a').substr(0, 5);
  EXPECT_THAT(InvitationRepository::Find(*db_, expert_.id, prefix),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(InvitationRepositoryTest, TheServerItselfCreatesWithNoCreator) {
  Insert(expert_, Hash('a'), 0);
  Insert(expert_, Hash('b'), admin_.id);
  auto st = db_->Prepare("SELECT COUNT(*) FROM invitations WHERE created_by IS NULL");
  ASSERT_THAT(st, IsOk());
  ASSERT_THAT((*st)->Step(), IsOk());
  EXPECT_EQ((*st)->ColumnInt(0), 1);
  (*st)->Reset();
}

TEST_F(InvitationRepositoryTest, VoidOpenVoidsOnlyTheUsersOpenInvitations) {
  Invitation redeemed = Insert(expert_, Hash('a'));
  ASSERT_THAT(InvitationRepository::MarkRedeemed(*db_, redeemed.id, 3000,
                                                 InsertToken(expert_, Hash('t'))),
              IsOk());
  Insert(expert_, Hash('b'));
  Insert(expert_, Hash('c'));
  Insert(admin_, Hash('d'));
  EXPECT_THAT(InvitationRepository::VoidOpen(*db_, expert_.id, 4000),
              ::talent::testing::IsOk());
  auto voided = InvitationRepository::VoidOpen(*db_, expert_.id, 5000);
  ASSERT_THAT(voided, IsOk());
  EXPECT_EQ(*voided, 0) << "voiding again voids nothing";
  EXPECT_EQ(InvitationRepository::Find(*db_, expert_.id, Hash('a'))->void_time, 0);
  EXPECT_EQ(InvitationRepository::Find(*db_, expert_.id, Hash('a'))->redeem_time, 3000);
  EXPECT_EQ(InvitationRepository::Find(*db_, expert_.id, Hash('b'))->void_time, 4000);
  EXPECT_EQ(InvitationRepository::Find(*db_, expert_.id, Hash('c'))->void_time, 4000);
  EXPECT_EQ(InvitationRepository::Find(*db_, admin_.id, Hash('d'))->void_time, 0);
}

TEST_F(InvitationRepositoryTest, VoidOpenCountsWhatItVoided) {
  Insert(expert_, Hash('a'));
  Insert(expert_, Hash('b'));
  auto voided = InvitationRepository::VoidOpen(*db_, expert_.id, 4000);
  ASSERT_THAT(voided, IsOk());
  EXPECT_EQ(*voided, 2);
}

TEST_F(InvitationRepositoryTest, MarkRedeemedRecordsTheTokenOnce) {
  const int64_t token = InsertToken(expert_, Hash('t'));
  Invitation i = Insert(expert_, Hash('a'));
  ASSERT_THAT(InvitationRepository::MarkRedeemed(*db_, i.id, 3000, token), IsOk());
  auto found = InvitationRepository::Find(*db_, expert_.id, Hash('a'));
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->redeem_time, 3000);
  EXPECT_EQ(found->token_id, token);
  EXPECT_THAT(InvitationRepository::MarkRedeemed(*db_, i.id, 3500, token),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       "this invitation was redeemed or withdrawn meanwhile"));
  Invitation voided = Insert(expert_, Hash('b'));
  ASSERT_THAT(InvitationRepository::VoidOpen(*db_, expert_.id, 4000), IsOk());
  EXPECT_THAT(InvitationRepository::MarkRedeemed(*db_, voided.id, 4500, token),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(InvitationRepositoryTest, ACodeHashIsUnique) {
  Insert(expert_, Hash('a'));
  Invitation again;
  again.user_id = admin_.id;
  again.create_time = 2000;
  again.expire_time = 3000;
  EXPECT_THAT(InvitationRepository::Insert(*db_, &again, Hash('a'), 0),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

}  // namespace
}  // namespace talent::storage
