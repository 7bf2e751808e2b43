#include "common/audit_chain.h"

#include <string>
#include <vector>

#include "common/crypto.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace talent::common {
namespace {

using ::testing::HasSubstr;

ChainedEvent Event(int64_t id, int format) {
  ChainedEvent e;
  e.id = id;
  e.time = 1685577600;
  e.user_id = 3;
  e.username = "li";
  e.token_id = 9;
  e.method = "SetScores";
  e.resource = "rounds/SCSW/2023/1";
  e.detail = "2 criterion value(s)";
  e.format = format;
  return e;
}

TEST(AuditChainTest, FormatOneIsTheHashOlderReleasesWrote) {
  // Length-prefixed id, time, user id, method, resource, detail after the
  // previous hash: exactly what events written before format 2 carry.
  const std::string prev(32, '\0');
  const std::string expected =
      Sha256(prev + "1:1;10:1685577600;1:3;9:SetScores;18:rounds/SCSW/2023/1;20:2 criterion "
                    "value(s);");
  EXPECT_EQ(AuditEventHash(prev, Event(1, 1)), expected);
}

TEST(AuditChainTest, FormatTwoHashesTheUsernameTokenAndContent) {
  const std::string prev = AuditGenesisHash();
  const std::string base = AuditEventHash(prev, Event(1, 2));
  ChainedEvent renamed = Event(1, 2);
  renamed.username = "wang";
  ChainedEvent other_token = Event(1, 2);
  other_token.token_id = 10;
  ChainedEvent content = Event(1, 2);
  content.content_hash = std::string(32, 'c');
  EXPECT_NE(AuditEventHash(prev, renamed), base);
  EXPECT_NE(AuditEventHash(prev, other_token), base);
  EXPECT_NE(AuditEventHash(prev, content), base);
  // In format 1 the username did not count.
  ChainedEvent old = Event(1, 1);
  ChainedEvent old_renamed = Event(1, 1);
  old_renamed.username = "wang";
  EXPECT_EQ(AuditEventHash(prev, old), AuditEventHash(prev, old_renamed));
}

TEST(AuditChainTest, ARequestIdIsHashedOnlyWhenThereIsOne) {
  // Without one, the canonical bytes of format 2 as they always were; with
  // one, a tag and the id after the content hash.
  const std::string prev = AuditGenesisHash();
  const std::string format_two =
      prev + "21:talent-audit-event-v2;1:1;10:1685577600;1:3;2:li;1:9;9:SetScores;"
             "18:rounds/SCSW/2023/1;20:2 criterion value(s);0:;";
  EXPECT_EQ(AuditEventHash(prev, Event(1, 2)), Sha256(format_two));
  ChainedEvent with_id = Event(1, 2);
  with_id.request_id = "abc-123";
  EXPECT_EQ(AuditEventHash(prev, with_id), Sha256(format_two + "10:request-id;7:abc-123;"));
  ChainedEvent other_id = with_id;
  other_id.request_id = "abc-124";
  EXPECT_NE(AuditEventHash(prev, other_id), AuditEventHash(prev, with_id));
  // Format 1 never had one.
  ChainedEvent old = Event(1, 1);
  old.request_id = "abc-123";
  EXPECT_EQ(AuditEventHash(prev, old), AuditEventHash(prev, Event(1, 1)));
}

std::vector<ChainedEvent> Chain(const std::vector<int>& formats) {
  std::vector<ChainedEvent> out;
  std::string prev = AuditGenesisHash();
  for (size_t i = 0; i < formats.size(); ++i) {
    ChainedEvent e = Event(static_cast<int64_t>(i) + 1, formats[i]);
    e.prev_hash = prev;
    e.hash = AuditEventHash(prev, e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

TEST(AuditChainTest, AChainMayGoFromFormatOneToTwoButNeverBack) {
  EXPECT_TRUE(VerifyAuditChain(Chain({1, 1, 2, 2})).ok());
  absl::Status back = VerifyAuditChain(Chain({1, 2, 1}));
  EXPECT_EQ(back.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(back.message()), HasSubstr("audit event 3 has format 1 after format 2"));
  absl::Status unknown = VerifyAuditChain(Chain({3}));
  EXPECT_EQ(unknown.code(), absl::StatusCode::kDataLoss);
}

TEST(AuditChainTest, AGapOrAnEditIsFoundWhereItIs) {
  std::vector<ChainedEvent> gap = Chain({2, 2, 2});
  gap.erase(gap.begin() + 1);
  EXPECT_EQ(VerifyAuditChain(gap).message(),
            "audit event 2 is missing (the next is 3): the log was altered");
  std::vector<ChainedEvent> edited = Chain({2, 2, 2});
  edited[1].detail = "nothing";
  EXPECT_EQ(VerifyAuditChain(edited).message(),
            "audit event 2 does not match the chain: the log was altered");
  AuditChainVerifier verifier;
  for (const ChainedEvent& e : Chain({2, 2})) ASSERT_TRUE(verifier.Next(e).ok());
  EXPECT_EQ(verifier.count(), 2);
  EXPECT_EQ(verifier.last_hash(), Chain({2, 2})[1].hash);
}

TEST(AuditChainTest, ContentHashIsEmptyForNothingAndOrderSensitive) {
  EXPECT_EQ(AuditContentHash({}), "");
  std::string ab = AuditContentHash({{"sheet/1", "a"}, {"sheet/2", "b"}});
  EXPECT_EQ(ab.size(), 32u);
  EXPECT_NE(ab, AuditContentHash({{"sheet/1", "b"}, {"sheet/2", "a"}}));
  // A key/digest boundary cannot be moved.
  EXPECT_NE(AuditContentHash({{"sheet/1", "ab"}}), AuditContentHash({{"sheet/1a", "b"}}));
}

TEST(AuditChainTest, AHeadSignatureCoversSequenceHashAndTime) {
  ASSERT_TRUE(InitCrypto().ok());
  Ed25519Keys keys = NewEd25519Keys();
  AuditHead head{7, std::string(32, 'h'), 1700000000, keys.public_key, ""};
  head.signature = *Ed25519Sign(keys.secret_key, AuditHeadMessage(7, head.hash, head.time));
  EXPECT_TRUE(AuditHeadSigned(head));
  for (auto change : {+[](AuditHead& h) { h.sequence = 8; },
                      +[](AuditHead& h) { h.hash[0] = 'x'; },
                      +[](AuditHead& h) { h.time += 1; }}) {
    AuditHead altered = head;
    change(altered);
    EXPECT_FALSE(AuditHeadSigned(altered));
  }
  // The message begins with its own tag: no certificate payload can be it.
  EXPECT_THAT(AuditHeadMessage(7, head.hash, head.time),
              ::testing::StartsWith("20:talent-audit-head-v1;"));
}

}  // namespace
}  // namespace talent::common
