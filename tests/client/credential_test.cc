// The offline credential: export is deterministic and Open Badges 3.0
// shaped; a check under the right key passes; a change of any byte, another
// key, or a file that is not a credential fails with the right code.
#include "client/credential.h"

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/certificate_sample.h"
#include "tests/testing/status_matchers.h"

namespace talent::client {
namespace {

using ::talent::testing::StatusIs;
using ::testing::HasSubstr;

class CredentialTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(common::InitCrypto().ok());
    keys_ = common::NewEd25519Keys();
    certificate_.facts = testing::SampleCertificateFacts();
    const common::CertificateFacts& f = certificate_.facts;
    certificate_.public_key = keys_.public_key;
    certificate_.signature =
        *common::Ed25519Sign(keys_.secret_key, common::CertificatePayload(f));
    json_ = ExportCredential(certificate_);
  }

  common::Ed25519Keys keys_;
  SignedCertificate certificate_;
  std::string json_;
};

TEST_F(CredentialTest, ExportIsAnOpenBadgeCredentialWithTheFacts) {
  EXPECT_EQ(ExportCredential(certificate_), json_);  // deterministic
  nlohmann::json doc = nlohmann::json::parse(json_);
  EXPECT_EQ(doc["type"], nlohmann::json({"VerifiableCredential", "OpenBadgeCredential"}));
  EXPECT_EQ(doc["@context"][0], "https://www.w3.org/ns/credentials/v2");
  EXPECT_EQ(doc["id"], "urn:talent:certificate:SCSW-2023-S001");
  EXPECT_EQ(doc["issuer"]["name"], "四川省民政厅");
  EXPECT_EQ(doc["validFrom"], "2023-12-20T00:00:00+08:00");
  const nlohmann::json& subject = doc["credentialSubject"];
  EXPECT_EQ(subject["achievement"]["name"], "高层次社会工作专业人才（服务类）");
  EXPECT_EQ(subject["result"][0]["value"], "92.35");
  EXPECT_EQ(subject["result"][1]["achievedLevel"], "urn:talent:level:excellent");
  EXPECT_EQ(subject["achievement"]["resultDescription"][1]["rubricCriterionLevel"][0]["name"],
            "优秀 excellent");
  EXPECT_EQ(subject["identifier"][0]["identityHash"], "张伟");
  EXPECT_EQ(subject["identifier"][1]["identityHash"], "510104********1234");
  EXPECT_EQ(doc["proof"]["type"], "DataIntegrityProof");
  EXPECT_EQ(doc["proof"]["cryptosuite"], "talent-certificate-v1-ed25519");
  EXPECT_EQ(doc["proof"]["verificationMethod"],
            "urn:talent:key:ed25519:" + common::Base64UrlEncode(keys_.public_key));
  EXPECT_EQ(doc["proof"]["proofValue"], "u" + common::Base64UrlEncode(certificate_.signature));
  EXPECT_EQ(json_.back(), '\n');
}

TEST_F(CredentialTest, VerifiesUnderTheIssuersKeyAndReturnsTheFacts) {
  absl::StatusOr<SignedCertificate> checked = VerifyCredential(json_, keys_.public_key);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_TRUE(checked->facts == certificate_.facts);
  EXPECT_EQ(checked->signature, certificate_.signature);
  // Without its final newline (an editor's doing) it still verifies.
  EXPECT_TRUE(VerifyCredential(json_.substr(0, json_.size() - 1), keys_.public_key).ok());
}

TEST_F(CredentialTest, EvenAChangeThatMeansTheSameFails) {
  std::string compact = nlohmann::json::parse(json_).dump();
  EXPECT_THAT(VerifyCredential(compact, keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("bytes are not those exported")));
  std::string tabbed = json_;
  tabbed[tabbed.find("  ")] = '\t';  // one space of the indent made a tab
  EXPECT_THAT(VerifyCredential(tabbed, keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss));
  std::string escaped = json_;
  escaped.replace(escaped.find("张伟"), std::string("张伟").size(), "\\u5f20\\u4f1f");
  EXPECT_THAT(VerifyCredential(escaped, keys_.public_key), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(CredentialTest, EveryOneByteChangeFails) {
  for (size_t i = 0; i < json_.size(); ++i) {
    std::string changed = json_;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    EXPECT_FALSE(VerifyCredential(changed, keys_.public_key).ok())
        << "byte " << i << " ('" << json_[i] << "') changed and still verifies";
  }
}

TEST_F(CredentialTest, ChangedFactsOrProofFailAsAltered) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(json_);
  doc["credentialSubject"]["talentCertificate"]["finalScore"] = "99.35";
  doc["credentialSubject"]["result"][0]["value"] = "99.35";
  EXPECT_THAT(VerifyCredential(doc.dump(2), keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("signature")));

  doc = nlohmann::ordered_json::parse(json_);
  doc["credentialSubject"]["result"][0]["value"] = "99.35";  // the facts unchanged
  EXPECT_THAT(VerifyCredential(doc.dump(2), keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("altered")));

  doc = nlohmann::ordered_json::parse(json_);
  doc["note"] = "added";
  EXPECT_THAT(VerifyCredential(doc.dump(2), keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("altered")));

  common::Ed25519Keys other = common::NewEd25519Keys();
  EXPECT_THAT(VerifyCredential(json_, other.public_key),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("another signing key")));

  // Re-signed with another key and naming it: the trusted key still decides.
  SignedCertificate forged = certificate_;
  forged.public_key = other.public_key;
  forged.signature =
      *common::Ed25519Sign(other.secret_key, common::CertificatePayload(forged.facts));
  EXPECT_THAT(VerifyCredential(ExportCredential(forged), keys_.public_key),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_TRUE(VerifyCredential(ExportCredential(forged), other.public_key).ok());
}

TEST_F(CredentialTest, NotACredentialIsInvalidArgument) {
  EXPECT_THAT(VerifyCredential("", keys_.public_key),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not JSON")));
  EXPECT_THAT(VerifyCredential("[1,2]", keys_.public_key),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(VerifyCredential("{\"credentialSubject\":{}}", keys_.public_key),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("credentialSubject.talentCertificate")));
}

TEST(ParsePublicKeyTest, TakesThePrintedFormWithOrWithoutItsPrefix) {
  ASSERT_TRUE(common::InitCrypto().ok());
  std::string key = common::NewEd25519Keys().public_key;
  std::string text = common::Base64UrlEncode(key);
  EXPECT_EQ(*ParsePublicKey(text + "\n"), key);
  EXPECT_EQ(*ParsePublicKey("urn:talent:key:ed25519:" + text), key);
  EXPECT_THAT(ParsePublicKey(text.substr(1)), StatusIs(absl::StatusCode::kInvalidArgument,
                                                      HasSubstr("--pubkey")));
  EXPECT_THAT(ParsePublicKey("not a key"), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace talent::client
