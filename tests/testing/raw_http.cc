#include "tests/testing/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace talent::testing {
namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point After(double seconds) {
  return Clock::now() + std::chrono::microseconds(static_cast<int64_t>(seconds * 1e6));
}

int MillisUntil(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<int64_t>(0, left.count()));
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t");
  size_t end = text.find_last_not_of(" \t\r");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

}  // namespace

std::string HttpReply::Header(const std::string& name) const {
  auto found = headers.find(Lower(name));
  return found == headers.end() ? "" : found->second;
}

std::unique_ptr<RawHttpConnection> RawHttpConnection::Open(int port, const std::string& source) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return nullptr;
  if (!source.empty()) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    if (inet_pton(AF_INET, source.c_str(), &from.sin_addr) != 1 ||
        bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
      close(fd);
      return nullptr;
    }
  }
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    close(fd);
    return nullptr;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return std::unique_ptr<RawHttpConnection>(new RawHttpConnection(fd));
}

RawHttpConnection::~RawHttpConnection() { close(fd_); }

bool RawHttpConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

size_t RawHttpConnection::Flood(std::string_view head, size_t filler_bytes, char fill,
                                double timeout_seconds) {
  const Clock::time_point deadline = After(timeout_seconds);
  const std::string chunk(64 * 1024, fill);
  size_t head_sent = 0, filler_sent = 0;
  char buf[16384];
  while (!closed_ && Clock::now() < deadline &&
         (head_sent < head.size() || filler_sent < filler_bytes)) {
    pollfd poll_fd{fd_, POLLIN | POLLOUT, 0};
    if (poll(&poll_fd, 1, MillisUntil(deadline)) <= 0) break;
    if (poll_fd.revents & POLLIN) {
      ssize_t got = recv(fd_, buf, sizeof buf, 0);
      if (got <= 0) {
        closed_ = true;
        break;
      }
      buffer_.append(buf, static_cast<size_t>(got));
    }
    if (poll_fd.revents & (POLLERR | POLLHUP)) break;  // what is left to read is read later
    if (poll_fd.revents & POLLOUT) {
      std::string_view next =
          head_sent < head.size()
              ? head.substr(head_sent)
              : std::string_view(chunk).substr(0, std::min(chunk.size(), filler_bytes - filler_sent));
      ssize_t sent = send(fd_, next.data(), next.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (sent <= 0) break;  // EPIPE, ECONNRESET: the server will take no more
      (head_sent < head.size() ? head_sent : filler_sent) += static_cast<size_t>(sent);
    }
  }
  return filler_sent;
}

bool RawHttpConnection::ReadSome(double timeout_seconds) {
  if (closed_) return false;
  pollfd poll_fd{fd_, POLLIN, 0};
  if (poll(&poll_fd, 1, MillisUntil(After(timeout_seconds))) <= 0) return false;
  char buf[16384];
  ssize_t got = recv(fd_, buf, sizeof buf, 0);
  if (got <= 0) {
    closed_ = true;
    return false;
  }
  buffer_.append(buf, static_cast<size_t>(got));
  return true;
}

HttpReply RawHttpConnection::ReadReply(double timeout_seconds, bool head) {
  const Clock::time_point deadline = After(timeout_seconds);
  HttpReply reply;
  size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (Clock::now() >= deadline || !ReadSome(MillisUntil(deadline) / 1000.0)) return reply;
  }
  std::string head_text = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  size_t line_end = head_text.find("\r\n");
  std::string status_line = head_text.substr(0, line_end);
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) return reply;
  reply.status = std::atoi(status_line.substr(9, 3).c_str());
  while (line_end != std::string::npos) {
    size_t start = line_end + 2;
    line_end = head_text.find("\r\n", start);
    std::string line = head_text.substr(start, line_end == std::string::npos ? std::string::npos
                                                                           : line_end - start);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      reply.headers[Lower(line.substr(0, colon))] = Trim(line.substr(colon + 1));
    }
  }
  if (head) return reply;
  const std::string length = reply.Header("Content-Length");
  if (length.empty()) {  // the body runs to the end of the connection
    while (Clock::now() < deadline && ReadSome(MillisUntil(deadline) / 1000.0)) {
    }
    reply.body = std::move(buffer_);
    buffer_.clear();
    return reply;
  }
  const size_t size = std::strtoull(length.c_str(), nullptr, 10);
  while (buffer_.size() < size) {
    if (Clock::now() >= deadline || !ReadSome(MillisUntil(deadline) / 1000.0)) break;
  }
  reply.body = buffer_.substr(0, size);
  buffer_.erase(0, std::min(size, buffer_.size()));
  return reply;
}

bool RawHttpConnection::WaitForClose(double timeout_seconds) {
  const Clock::time_point deadline = After(timeout_seconds);
  while (!closed_ && Clock::now() < deadline) {
    buffer_.clear();
    ReadSome(MillisUntil(deadline) / 1000.0);
  }
  return closed_;
}

HttpReply HttpGet(int port, const std::string& path, const std::string& method,
                  const std::string& extra_headers, const std::string& source) {
  std::unique_ptr<RawHttpConnection> connection = RawHttpConnection::Open(port, source);
  if (!connection) return {};
  if (!connection->Send(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        extra_headers + "Connection: close\r\n\r\n")) {
    return {};
  }
  return connection->ReadReply(5, method == "HEAD");
}

}  // namespace talent::testing
