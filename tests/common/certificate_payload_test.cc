// The canonical payload certificates are signed over, byte for byte, and the
// Ed25519 and base64url helpers the signatures use.
#include "common/certificate_payload.h"

#include "common/crypto.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/certificate_sample.h"

namespace talent::common {
namespace {

CertificateFacts Sample() { return testing::SampleCertificateFacts(); }

TEST(CertificatePayloadTest, IsTheDocumentedBytes) {
  EXPECT_EQ(CertificatePayload(Sample()),
            "talent-certificate-v1\n"
            "number:14:SCSW-2023-S001\n"
            "holder_name:6:张伟\n"
            "masked_national_id:18:510104********1234\n"
            "track:13:TRACK_SERVICE\n"
            "programme_code:4:SCSW\n"
            "programme_title:30:四川社会工作人才计划\n"
            "cohort_year:4:2023\n"
            "final_score:5:92.35\n"
            "rating:16:RATING_EXCELLENT\n"
            "issuer:18:四川省民政厅\n"
            "issue_date:10:2023-12-20\n");
}

TEST(CertificatePayloadTest, LengthsKeepFieldsApartWhateverTheyHold) {
  // Moving a character from one field to the next changes the payload.
  CertificateFacts a = Sample(), b = Sample();
  a.holder_name = "张伟\n";
  b.masked_national_id = "\n510104********1234";
  a.masked_national_id = "510104********1234";
  EXPECT_NE(CertificatePayload(a), CertificatePayload(b));
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(Sample() == Sample());
}

TEST(CertificatePayloadTest, ARehearsalCertificateBeginsWithItsOwnContext) {
  CertificateFacts rehearsal = Sample();
  rehearsal.rehearsal = true;
  const std::string production = CertificatePayload(Sample());
  EXPECT_EQ(CertificatePayload(rehearsal),
            "talent-rehearsal-certificate-v1\n" + production.substr(production.find('\n') + 1));
  EXPECT_FALSE(rehearsal == Sample());
}

TEST(CertificatePayloadTest, ARehearsalSignatureNeverVerifiesAsAProductionCertificate) {
  ASSERT_TRUE(InitCrypto().ok());
  // One key signs a rehearsal certificate: the same facts, expected as a
  // production certificate, do not verify; as a rehearsal one they do.
  Ed25519Keys keys = NewEd25519Keys();
  CertificateFacts facts = Sample();
  facts.rehearsal = true;
  absl::StatusOr<std::string> signature = Ed25519Sign(keys.secret_key, CertificatePayload(facts));
  ASSERT_TRUE(signature.ok());
  EXPECT_TRUE(Ed25519Verify(keys.public_key, CertificatePayload(facts), *signature));
  facts.rehearsal = false;
  EXPECT_FALSE(Ed25519Verify(keys.public_key, CertificatePayload(facts), *signature));
  // And the other way round.
  absl::StatusOr<std::string> production = Ed25519Sign(keys.secret_key, CertificatePayload(facts));
  ASSERT_TRUE(production.ok());
  facts.rehearsal = true;
  EXPECT_FALSE(Ed25519Verify(keys.public_key, CertificatePayload(facts), *production));
}

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

TEST(Ed25519Test, MatchesTheFirstTestVectorOfRfc8032) {
  ASSERT_TRUE(InitCrypto().ok());
  absl::StatusOr<Ed25519Keys> keys = Ed25519KeysFromSeed(
      Unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(HexEncode(keys->public_key),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  absl::StatusOr<std::string> signature = Ed25519Sign(keys->secret_key, "");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(HexEncode(*signature),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
            "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(Ed25519Verify(keys->public_key, "", *signature));
  EXPECT_FALSE(Ed25519KeysFromSeed("short").ok());
  EXPECT_FALSE(Ed25519Sign("short", "").ok());
}

TEST(Ed25519Test, APayloadSignatureVerifiesAndAnyChangeFailsIt) {
  ASSERT_TRUE(InitCrypto().ok());
  Ed25519Keys keys = NewEd25519Keys();
  const std::string payload = CertificatePayload(Sample());
  absl::StatusOr<std::string> signature = Ed25519Sign(keys.secret_key, payload);
  ASSERT_TRUE(signature.ok());
  ASSERT_EQ(signature->size(), kEd25519SignatureBytes);
  EXPECT_TRUE(Ed25519Verify(keys.public_key, payload, *signature));
  // Every single-bit change of the payload, and of the signature, fails.
  for (size_t i = 0; i < payload.size(); ++i) {
    std::string changed = payload;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    EXPECT_FALSE(Ed25519Verify(keys.public_key, changed, *signature)) << "payload byte " << i;
  }
  for (size_t i = 0; i < signature->size(); ++i) {
    std::string changed = *signature;
    changed[i] = static_cast<char>(changed[i] ^ 0x80);
    EXPECT_FALSE(Ed25519Verify(keys.public_key, payload, changed)) << "signature byte " << i;
  }
  // Another key, and malformed sizes, fail too.
  EXPECT_FALSE(Ed25519Verify(NewEd25519Keys().public_key, payload, *signature));
  EXPECT_FALSE(Ed25519Verify(keys.public_key.substr(1), payload, *signature));
  EXPECT_FALSE(Ed25519Verify(keys.public_key, payload, signature->substr(1)));
}

TEST(Base64UrlTest, RoundTripsAndRefusesOtherAlphabets) {
  for (const std::string& bytes : {std::string(), std::string("\xff\xfe\x00\x01", 4),
                                   std::string(32, '\x7f'), std::string("张伟")}) {
    std::string back;
    ASSERT_TRUE(Base64UrlDecode(Base64UrlEncode(bytes), &back));
    EXPECT_EQ(back, bytes);
  }
  EXPECT_EQ(Base64UrlEncode(std::string("\xfb\xff", 2)), "-_8");
  std::string out;
  EXPECT_FALSE(Base64UrlDecode("+/8", &out));   // standard alphabet
  EXPECT_FALSE(Base64UrlDecode("-_8=", &out));  // padding
  EXPECT_FALSE(Base64UrlDecode("-_8 ", &out));
  EXPECT_FALSE(Base64UrlDecode("!!", &out));
}

}  // namespace
}  // namespace talent::common
