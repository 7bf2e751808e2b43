// The client's own checks of the audit log: a signed head against the one
// remembered, the heads file, and an exported log checked offline.
#include "client/audit_check.h"

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::client {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::HasSubstr;

class AuditCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(common::InitCrypto(), IsOk());
    keys_ = common::NewEd25519Keys();
    other_ = common::NewEd25519Keys();
    // A chain of five events.
    std::string prev = common::AuditGenesisHash();
    for (int i = 1; i <= 5; ++i) {
      common::ChainedEvent e;
      e.id = i;
      e.time = 1000 + i;
      e.user_id = 1;
      e.username = "admin";
      e.token_id = 2;
      e.method = "M";
      e.resource = "r";
      e.detail = std::to_string(i);
      e.prev_hash = prev;
      e.hash = common::AuditEventHash(prev, e);
      prev = e.hash;
      events_.push_back(e);
    }
  }

  common::AuditHead Head(int64_t sequence, const common::Ed25519Keys& keys) const {
    common::AuditHead head;
    head.sequence = sequence;
    head.hash = sequence == 0 ? common::AuditGenesisHash() : events_[sequence - 1].hash;
    head.time = 5000;
    head.public_key = keys.public_key;
    head.signature =
        *common::Ed25519Sign(keys.secret_key, common::AuditHeadMessage(head.sequence, head.hash,
                                                                       head.time));
    return head;
  }

  RememberedHead Remember(const common::AuditHead& head) const {
    return {head.sequence, head.hash, head.time, head.public_key};
  }

  std::string Export(const common::AuditHead& head) const {
    std::string text = AuditExportHeader();
    for (const auto& e : events_) text += AuditExportLine(e);
    return text + AuditExportHeadLine(head);
  }

  common::Ed25519Keys keys_;
  common::Ed25519Keys other_;
  std::vector<common::ChainedEvent> events_;
};

TEST_F(AuditCheckTest, AFirstHeadIsTrustedOnFirstUse) {
  EXPECT_THAT(CheckHead(Head(5, keys_), std::nullopt, "", ""), IsOk());
}

TEST_F(AuditCheckTest, AHeadThatExtendsTheRememberedOnePasses) {
  RememberedHead before = Remember(Head(3, keys_));
  EXPECT_THAT(CheckHead(Head(5, keys_), before, events_[2].hash, ""), IsOk());
  EXPECT_THAT(CheckHead(Head(3, keys_), before, events_[2].hash, ""), IsOk());
}

TEST_F(AuditCheckTest, AShorterLogFails) {
  RememberedHead before = Remember(Head(5, keys_));
  EXPECT_THAT(CheckHead(Head(3, keys_), before, "", ""),
              StatusIs(absl::StatusCode::kDataLoss,
                       "the log is shorter than when this client last verified it (5 events "
                       "then, 3 now): events were deleted or an older backup was restored"));
}

TEST_F(AuditCheckTest, ARewrittenLogFails) {
  RememberedHead before = Remember(Head(3, keys_));
  EXPECT_THAT(CheckHead(Head(5, keys_), before, std::string(32, 'x'), ""),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("the log was rewritten since this client last verified it: "
                                 "event 3 had hash ")));
}

TEST_F(AuditCheckTest, AHeadSignedByAnotherKeyFails) {
  RememberedHead before = Remember(Head(3, keys_));
  EXPECT_THAT(CheckHead(Head(5, other_), before, events_[2].hash, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("this client trusted before; if the server's key was rotated")));
  // Unless the user vouches for the new key.
  EXPECT_THAT(CheckHead(Head(5, other_), before, events_[2].hash, other_.public_key), IsOk());
  // A key given is required even the first time.
  EXPECT_THAT(CheckHead(Head(5, other_), std::nullopt, "", keys_.public_key),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not by the key you gave")));
}

TEST_F(AuditCheckTest, AnUnsignedOrAlteredHeadFails) {
  common::AuditHead unsigned_head = Head(5, keys_);
  unsigned_head.signature.clear();
  EXPECT_THAT(CheckHead(unsigned_head, std::nullopt, "", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("unsigned head")));
  common::AuditHead altered = Head(5, keys_);
  altered.sequence = 6;
  EXPECT_THAT(CheckHead(altered, std::nullopt, "", ""),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("signature does not verify")));
}

TEST_F(AuditCheckTest, TheHeadsFileRoundTripsWithMode0600) {
  TempDir dir;
  const std::string path = dir.File("talentctl/audit-heads.json");
  auto empty = LoadAuditHeads(path);
  ASSERT_THAT(empty, IsOk());
  EXPECT_TRUE(empty->empty());
  std::map<std::string, RememberedHead> heads{{"localhost:50051", Remember(Head(4, keys_))}};
  ASSERT_THAT(SaveAuditHeads(path, heads), IsOk());
  auto loaded = LoadAuditHeads(path);
  ASSERT_THAT(loaded, IsOk());
  ASSERT_EQ(loaded->count("localhost:50051"), 1u);
  const RememberedHead& head = loaded->at("localhost:50051");
  EXPECT_EQ(head.sequence, 4);
  EXPECT_EQ(head.hash, events_[3].hash);
  EXPECT_EQ(head.public_key, keys_.public_key);
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ofstream(path) << "{\"x\": 1}";
  EXPECT_THAT(LoadAuditHeads(path), StatusIs(absl::StatusCode::kDataLoss,
                                             HasSubstr("is not a heads file this program wrote")));
}

TEST_F(AuditCheckTest, AnExportVerifiesOfflineWithItsKey) {
  auto checked = CheckAuditExport(Export(Head(5, keys_)), keys_.public_key);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(checked->events, 5);
  EXPECT_EQ(checked->head.sequence, 5);
}

TEST_F(AuditCheckTest, AnExportSignedByAnotherKeyFails) {
  EXPECT_THAT(CheckAuditExport(Export(Head(5, other_)), keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("not by the key given")));
}

TEST_F(AuditCheckTest, AnExportCutShortFails) {
  // The newest events dropped and the head kept: the head names event 5.
  std::string text = AuditExportHeader();
  for (int i = 0; i < 3; ++i) text += AuditExportLine(events_[i]);
  text += AuditExportHeadLine(Head(5, keys_));
  EXPECT_THAT(CheckAuditExport(text, keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss,
                       "the signed head names event 5 but the export ends at event 3: events "
                       "were removed or added after it was signed"));
  // Without a head at all.
  std::string headless = AuditExportHeader() + AuditExportLine(events_[0]);
  EXPECT_THAT(CheckAuditExport(headless, keys_.public_key),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("the signed head is missing")));
}

TEST_F(AuditCheckTest, AnEditedEventInAnExportFails) {
  std::string text = Export(Head(5, keys_));
  const std::string from = "\"detail\":\"3\"";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "\"detail\":\"9\"");
  EXPECT_THAT(CheckAuditExport(text, keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit event 3 does not match")));
}

TEST_F(AuditCheckTest, TextThatIsNoExportIsInvalidArgumentNamingTheLine) {
  EXPECT_THAT(CheckAuditExport("", keys_.public_key),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 1")));
  EXPECT_THAT(CheckAuditExport(AuditExportHeader() + "{\"id\": \"one\"}\n{}\n", keys_.public_key),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2: not an audit event")));
  // Fields of the wrong type are refused, not thrown over.
  for (const char* header : {"{\"kind\": 5, \"version\": 1}", "{\"kind\": \"talent-audit-export\", "
                             "\"version\": \"1\"}", "[1, 2]", "null"}) {
    EXPECT_THAT(CheckAuditExport(std::string(header) + "\n{}\n", keys_.public_key),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 1")))
        << header;
  }
  std::string text = Export(Head(5, keys_));
  text.replace(text.find("\"sequence\":5"), 12, "\"sequence\":\"5\"");
  EXPECT_THAT(CheckAuditExport(text, keys_.public_key),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a signed head")));
}

}  // namespace
}  // namespace talent::client
