#include "warc_reader.h"

#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <zlib.h>

#include "html_reader.h"

namespace whosaid {
namespace {

// gzread reads plain files too, and concatenated gzip members (one per record) as one stream.
class Stream {
 public:
  explicit Stream(const std::string& path) : f_(gzopen(path.c_str(), "rb")) {
    if (f_) gzbuffer(f_, 1 << 17);
  }
  ~Stream() {
    if (f_) gzclose(f_);
  }
  bool ok() const { return f_ != nullptr; }
  // A line without its "\r\n"; false at the end.
  bool line(std::string& out) {
    out.clear();
    char buf[8192];
    while (true) {
      if (!gzgets(f_, buf, sizeof buf)) return !out.empty();
      out += buf;
      if (!out.empty() && out.back() == '\n') break;
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return true;
  }
  // Reads n bytes. The buffer grows with what arrives, never to a Content-Length read from the
  // file: a header claiming 10^18 bytes is a truncated record, not an allocation of that size.
  bool read(std::string& out, std::size_t n) {
    out.clear();
    std::size_t got = 0;
    while (got < n) {
      std::size_t chunk = std::min<std::size_t>(n - got, std::max<std::size_t>(got, 1u << 16));
      out.resize(got + chunk);
      int r = gzread(f_, out.data() + got, static_cast<unsigned>(std::min<std::size_t>(chunk, 1u << 30)));
      if (r <= 0) break;
      got += static_cast<std::size_t>(r);
    }
    out.resize(got);
    return got == n;
  }
  // Bytes of the file consumed so far (compressed bytes for .warc.gz).
  std::size_t offset() const {
    z_off_t o = gzoffset(f_);
    return o < 0 ? 0 : static_cast<std::size_t>(o);
  }
  std::string error() {
    int err = 0;
    const char* msg = gzerror(f_, &err);
    return err ? msg : "";
  }

 private:
  gzFile f_;
};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string header_value(const std::string& line) {
  auto colon = line.find(':');
  if (colon == std::string::npos) return {};
  std::size_t b = colon + 1;
  while (b < line.size() && line[b] == ' ') ++b;
  return line.substr(b);
}

}  // namespace

void read_warc(const std::string& path, const ArticleHandler& on_article, const ProblemHandler& on_problem) {
  Stream in(path);
  if (!in.ok()) {
    on_problem({path, std::strerror(errno)});
    return;
  }
  std::string line, block;
  std::size_t record = 0;
  std::size_t consumed = 0;  // file bytes already counted in an article's input_bytes
  while (in.line(line)) {
    if (line.empty()) continue;
    if (line.rfind("WARC/", 0) != 0) {
      on_problem({fmt::format("{}: record {}", path, record + 1), "not a WARC record header: " + line.substr(0, 40)});
      return;  // lost sync: the rest cannot be trusted
    }
    ++record;
    std::string type, uri, date, content_type;
    std::size_t length = 0;
    bool have_length = false;
    while (in.line(line) && !line.empty()) {
      std::string key = lower(line.substr(0, line.find(':')));
      if (key == "warc-type") type = header_value(line);
      else if (key == "warc-target-uri") uri = header_value(line);
      else if (key == "warc-date") date = header_value(line);
      else if (key == "content-type") content_type = lower(header_value(line));
      else if (key == "content-length") {
        try {
          length = std::stoull(header_value(line));
          have_length = true;
        } catch (...) {
        }
      }
    }
    const std::string where = fmt::format("{}: record {}", path, record);
    if (!have_length) {
      on_problem({where, "no Content-Length"});
      return;
    }
    if (!in.read(block, length)) {
      on_problem({where, "truncated record"});
      return;
    }
    if (type != "response" || content_type.find("application/http") == std::string::npos) continue;
    // The HTTP response: status line, headers, blank line, body.
    auto head_end = block.find("\r\n\r\n");
    std::size_t body_at = head_end == std::string::npos ? std::string::npos : head_end + 4;
    if (head_end == std::string::npos) {
      head_end = block.find("\n\n");
      body_at = head_end == std::string::npos ? std::string::npos : head_end + 2;
    }
    if (body_at == std::string::npos) continue;
    std::string headers = lower(block.substr(0, head_end));
    if (headers.rfind("http/", 0) != 0 || headers.find(" 200") == std::string::npos) continue;
    auto ct = headers.find("content-type:");
    std::string http_type = ct == std::string::npos ? "" : headers.substr(ct, headers.find('\n', ct) - ct);
    if (http_type.find("html") == std::string::npos) continue;
    HtmlFallback fb;
    fb.url = uri;
    fb.date = date;
    if (auto cs = http_type.find("charset="); cs != std::string::npos) {
      fb.charset = http_type.substr(cs + 8);
      while (!fb.charset.empty() && (fb.charset.back() == '\r' || fb.charset.back() == ' ')) fb.charset.pop_back();
    }
    Article a = read_html_article(std::string_view(block).substr(body_at), uri.empty() ? where : uri, where, fb);
    if (a.text.find_first_not_of(" \n") == std::string::npos) {
      on_problem({where, "HTML page without article text"});
      continue;
    }
    a.input_bytes = in.offset() - consumed;
    consumed = in.offset();
    on_article(std::move(a));
  }
  if (std::string e = in.error(); !e.empty()) on_problem({path, "decompression failed: " + e});
}

}  // namespace whosaid
