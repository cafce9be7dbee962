// The extraction pipeline for one article: find quotation marks, decide which spans are
// quotations, propose speaker candidates for each, let the speaker model choose, describe the
// speaker. Pure function of the article; never touches the index.
#pragma once
#include <string>
#include <vector>

#include "article.h"
#include "quote.h"

namespace whosaid {

class SpeakerModel;

// One candidate as tools/train reads it: what it names and the names of its features.
struct CandidateRecord {
  std::string speaker, kind, how, mention_text;
  double probability = 0.0;
  int mention = 0;                      // candidates of one mention (a pronoun's options) share it
  std::vector<std::string> features;    // of the mention
  std::vector<std::string> ante;        // of the pronoun's resolution to this person (empty otherwise)
};

// The candidates of one extracted quotation (index into the returned quotes).
struct QuoteCandidates {
  std::size_t quote = 0;
  int chosen = -1;  // index of the chosen candidate, -1 when none was taken
  std::vector<CandidateRecord> candidates;
};

struct ExtractOptions {
  const SpeakerModel* model = nullptr;          // the speaker model; null: the built-in one
  std::vector<QuoteCandidates>* candidates = nullptr;  // when set, receives every quotation's candidates
};

std::vector<Quote> extract_quotes(const Article& article, const ExtractOptions& options = {});

}  // namespace whosaid
