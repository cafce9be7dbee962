#include "serve_api.h"

#include <charconv>
#include <functional>
#include <initializer_list>
#include <string_view>

#include <fmt/format.h>

#include "citation.h"
#include "error.h"
#include "hit_json.h"
#include "search.h"
#include "speakers.h"
#include "utf8.h"
#include "verify_output.h"

namespace whosaid {

namespace {

// A request the client got wrong: the status to answer and why.
struct BadRequest {
  int status;
  std::string message;
};

// The parameters of one endpoint: only those it names, each at most once, valid UTF-8.
class ParamReader {
 public:
  ParamReader(const ApiParams& params, std::initializer_list<std::string_view> allowed) : params_(params) {
    for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
      const std::string& name = it->first;
      bool known = false;
      for (auto a : allowed) known = known || a == name;
      if (!known)
        throw BadRequest{400, fmt::format("unknown parameter '{}' (this endpoint takes: {})",
                                          utf8::abbreviate(printable(name), 40), join(allowed))};
      if (params.count(name) > 1) throw BadRequest{400, fmt::format("parameter '{}' given more than once", name)};
      std::string copy = it->second;
      if (utf8::repair(copy) > 0) throw BadRequest{400, fmt::format("parameter '{}' is not valid UTF-8", name)};
    }
  }

  // The text of `name`, "" when absent; 414 above max_bytes (it came in the URL).
  std::string text(const std::string& name, std::size_t max_bytes) const {
    auto it = params_.find(name);
    if (it == params_.end()) return "";
    if (it->second.size() > max_bytes)
      throw BadRequest{414, fmt::format("parameter '{}' is {} bytes long; at most {}", name, it->second.size(), max_bytes)};
    return it->second;
  }

  std::string required(const std::string& name, std::size_t max_bytes) const {
    std::string v = text(name, max_bytes);
    if (v.find_first_not_of(" \t\r\n") == std::string::npos)
      throw BadRequest{400, fmt::format("parameter '{}' is required", name)};
    return v;
  }

  // A whole number in [0, max]; `fallback` when absent.
  std::size_t number(const std::string& name, std::size_t fallback, std::size_t max) const {
    auto it = params_.find(name);
    if (it == params_.end()) return fallback;
    const std::string& s = it->second;
    std::size_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v > max)
      throw BadRequest{400, fmt::format("parameter '{}' must be a whole number from 0 to {}", name, max)};
    return v;
  }

  bool flag(const std::string& name) const {
    auto it = params_.find(name);
    if (it == params_.end()) return false;
    if (it->second == "1" || it->second == "true" || it->second.empty()) return true;
    if (it->second == "0" || it->second == "false") return false;
    throw BadRequest{400, fmt::format("parameter '{}' must be 1 or 0", name)};
  }

 private:
  static std::string join(std::initializer_list<std::string_view> names) {
    std::string s;
    for (auto n : names) s += (s.empty() ? "" : ", ") + std::string(n);
    return s.empty() ? "no parameters" : s;
  }
  // A name to echo in a message: valid UTF-8 (the JSON must be), no control characters.
  static std::string printable(std::string s) {
    utf8::repair(s);
    for (char& c : s)
      if (static_cast<unsigned char>(c) < 0x20) c = '?';
    return s;
  }

  const ApiParams& params_;
};

ApiReply ok(const Json& j) { return {200, dump(j)}; }

// Runs an endpoint: the client's mistakes become 4xx replies; whosaid::Error with a usage code (a
// query that does not parse, a claim without words) a 400. Anything else is the server's fault
// and goes up to the caller (which reopens the index and retries, then answers 500).
ApiReply answer(const std::function<ApiReply()>& body) {
  try {
    return body();
  } catch (const BadRequest& e) {
    return api_error(e.status, e.message);
  } catch (const Error& e) {
    if (e.exit_code() == exit_usage) return api_error(400, e.what());
    throw;
  }
}

}  // namespace

ApiReply api_error(int status, const std::string& message) {
  std::string m = message;
  utf8::repair(m);
  return {status, dump(Json{{"error", m}})};
}

ApiReply api_search(const QuoteIndex& index, const ApiParams& params, const ApiLimits& limits) {
  return answer([&] {
    ParamReader p(params, {"q", "limit", "offset", "sort", "all_copies", "facets"});
    SearchRequest req;
    req.query = p.text("q", limits.max_query_bytes);
    req.limit = p.number("limit", req.limit, limits.max_page);
    req.offset = p.number("offset", 0, limits.max_offset);
    // facets: 0 (none counted: a faster search), 1 (the default: ten of each), or how many of each.
    const std::size_t facets = p.number("facets", 1, 50);
    req.facets = facets > 0;
    if (facets > 1) req.facet_limit = facets;
    req.collapse_duplicates = !p.flag("all_copies");
    if (std::string sort = p.text("sort", 20); !sort.empty()) {
      try {
        req.sort = parse_sort_order(sort);
      } catch (const Error&) {
        throw BadRequest{400, "parameter 'sort' must be relevance, date (newest first), newest or oldest"};
      }
    }
    req.time_limit_seconds = limits.match_seconds;
    return ok(search_to_json(search(index, req)));
  });
}

ApiReply api_verify(const QuoteIndex& index, const ApiParams& params, const ApiLimits& limits) {
  return answer([&] {
    ParamReader p(params, {"claim", "speaker"});
    VerifyRequest req;
    req.claim = p.required("claim", limits.max_claim_bytes);
    req.speaker = p.text("speaker", 200);
    return ok(verify_to_json(verify(index, req)));
  });
}

ApiReply api_cite(const QuoteIndex& index, const ApiParams& params, const ApiLimits&) {
  return answer([&] {
    ParamReader p(params, {"id", "style", "accessed"});
    std::string id = p.required("id", 1000);
    std::string style_name = p.text("style", 20);
    if (style_name.empty()) style_name = "apa";
    CitationStyle style;
    try {
      style = parse_citation_style(style_name);
    } catch (const Error&) {
      throw BadRequest{400, "parameter 'style' must be apa, mla, chicago, csl-json or bibtex"};
    }
    CitationDate accessed = today();
    if (std::string when = p.text("accessed", 20); !when.empty()) {
      accessed = parse_citation_date(when);
      if (accessed.empty() || !accessed.day) throw BadRequest{400, "parameter 'accessed' must be YYYY-MM-DD"};
    }
    auto record = index.find(id);
    if (!record) return api_error(404, fmt::format("no quotation {}", utf8::abbreviate(id, 100)));
    // "citation" marks italics as Markdown; "formatted" gives the runs to set in italics, and
    // "text" the plain text to copy.
    Json formatted = Json::array();
    std::string text;
    for (const auto& run : cite_formatted(*record, style, accessed)) {
      formatted.push_back({{"text", run.text}, {"italic", run.italic}});
      text += run.text;
    }
    return ok(Json{{"format_version", kFormatVersion},
                   {"quote_id", id},
                   {"style", style_name},
                   {"citation", cite(*record, style, accessed)},
                   {"text", text},
                   {"formatted", std::move(formatted)}});
  });
}

ApiReply api_quote(const QuoteIndex& index, const std::string& quote_id, const ApiParams& params,
                   const ApiLimits&) {
  return answer([&] {
    ParamReader p(params, {});
    std::string id = quote_id;
    if (utf8::repair(id) > 0) throw BadRequest{400, "the quotation id is not valid UTF-8"};
    auto record = index.find(quote_id);
    if (!record) return api_error(404, fmt::format("no quotation {}", utf8::abbreviate(id, 100)));
    Hit hit;
    hit.record = std::move(*record);
    Json j{{"format_version", kFormatVersion}};
    j.update(hit_with_context_to_json(hit));
    return ok(j);
  });
}

ApiReply api_speakers(const QuoteIndex& index, const ApiParams& params, const ApiLimits& limits) {
  return answer([&] {
    ParamReader p(params, {"q", "limit"});
    SpeakersRequest req;
    req.query = p.text("q", limits.max_query_bytes);
    req.limit = p.number("limit", req.limit, limits.max_speakers);
    return ok(speakers_to_json(req.query, list_speakers(index, req)));
  });
}

ApiReply api_health(const QuoteIndex& index, const ApiParams& params, const ApiLimits&) {
  return answer([&] {
    ParamReader p(params, {});
    return ok(Json{{"status", "ok"}, {"quotations", index.size()}});
  });
}

}  // namespace whosaid
