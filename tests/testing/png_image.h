// PNG images in tests, read with cairo: load one, ask its size, count the
// pixels of a colour. Shared by the rendering tests and the end-to-end test
// of the verification page's screenshots. Header-only; thread-compatible.
#ifndef TALENT_TESTS_TESTING_PNG_IMAGE_H_
#define TALENT_TESTS_TESTING_PNG_IMAGE_H_

#include <cairo.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "gtest/gtest.h"

namespace talent::testing {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using Image = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

// The PNG at `path`; a test failure when cairo cannot read it.
inline Image LoadPng(const std::string& path) {
  Image image(cairo_image_surface_create_from_png(path.c_str()));
  EXPECT_EQ(cairo_surface_status(image.get()), CAIRO_STATUS_SUCCESS) << path;
  return image;
}

// Width and height; (-1, -1) when the image could not be read.
inline std::pair<int, int> ImageSize(cairo_surface_t* image) {
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) return {-1, -1};
  return {cairo_image_surface_get_width(image), cairo_image_surface_get_height(image)};
}

// Pixels within `tolerance` of the colour 0xRRGGBB on every channel (0:
// exactly it; bars are filled on whole pixels, so their insides are exact).
// -1 when the image could not be read.
inline int64_t CountColor(cairo_surface_t* image, uint32_t rgb, int tolerance = 0) {
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) return -1;
  cairo_surface_flush(image);
  const int width = cairo_image_surface_get_width(image);
  const int height = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  const int want[3] = {static_cast<int>(rgb >> 16 & 0xFF), static_cast<int>(rgb >> 8 & 0xFF),
                       static_cast<int>(rgb & 0xFF)};
  int64_t count = 0;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint32_t pixel;
      std::memcpy(&pixel, data + y * stride + 4 * x, 4);
      const int got[3] = {static_cast<int>(pixel >> 16 & 0xFF),
                          static_cast<int>(pixel >> 8 & 0xFF), static_cast<int>(pixel & 0xFF)};
      bool near = true;
      for (int c = 0; c < 3; ++c) near = near && std::abs(got[c] - want[c]) <= tolerance;
      count += near;
    }
  }
  return count;
}

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_PNG_IMAGE_H_
