// TLS as a client meets it: talentd serving a certificate issued by a test
// CA (made here with openssl), and talentctl that must refuse every server
// it cannot verify — a certificate from another CA, an expired one, one for
// another host name — and never fall back to plaintext. Also: the process
// runner the end-to-end tests rely on ends a command that outlives its
// deadline.
#include <signal.h>

#include <chrono>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"

namespace talent {
namespace {

using ::testing::HasSubstr;
using testing::ProcessResult;
using testing::ReadFile;
using testing::RunProcess;
using testing::WriteFile;

// A certificate authority and the server certificates it signs, made with
// the openssl command in the test's own directory.
class TestCa {
 public:
  TestCa(const std::string& dir, const std::string& name) : dir_(dir), name_(name) {
    Run({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "30", "-subj", "/CN=" + name + " test CA", "-keyout", Path("ca.key"), "-out",
         Path("ca.pem")});
    WriteFile(Path("index.txt"), "");
    WriteFile(Path("serial"), "01\n");
    // A minimal `openssl ca` configuration: it alone can set a certificate's
    // validity to dates in the past.
    WriteFile(Path("ca.cnf"),
              "[ca]\ndefault_ca = test\n[test]\ndir = " + dir_ + "\ndatabase = " +
                  Path("index.txt") + "\nserial = " + Path("serial") + "\nnew_certs_dir = " +
                  dir_ + "\ncertificate = " + Path("ca.pem") + "\nprivate_key = " +
                  Path("ca.key") + "\ndefault_md = sha256\npolicy = any\ncopy_extensions = copy\n"
                  "unique_subject = no\n[any]\ncommonName = supplied\n");
  }

  std::string ca() const { return Path("ca.pem"); }

  // Issues `cert_name`.pem/.key for the subject alternative name `san`
  // ("IP:127.0.0.1", "DNS:elsewhere.example"), valid from `start` to `end`
  // (YYYYMMDDHHMMSSZ).
  void Issue(const std::string& cert_name, const std::string& san, const std::string& start,
             const std::string& end) {
    Run({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-subj", "/CN=talentd", "-addext", "subjectAltName=" + san, "-keyout",
         Path(cert_name + ".key"), "-out", Path(cert_name + ".csr")});
    Run({"ca", "-batch", "-config", Path("ca.cnf"), "-startdate", start, "-enddate", end, "-in",
         Path(cert_name + ".csr"), "-out", Path(cert_name + ".pem"), "-notext"});
  }

  std::string Path(const std::string& file) const { return dir_ + "/" + name_ + "-" + file; }

 private:
  void Run(std::vector<std::string> args) {
    args.insert(args.begin(), "/usr/bin/openssl");
    ProcessResult r = RunProcess(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::string dir_;
  std::string name_;
};

class TlsTest : public testing::CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    server_->Stop(SIGTERM);
  }

  // talentd serving `cert_name` of `ca`.
  void ServeWith(const TestCa& ca, const std::string& cert_name) {
    StartServer({"--tls-cert", ca.Path(cert_name + ".pem"), "--tls-key",
                 ca.Path(cert_name + ".key")});
  }

  // `talentctl whoami` trusting `ca_file`, with a short deadline.
  ProcessResult WhoAmI(const std::string& ca_file) {
    return Ctl({"--timeout", "3", "--tls-ca", ca_file, "whoami"});
  }
};

constexpr char kLongAgo[] = "20200101000000Z";
constexpr char kExpired[] = "20200201000000Z";
constexpr char kFarAhead[] = "20991231000000Z";

TEST_F(TlsTest, ServerCertificateFromTheTrustedCaIsAccepted) {
  TestCa ca(dir_.path(), "good");
  ca.Issue("server", "IP:127.0.0.1", kLongAgo, kFarAhead);
  ServeWith(ca, "server");
  ProcessResult r = WhoAmI(ca.ca());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("admin"));
  // Startup says which mode it serves in.
  EXPECT_THAT(ReadFile(dir_.File("talentd.log")),
              HasSubstr("talentd: serving " + db_ + " on port " +
                        address_.substr(address_.rfind(':') + 1) + ", TLS\n"));
}

TEST_F(TlsTest, TlsFlagTrustsTheSystemsCertificateAuthorities) {
  TestCa ca(dir_.path(), "good");
  ca.Issue("server", "IP:127.0.0.1", kLongAgo, kFarAhead);
  ServeWith(ca, "server");
  // The system's roots, as OpenSSL finds them: SSL_CERT_FILE here.
  ProcessResult r = Ctl({"--timeout", "3", "--tls", "whoami"}, {{"SSL_CERT_FILE", ca.ca()}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("admin"));
  TestCa other(dir_.path(), "other");
  r = Ctl({"--timeout", "3", "--tls", "whoami"}, {{"SSL_CERT_FILE", other.ca()}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("certificate verify failed"));
  // No roots at all: refused before connecting, never plaintext.
  r = Ctl({"--timeout", "3", "--tls", "whoami"}, {{"SSL_CERT_FILE", dir_.File("absent.pem")}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: cannot read the system's certificate authorities in " +
                       dir_.File("absent.pem") +
                       " (install ca-certificates, or pass --tls-ca FILE)\n");
}

// talentd serve with `flags`, expected to refuse to start.
ProcessResult ServeRefused(const std::string& db, std::vector<std::string> flags) {
  std::vector<std::string> argv = {testing::kTalentd, "serve", "--db", db};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return RunProcess(argv, {}, "", 10);
}

TEST_F(TlsTest, AnEmptyOrUnreadableCertificateOrKeyStopsTheServer) {
  TestCa ca(dir_.path(), "good");
  ca.Issue("server", "IP:127.0.0.1", kLongAgo, kFarAhead);
  WriteFile(dir_.File("empty.key"), "");
  ProcessResult r = ServeRefused(db_, {"--listen", "127.0.0.1:0", "--tls-cert",
                                       ca.Path("server.pem"), "--tls-key",
                                       dir_.File("empty.key")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "talentd: --tls-key " + dir_.File("empty.key") + " is empty\n");
  r = ServeRefused(db_, {"--listen", "127.0.0.1:0", "--tls-cert", dir_.File("absent.pem"),
                         "--tls-key", ca.Path("server.key")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "talentd: cannot read --tls-cert " + dir_.File("absent.pem") +
                       ": No such file or directory\n");
  // A key where the certificate should be: not PEM certificates.
  r = ServeRefused(db_, {"--listen", "127.0.0.1:0", "--tls-cert", ca.Path("server.key"),
                         "--tls-key", ca.Path("server.key")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "talentd: the TLS certificate (--tls-cert) is empty or not a PEM certificate chain\n");
}

TEST_F(TlsTest, PlaintextBeyondLoopbackNeedsInsecure) {
  ProcessResult r = ServeRefused(db_, {"--listen", "0.0.0.0:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "talentd: --listen 0.0.0.0:0 is not a loopback address: serve it with TLS "
            "(--tls-cert and --tls-key), or pass --insecure if a network you trust carries the "
            "tokens in plain text\n");
  const std::string port_file = dir_.File("insecure.port");
  testing::Daemon insecure({testing::kTalentd, "serve", "--db", db_, "--listen", "0.0.0.0:0",
                            "--insecure", "--port-file", port_file},
                           dir_.File("insecure.log"));
  std::string port = testing::WaitForFile(port_file, 10);
  ASSERT_FALSE(port.empty()) << ReadFile(dir_.File("insecure.log"));
  EXPECT_THAT(ReadFile(dir_.File("insecure.log")),
              HasSubstr(", PLAINTEXT on the network (--insecure)\n"));
  address_ = "127.0.0.1:" + port.substr(0, port.size() - 1);
  ProcessResult who = Ctl({"whoami"});
  EXPECT_EQ(who.exit_code, 0) << who.err;
  EXPECT_EQ(insecure.Stop(SIGTERM), 0);
}

TEST_F(TlsTest, CertificateFromAnotherCaIsRefused) {
  TestCa ca(dir_.path(), "good");
  TestCa other(dir_.path(), "other");
  ca.Issue("server", "IP:127.0.0.1", kLongAgo, kFarAhead);
  ServeWith(ca, "server");
  ProcessResult r = WhoAmI(other.ca());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("talentctl: cannot reach talentd at " + address_));
  EXPECT_THAT(r.err, HasSubstr("certificate verify failed"));
  EXPECT_THAT(r.out, ::testing::IsEmpty());
}

TEST_F(TlsTest, ExpiredCertificateIsRefused) {
  TestCa ca(dir_.path(), "good");
  ca.Issue("expired", "IP:127.0.0.1", kLongAgo, kExpired);
  ServeWith(ca, "expired");
  ProcessResult r = WhoAmI(ca.ca());
  EXPECT_EQ(r.exit_code, 1);
  // The same CA, the same issuing as the accepted certificate: only the
  // dates differ.
  EXPECT_THAT(r.err, HasSubstr("talentctl: cannot reach talentd at " + address_));
  EXPECT_THAT(r.err, HasSubstr("certificate verify failed"));
  EXPECT_THAT(r.out, ::testing::IsEmpty());
}

TEST_F(TlsTest, CertificateForAnotherHostIsRefused) {
  TestCa ca(dir_.path(), "good");
  ca.Issue("elsewhere", "DNS:elsewhere.example", kLongAgo, kFarAhead);
  ServeWith(ca, "elsewhere");
  ProcessResult r = WhoAmI(ca.ca());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("Peer name 127.0.0.1 is not in peer certificate"));
  EXPECT_THAT(r.out, ::testing::IsEmpty());
}

TEST_F(TlsTest, PlaintextClientGetsNoAnswerFromATlsServer) {
  TestCa ca(dir_.path(), "good");
  ca.Issue("server", "IP:127.0.0.1", kLongAgo, kFarAhead);
  ServeWith(ca, "server");
  ProcessResult r = Ctl({"--timeout", "3", "whoami"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("talentctl: cannot reach talentd at " + address_));
  EXPECT_THAT(r.out, ::testing::IsEmpty());
}

TEST(ProcessRunnerTest, KillsACommandPastItsDeadline) {
  auto start = std::chrono::steady_clock::now();
  ProcessResult r = RunProcess({"/bin/sleep", "30"}, {}, "", 0.3);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.exit_code, 128 + SIGKILL);
  EXPECT_THAT(r.err, HasSubstr("[killed: still running after"));
  EXPECT_LT(seconds, 10);  // not the 30 s the command wanted
}

TEST(ProcessRunnerTest, ACommandWithinItsDeadlineIsNotTimedOut) {
  ProcessResult r = RunProcess({"/bin/echo", "done"});
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "done\n");
}

}  // namespace
}  // namespace talent
