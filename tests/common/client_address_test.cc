#include "common/client_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/un.h>

#include "gtest/gtest.h"

namespace talent::common {
namespace {

std::string KeyOfV4(const char* text) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  inet_pton(AF_INET, text, &address.sin_addr);
  return ClientKeyOfSocketAddress(reinterpret_cast<sockaddr*>(&address));
}

std::string KeyOfV6(const char* text) {
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  inet_pton(AF_INET6, text, &address.sin6_addr);
  return ClientKeyOfSocketAddress(reinterpret_cast<sockaddr*>(&address));
}

TEST(ClientAddressTest, Ipv4IsTheWholeAddress) {
  EXPECT_EQ(KeyOfV4("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(KeyOfV4("127.0.0.1"), "127.0.0.1");
}

TEST(ClientAddressTest, Ipv6IsItsSlash64AndMappedIpv4IsIpv4) {
  EXPECT_EQ(KeyOfV6("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(KeyOfV6("2001:db8:1:2::9"), "2001:db8:1:2::/64");
  EXPECT_EQ(KeyOfV6("::ffff:203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(KeyOfV6("::1"), "::/64");
}

TEST(ClientAddressTest, OtherSocketsAndNull) {
  sockaddr_un unix_address{};
  unix_address.sun_family = AF_UNIX;
  EXPECT_EQ(ClientKeyOfSocketAddress(reinterpret_cast<sockaddr*>(&unix_address)), "local");
  EXPECT_EQ(ClientKeyOfSocketAddress(nullptr), "unknown");
}

TEST(ClientAddressTest, GrpcPeersGiveTheSameKeysAsSockets) {
  EXPECT_EQ(ClientKeyOfGrpcPeer("ipv4:203.0.113.7:50312"), "203.0.113.7");
  EXPECT_EQ(ClientKeyOfGrpcPeer("ipv6:[2001:db8:1:2::9]:50312"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientKeyOfGrpcPeer("ipv6:%5B2001:db8:1:2::9%5D:50312"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientKeyOfGrpcPeer("ipv6:%5B%3A%3Affff%3A203.0.113.7%5D:1"), "203.0.113.7");
  EXPECT_EQ(ClientKeyOfGrpcPeer("ipv6:[fe80::1%25eth0]:1"), "fe80::/64");
  EXPECT_EQ(ClientKeyOfGrpcPeer("unix:/run/talentd.sock"), "local");
}

TEST(ClientAddressTest, MalformedGrpcPeersAreUnknown) {
  for (const char* peer : {"", "ipv4:", "ipv4:nonsense:1", "ipv6:::1:5", "ipv6:[zz]:1",
                           "tcp:1.2.3.4:5", "ipv4:1.2.3.4"}) {
    EXPECT_EQ(ClientKeyOfGrpcPeer(peer), "unknown") << peer;
  }
}

}  // namespace
}  // namespace talent::common
