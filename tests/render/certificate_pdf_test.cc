#include "client/render/certificate_pdf.h"

#include <cairo.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/png_image.h"
#include "tests/testing/temp_dir.h"

namespace talent::render {
namespace {

using ::talent::testing::Image;
using ::talent::testing::IsOk;
using ::talent::testing::LoadPng;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

// U+10FFFD, a private-use character: no installed font has a glyph for it
// (checked with pango_layout_get_unknown_glyphs_count against Noto CJK and
// DejaVu when this test was written).
constexpr char kNoGlyph[] = "\xF4\x8F\xBF\xBD";

CertificateArt SampleArt() {
  CertificateArt art;
  art.title = "高层次社会工作专业人才";
  art.title_en = "High-Level Social Work Talent";
  art.holder_name = "张伟";
  art.masked_national_id = "510104********1234";
  art.track = "服务类 Service";
  art.programme = "四川省高层次社会工作专业人才培养计划";
  art.cohort = "2023";
  art.score = "92.35";
  art.rating = "优秀 Excellent";
  art.number = "SCSW-2023-S001";
  art.issuer = "四川省民政厅";
  art.issue_date = "2023-12-20";
  art.verification_url = "http://127.0.0.1:8080/verify/SCSW-2023-S001";
  return art;
}

std::string Quote(const std::string& path) { return "'" + path + "'"; }

// The standard output of a shell command; fails the test unless it exits 0.
std::string RunTool(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return output;
  }
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return output;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The width and height a PNG declares in its IHDR chunk, which always comes
// first: 8 signature bytes, 4 length bytes, "IHDR", then two big-endian
// 32-bit integers. Eight bytes at fixed offsets need no PNG library.
bool ReadPngSize(const std::string& path, uint32_t* width, uint32_t* height) {
  const std::string bytes = ReadFile(path);
  if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 ||
      bytes.compare(12, 4, "IHDR") != 0) {
    return false;
  }
  auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  *width = be32(16);
  *height = be32(20);
  return true;
}


// Luminance of pixel (x, y), 0..255; the surfaces loaded here are opaque.
int Luminance(cairo_surface_t* image, int x, int y) {
  const unsigned char* row =
      cairo_image_surface_get_data(image) + y * cairo_image_surface_get_stride(image);
  uint32_t pixel;
  std::memcpy(&pixel, row + 4 * x, 4);
  const int r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF;
  return (299 * r + 587 * g + 114 * b) / 1000;
}

bool IsDark(cairo_surface_t* image, int x, int y) { return Luminance(image, x, y) < 100; }

// Renders page 1 of `pdf` at `dpi` to `png` with pdftoppm.
void RenderPage(const std::string& pdf, int dpi, const std::string& png_base) {
  RunTool(std::string(PDFTOPPM_PATH) + " -png -singlefile -r " + std::to_string(dpi) + " " +
          Quote(pdf) + " " + Quote(png_base));
}

class CertificatePdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pdf_ = dir_.File("certificate.pdf");
    ASSERT_THAT(WriteCertificatePdf(SampleArt(), pdf_), IsOk());
  }

  TempDir dir_;
  std::string pdf_;
};

TEST_F(CertificatePdfTest, TextComesBackOutOfThePdf) {
  const std::string text = RunTool(std::string(PDFTOTEXT_PATH) + " -layout " + Quote(pdf_) + " -");
  EXPECT_THAT(text, HasSubstr("张伟"));
  EXPECT_THAT(text, HasSubstr("SCSW-2023-S001"));
  EXPECT_THAT(text, HasSubstr("高层次社会工作专业人才"));
  EXPECT_THAT(text, HasSubstr("四川省民政厅"));
  EXPECT_THAT(text, HasSubstr("2023-12-20"));
  EXPECT_THAT(text, HasSubstr("510104********1234"));
  EXPECT_THAT(text, HasSubstr("经考核评定为优秀"));
  EXPECT_THAT(text, HasSubstr("http://127.0.0.1:8080/verify/SCSW-2023-S001"));
}

TEST_F(CertificatePdfTest, IsOneA4LandscapePage) {
  const std::string info = RunTool(std::string(PDFINFO_PATH) + " " + Quote(pdf_));
  EXPECT_THAT(info, ContainsRegex("\nPages: +1\n")) << info;
  EXPECT_THAT(info, ContainsRegex("\nPage size: +842 x 595 pts")) << info;
}

TEST_F(CertificatePdfTest, RendersToAPageThatIsNotBlank) {
  RenderPage(pdf_, 50, dir_.File("page"));
  const std::string png = dir_.File("page.png");
  uint32_t width = 0, height = 0;
  ASSERT_TRUE(ReadPngSize(png, &width, &height)) << png;
  // 842 x 595 pt at 50 dpi, rounded up to whole pixels by pdftoppm.
  EXPECT_EQ(width, 585u);
  EXPECT_EQ(height, 414u);

  Image image = LoadPng(png);
  ASSERT_EQ(cairo_image_surface_get_width(image.get()), 585);
  int64_t dark = 0;
  for (int y = 0; y < 414; ++y) {
    for (int x = 0; x < 585; ++x) dark += IsDark(image.get(), x, y);
  }
  // Frame, text and QR code: a few percent of the page; a blank page has none.
  EXPECT_GT(dark, 585 * 414 / 50);
}

// The QR code as a phone's scanner reads it: zbarimg (ZBar, independent of
// the libqrencode that drew it) decodes the page rendered at 150 dpi.
TEST_F(CertificatePdfTest, QrCodeOnThePageDecodesToTheVerificationUrl) {
  RenderPage(pdf_, 150, dir_.File("page"));
  const std::string decoded =
      RunTool(std::string(ZBARIMG_PATH) + " --quiet --raw " + Quote(dir_.File("page.png")));
  EXPECT_EQ(decoded, "http://127.0.0.1:8080/verify/SCSW-2023-S001\n");
}

TEST(CertificatePdfErrorsTest, RequiresHolderNumberAndUrl) {
  TempDir dir;
  const std::string path = dir.File("c.pdf");
  CertificateArt art = SampleArt();
  art.holder_name.clear();
  EXPECT_THAT(WriteCertificatePdf(art, path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("holder_name")));
  art = SampleArt();
  art.number.clear();
  EXPECT_THAT(WriteCertificatePdf(art, path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("number")));
  art = SampleArt();
  art.verification_url.clear();
  EXPECT_THAT(WriteCertificatePdf(art, path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("verification_url")));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(CertificatePdfErrorsTest, OptionalFieldsMayBeEmpty) {
  TempDir dir;
  CertificateArt art;
  art.holder_name = "Li Na";
  art.number = "SCSW-2023-S002";
  art.verification_url = "http://127.0.0.1:8080/verify/SCSW-2023-S002";
  EXPECT_THAT(WriteCertificatePdf(art, dir.File("c.pdf")), IsOk());
  const std::string text =
      RunTool(std::string(PDFTOTEXT_PATH) + " " + Quote(dir.File("c.pdf")) + " -");
  EXPECT_THAT(text, HasSubstr("Li Na"));
  EXPECT_THAT(text, HasSubstr("SCSW-2023-S002"));
}

TEST(CertificatePdfErrorsTest, MissingDirectoryIsNotFoundAndLeavesNoFile) {
  TempDir dir;
  const std::string path = dir.File("no-such-dir/c.pdf");
  EXPECT_THAT(WriteCertificatePdf(SampleArt(), path),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(path)));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(CertificatePdfErrorsTest, MissingGlyphIsFailedPreconditionNamingTheText) {
  TempDir dir;
  CertificateArt art = SampleArt();
  art.holder_name = std::string("张") + kNoGlyph;
  EXPECT_THAT(WriteCertificatePdf(art, dir.File("c.pdf")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(art.holder_name)));
  // Not even the temporary file is left behind.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(CertificatePdfErrorsTest, FailureKeepsThePreviousFile) {
  TempDir dir;
  const std::string path = dir.File("c.pdf");
  ASSERT_THAT(WriteCertificatePdf(SampleArt(), path), IsOk());
  const std::string before = ReadFile(path);
  CertificateArt art = SampleArt();
  art.issuer = std::string("四川省民政厅") + kNoGlyph;
  EXPECT_THAT(WriteCertificatePdf(art, path), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ReadFile(path), before);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(CertificatePdfErrorsTest, TextTooLongForThePageIsRefusedNotOverlapped) {
  TempDir dir;
  CertificateArt art = SampleArt();
  art.holder_name = "欧阳娜娜阿卜杜热合曼买买提明古丽米拉阿依";  // 20, the longest
  art.programme = "四川省高层次社会工作专业人才培养计划（第二期，含成都、绵阳、德阳、乐山分项目）";
  EXPECT_THAT(WriteCertificatePdf(art, dir.File("c.pdf")), IsOk());
  for (int i = 0; i < 4; ++i) art.programme += art.programme;
  EXPECT_THAT(WriteCertificatePdf(art, dir.File("too-long.pdf")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("too tall")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("too-long.pdf")));
}

TEST(CertificatePdfErrorsTest, InvalidUtf8IsInvalidArgument) {
  TempDir dir;
  CertificateArt art = SampleArt();
  art.programme = "\xE5\xBC";  // a truncated three-byte sequence
  EXPECT_THAT(WriteCertificatePdf(art, dir.File("c.pdf")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("UTF-8")));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace talent::render
