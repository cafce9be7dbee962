// The JSON API of `whosaid serve`, apart from HTTP: a request's parameters in, a status and a
// JSON body out. Every body is built by the same functions as the CLI's JSON (hit_json.h,
// verify_output.h), so `GET /api/search?q=ICC` and `whosaid search --format json ICC` agree.
//
//   GET /api/search    q, limit, offset, sort, all_copies, facets   -> search_to_json
//                      (facets: 0 none, 1 ten of each (the default), N up to 50: N of each)
//   GET /api/verify    claim, speaker                                -> verify_to_json
//   GET /api/cite      id, style, accessed              -> {quote_id, style, citation, text, formatted}
//   GET /api/quotes/ID                                               -> a hit with its paragraph (show)
//   GET /api/speakers  q, limit                                      -> speakers_to_json
//   GET /healthz                                                     -> {status, quotations}
//
// Parameters are checked before the index is touched: an unknown or repeated parameter, bad
// UTF-8 or a number out of range is a 400 naming it, an over-long text a 414; errors are
// {"error": "..."} bodies.
#pragma once
#include <cstddef>
#include <map>
#include <string>

#include "quote_index.h"

namespace whosaid {

// Bounds on the work one request may ask for.
struct ApiLimits {
  std::size_t max_query_bytes = 1000;   // q of search and speakers
  std::size_t max_claim_bytes = 2000;   // verify's claim
  std::size_t max_page = 100;           // limit of search
  std::size_t max_offset = 10000;       // offset of search: deep pages cost the matcher
  std::size_t max_speakers = 200;       // limit of speakers
  double match_seconds = 2.0;           // Xapian's matcher stops looking for better hits after this
};

// Query parameters as httplib gives them (httplib::Params is this type), already %-decoded.
using ApiParams = std::multimap<std::string, std::string>;

struct ApiReply {
  int status = 200;
  std::string body;  // JSON
};

ApiReply api_error(int status, const std::string& message);

ApiReply api_search(const QuoteIndex& index, const ApiParams& params, const ApiLimits& limits);
ApiReply api_verify(const QuoteIndex& index, const ApiParams& params, const ApiLimits& limits);
ApiReply api_cite(const QuoteIndex& index, const ApiParams& params, const ApiLimits& limits);
ApiReply api_quote(const QuoteIndex& index, const std::string& quote_id, const ApiParams& params,
                   const ApiLimits& limits);
ApiReply api_speakers(const QuoteIndex& index, const ApiParams& params, const ApiLimits& limits);
ApiReply api_health(const QuoteIndex& index, const ApiParams& params, const ApiLimits& limits);

}  // namespace whosaid
