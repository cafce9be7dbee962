// The plain structs that travel between the extraction stages:
// QuoteFinder -> QuoteClassifier -> SpeakerResolver -> (printer | IndexWriter).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace whosaid {

// An editorial mark kept inside a quotation: "[with]" (insertion) or "..." / "…" (elision).
struct Alteration {
  enum class Kind { insertion, elision };
  Kind kind;
  std::size_t byte_start;  // offsets into the article text
  std::size_t byte_end;
  std::string text;
};

enum class SpeakerKind { person, organisation, anonymous, unknown };
enum class QuoteKind { full, partial };

const char* to_string(SpeakerKind k);
const char* to_string(QuoteKind k);
const char* to_string(Alteration::Kind k);

struct Quote {
  std::string doc_id;
  std::string quote_id;        // doc_id + "#" + ordinal (1-based, text order)
  std::string text;            // article text [byte_start, byte_end): without the outer marks
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;
  std::size_t mark_start = 0;  // including the outer marks
  std::size_t mark_end = 0;
  std::string speaker;         // canonical (fullest) name; "" when unknown
  std::string speaker_mention; // the words in the text that name the speaker ("she", "Evenson")
  SpeakerKind speaker_kind = SpeakerKind::unknown;
  std::string role;
  std::string affiliation;
  bool former = false;
  std::string cue;             // "said", "according to", ":" or "" (follow-on)
  QuoteKind kind = QuoteKind::full;
  int group = 0;               // split quotes share a group; every quote has one
  double confidence = 0.0;
  std::vector<Alteration> alterations;
  std::size_t paragraph_start = 0;  // the paragraph around the quote, for context
  std::size_t paragraph_end = 0;
};

}  // namespace whosaid
