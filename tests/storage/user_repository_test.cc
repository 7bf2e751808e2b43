#include "server/storage/user_repository.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/migrations.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using domain::Role;
using domain::Token;
using domain::User;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;

class UserRepositoryTest : public MigratedDatabase {
 protected:
  User InsertUser(const std::string& username, Role role) {
    User u;
    u.username = username;
    u.display_name = "专家 " + username;
    u.role = role;
    u.organisation = "西南财经大学";
    u.create_time = 1000;
    EXPECT_THAT(UserRepository::Insert(*db_, &u), IsOk());
    return u;
  }

  Token InsertToken(const User& user, const std::string& hash, int64_t expire_time = 0) {
    Token t;
    t.user_id = user.id;
    t.label = "laptop";
    t.create_time = 2000;
    t.expire_time = expire_time;
    EXPECT_THAT(UserRepository::InsertToken(*db_, &t, hash), IsOk());
    return t;
  }

};

// A 32-byte hash with embedded zero bytes, as SHA-256 output can have.
std::string Hash(char fill) {
  std::string h(32, fill);
  h[3] = '\0';
  return h;
}

TEST_F(UserRepositoryTest, InsertThenFindRoundTrips) {
  User inserted = InsertUser("expert1", Role::kAssessor);
  EXPECT_GT(inserted.id, 0);
  auto by_name = UserRepository::FindByUsername(*db_, "expert1");
  ASSERT_THAT(by_name, IsOk());
  EXPECT_EQ(by_name->id, inserted.id);
  EXPECT_EQ(by_name->display_name, "专家 expert1");
  EXPECT_EQ(by_name->role, Role::kAssessor);
  EXPECT_EQ(by_name->organisation, "西南财经大学");
  EXPECT_FALSE(by_name->disabled);
  EXPECT_EQ(by_name->create_time, 1000);
  auto by_id = UserRepository::FindById(*db_, inserted.id);
  ASSERT_THAT(by_id, IsOk());
  EXPECT_EQ(by_id->username, "expert1");
}

TEST_F(UserRepositoryTest, DuplicateUsernameIsAlreadyExistsNamingIt) {
  InsertUser("expert1", Role::kAssessor);
  User again;
  again.username = "expert1";
  again.display_name = "x";
  again.role = Role::kViewer;
  again.organisation = "o";
  EXPECT_THAT(UserRepository::Insert(*db_, &again),
              StatusIs(absl::StatusCode::kAlreadyExists, "user expert1 already exists"));
}

TEST_F(UserRepositoryTest, MissingUserIsNotFound) {
  EXPECT_THAT(UserRepository::FindByUsername(*db_, "nobody"),
              StatusIs(absl::StatusCode::kNotFound,
                       "user nobody not found (list them with 'talentctl user list')"));
  EXPECT_THAT(UserRepository::FindById(*db_, 42),
              StatusIs(absl::StatusCode::kNotFound, "user 42 not found"));
}

TEST_F(UserRepositoryTest, ListFiltersByRoleAndPagesByUsername) {
  InsertUser("carol", Role::kViewer);
  InsertUser("alice", Role::kAdmin);
  InsertUser("dave", Role::kAssessor);
  InsertUser("bob", Role::kAssessor);
  auto all = UserRepository::List(*db_, Role::kUnspecified, "", 10);
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(*all, ElementsAre(Field(&User::username, "alice"), Field(&User::username, "bob"),
                                Field(&User::username, "carol"), Field(&User::username, "dave")));
  auto assessors = UserRepository::List(*db_, Role::kAssessor, "", 10);
  ASSERT_THAT(assessors, IsOk());
  EXPECT_THAT(*assessors,
              ElementsAre(Field(&User::username, "bob"), Field(&User::username, "dave")));
  auto page = UserRepository::List(*db_, Role::kUnspecified, "bob", 1);
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(*page, ElementsAre(Field(&User::username, "carol")));
}

TEST_F(UserRepositoryTest, CountUsers) {
  auto none = UserRepository::CountUsers(*db_);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(*none, 0);
  InsertUser("alice", Role::kAdmin);
  InsertUser("bob", Role::kViewer);
  auto two = UserRepository::CountUsers(*db_);
  ASSERT_THAT(two, IsOk());
  EXPECT_EQ(*two, 2);
}

TEST_F(UserRepositoryTest, FindTokenByHashGivesTokenAndUser) {
  User alice = InsertUser("alice", Role::kAdmin);
  Token inserted = InsertToken(alice, Hash('a'), 5000);
  EXPECT_GT(inserted.id, 0);
  Token token;
  User user;
  ASSERT_THAT(UserRepository::FindToken(*db_, Hash('a'), &token, &user), IsOk());
  EXPECT_EQ(token.id, inserted.id);
  EXPECT_EQ(token.user_id, alice.id);
  EXPECT_EQ(token.username, "alice");
  EXPECT_EQ(token.label, "laptop");
  EXPECT_EQ(token.create_time, 2000);
  EXPECT_EQ(token.expire_time, 5000);
  EXPECT_EQ(token.revoke_time, 0);
  EXPECT_EQ(user.username, "alice");
  EXPECT_EQ(user.role, Role::kAdmin);
}

TEST_F(UserRepositoryTest, UnknownHashIsNotFound) {
  User alice = InsertUser("alice", Role::kAdmin);
  InsertToken(alice, Hash('a'));
  Token token;
  User user;
  // Differs from Hash('a') only after the zero byte: compared as bytes.
  std::string other = Hash('a');
  other[31] = 'b';
  EXPECT_THAT(UserRepository::FindToken(*db_, other, &token, &user),
              StatusIs(absl::StatusCode::kNotFound, "no such token"));
}

TEST_F(UserRepositoryTest, SameHashTwiceIsRefused) {
  User alice = InsertUser("alice", Role::kAdmin);
  InsertToken(alice, Hash('a'));
  Token t;
  t.user_id = alice.id;
  EXPECT_THAT(UserRepository::InsertToken(*db_, &t, Hash('a')),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(UserRepositoryTest, TokensListedNewestFirstAndFoundOnlyForTheirUser) {
  User alice = InsertUser("alice", Role::kAdmin);
  User bob = InsertUser("bob", Role::kViewer);
  Token first = InsertToken(alice, Hash('1'));
  Token second = InsertToken(alice, Hash('2'));
  Token bobs = InsertToken(bob, Hash('3'));
  auto tokens = UserRepository::ListTokens(*db_, alice.id);
  ASSERT_THAT(tokens, IsOk());
  EXPECT_THAT(*tokens, ElementsAre(Field(&Token::id, second.id), Field(&Token::id, first.id)));
  auto found = UserRepository::FindTokenById(*db_, alice.id, first.id);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->username, "alice");
  EXPECT_THAT(UserRepository::FindTokenById(*db_, alice.id, bobs.id),
              StatusIs(absl::StatusCode::kNotFound,
                       "token " + std::to_string(bobs.id) + " not found"));
}

TEST_F(UserRepositoryTest, RevokeTokenSetsRevokeTime) {
  User alice = InsertUser("alice", Role::kAdmin);
  Token t = InsertToken(alice, Hash('a'));
  ASSERT_THAT(UserRepository::RevokeToken(*db_, t.id, 7000), IsOk());
  auto found = UserRepository::FindTokenById(*db_, alice.id, t.id);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->revoke_time, 7000);
}

TEST_F(UserRepositoryTest, DisableRevokesEveryLiveTokenButKeepsEarlierRevocations) {
  User alice = InsertUser("alice", Role::kAssessor);
  User bob = InsertUser("bob", Role::kAssessor);
  Token old = InsertToken(alice, Hash('1'));
  ASSERT_THAT(UserRepository::RevokeToken(*db_, old.id, 3000), IsOk());
  Token live = InsertToken(alice, Hash('2'));
  Token bobs = InsertToken(bob, Hash('3'));
  ASSERT_THAT(UserRepository::Disable(*db_, alice.id, 8000), IsOk());

  auto user = UserRepository::FindById(*db_, alice.id);
  ASSERT_THAT(user, IsOk());
  EXPECT_TRUE(user->disabled);
  auto tokens = UserRepository::ListTokens(*db_, alice.id);
  ASSERT_THAT(tokens, IsOk());
  EXPECT_THAT(*tokens, ElementsAre(::testing::AllOf(Field(&Token::id, live.id),
                                                    Field(&Token::revoke_time, 8000)),
                                   ::testing::AllOf(Field(&Token::id, old.id),
                                                    Field(&Token::revoke_time, 3000))));
  auto bob_token = UserRepository::FindTokenById(*db_, bob.id, bobs.id);
  ASSERT_THAT(bob_token, IsOk());
  EXPECT_EQ(bob_token->revoke_time, 0);
  auto bob_user = UserRepository::FindById(*db_, bob.id);
  ASSERT_THAT(bob_user, IsOk());
  EXPECT_FALSE(bob_user->disabled);
}

}  // namespace
}  // namespace talent::storage
