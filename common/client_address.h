// The key a client is known by to a RateLimiter: its network address, the
// same whether it came over HTTP (a socket address) or gRPC (the peer
// string). IPv4 addresses are kept whole ("203.0.113.7"; IPv4-mapped IPv6
// addresses become IPv4); IPv6 addresses are cut to their /64 network
// ("2001:db8:1:2::/64"), because one subscriber is routinely given a whole
// /64 and could otherwise change address at every request. Pure functions;
// thread-safe.
#ifndef TALENT_COMMON_CLIENT_ADDRESS_H_
#define TALENT_COMMON_CLIENT_ADDRESS_H_

#include <sys/socket.h>

#include <string>
#include <string_view>

namespace talent::common {

// The key of a peer's socket address; "unknown" for a null address or one
// neither IPv4 nor IPv6, and "local" for a Unix socket.
std::string ClientKeyOfSocketAddress(const sockaddr* address);

// The key of a gRPC peer as grpc::ServerContext::peer() spells it:
// "ipv4:203.0.113.7:50312", "ipv6:[2001:db8::1]:50312" (gRPC may
// percent-encode the brackets and colons), "unix:/path" → "local";
// anything else → "unknown".
std::string ClientKeyOfGrpcPeer(std::string_view peer);

}  // namespace talent::common

#endif  // TALENT_COMMON_CLIENT_ADDRESS_H_
