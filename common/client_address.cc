#include "common/client_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace talent::common {
namespace {

std::string Ipv4Key(const in_addr& address) {
  char text[INET_ADDRSTRLEN];
  if (inet_ntop(AF_INET, &address, text, sizeof text) == nullptr) return "unknown";
  return text;
}

std::string Ipv6Key(const in6_addr& address) {
  if (IN6_IS_ADDR_V4MAPPED(&address)) {
    in_addr v4;
    std::memcpy(&v4, address.s6_addr + 12, 4);
    return Ipv4Key(v4);
  }
  in6_addr network = address;
  std::memset(network.s6_addr + 8, 0, 8);
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, &network, text, sizeof text) == nullptr) return "unknown";
  return std::string(text) + "/64";
}

// "%5B" → "[" and so on; malformed escapes are left as they are.
std::string PercentDecode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
        hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string ClientKeyOfSocketAddress(const sockaddr* address) {
  if (address == nullptr) return "unknown";
  switch (address->sa_family) {
    case AF_INET: return Ipv4Key(reinterpret_cast<const sockaddr_in*>(address)->sin_addr);
    case AF_INET6: return Ipv6Key(reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr);
    case AF_UNIX: return "local";
  }
  return "unknown";
}

std::string ClientKeyOfGrpcPeer(std::string_view peer) {
  const std::string decoded = PercentDecode(peer);
  std::string_view text = decoded;
  if (text.rfind("unix:", 0) == 0 || text.rfind("unix-abstract:", 0) == 0) return "local";
  if (text.rfind("ipv4:", 0) == 0) {
    text.remove_prefix(5);
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return "unknown";
    std::string host(text.substr(0, colon));
    in_addr v4;
    if (inet_pton(AF_INET, host.c_str(), &v4) != 1) return "unknown";
    return Ipv4Key(v4);
  }
  if (text.rfind("ipv6:", 0) == 0) {
    text.remove_prefix(5);
    size_t open = text.find('['), close = text.find(']');
    if (open != 0 || close == std::string_view::npos) return "unknown";
    std::string host(text.substr(1, close - 1));
    host = host.substr(0, host.find('%'));  // a zone ("fe80::1%eth0") names no other host
    in6_addr v6;
    if (inet_pton(AF_INET6, host.c_str(), &v6) != 1) return "unknown";
    return Ipv6Key(v6);
  }
  return "unknown";
}

}  // namespace talent::common
