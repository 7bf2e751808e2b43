// RawHttpConnection: a plain TCP client for testing HTTP servers with the
// exact bytes a test chooses — well-formed requests, and the abusive ones
// no HTTP library would send (endless headers, unannounced bodies, a
// request line trickled a byte at a time). It parses just enough of a
// reply (status line, headers, a Content-Length body) to assert on it.
// Thread-compatible: one connection per thread.
#ifndef TALENT_TESTS_TESTING_RAW_HTTP_H_
#define TALENT_TESTS_TESTING_RAW_HTTP_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace talent::testing {

struct HttpReply {
  int status = 0;  // 0: no reply (the connection closed, or the time ran out)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  // The header's value; "" when absent.
  std::string Header(const std::string& name) const;
};

class RawHttpConnection {
 public:
  // Connects to 127.0.0.1:`port`, from `source` (any 127.x.y.z address, to
  // stand for another client; empty: the system's choice). Null on failure.
  static std::unique_ptr<RawHttpConnection> Open(int port, const std::string& source = "");
  ~RawHttpConnection();
  RawHttpConnection(const RawHttpConnection&) = delete;
  RawHttpConnection& operator=(const RawHttpConnection&) = delete;

  // Sends all of `bytes`; false once the server stops taking them.
  bool Send(std::string_view bytes);

  // Sends `head`, then `filler_bytes` copies of `fill`, reading whatever the
  // server answers meanwhile, until all is sent or the server closes the
  // connection or `timeout_seconds` pass. Returns the bytes of filler sent;
  // what was read is kept for ReadReply().
  size_t Flood(std::string_view head, size_t filler_bytes, char fill, double timeout_seconds);

  // Reads one reply within `timeout_seconds`. `head`: the request was a
  // HEAD, so no body follows the headers whatever Content-Length says.
  HttpReply ReadReply(double timeout_seconds = 5, bool head = false);

  // Waits up to `timeout_seconds` for the server to close the connection
  // (discarding anything it sends); true when it did.
  bool WaitForClose(double timeout_seconds);

 private:
  explicit RawHttpConnection(int fd) : fd_(fd) {}
  // Reads what is there within `timeout_seconds` into buffer_; false at
  // end of stream, on error or on timeout.
  bool ReadSome(double timeout_seconds);

  int fd_;
  bool closed_ = false;  // the server closed its end
  std::string buffer_;   // read, not yet parsed
};

// One request on a new connection ("GET PATH HTTP/1.1", Host and
// `extra_headers` lines, "Connection: close"), and its reply.
HttpReply HttpGet(int port, const std::string& path, const std::string& method = "GET",
                  const std::string& extra_headers = "", const std::string& source = "");

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_RAW_HTTP_H_
