#include "verify.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "date_order.h"
#include "error.h"
#include "schema.h"
#include "search.h"
#include "utf8.h"
#include "xapian_error.h"

namespace whosaid {

namespace {

constexpr double kFoundSimilarity = 0.6;
// The claimed speaker's quotation is the match when its similarity is within this of the best
// quotation's: a close misquote of the claimed speaker is theirs, altered, not someone else's.
constexpr double kClaimedMargin = 0.1;
constexpr std::size_t kClaimedCandidates = 15;  // the claimed speaker's quotations retrieved
constexpr std::size_t kRounds = 3;              // retrieval rounds, each leaving out the texts seen
constexpr std::size_t kPieceCandidates = 15;    // per ellipsis piece or half, beyond the main query
constexpr std::size_t kSpliceCandidates = 20;   // best candidates tried as splice parts
constexpr std::size_t kMinSplicePiece = 5;      // words: shorter runs ("thoughts and prayers") are anyone's
constexpr double kSpliceJoin = 1;               // a join is one edit
constexpr double kSpliceOtherSpeaker = 0.25;    // ... more between two speakers' words of one article
constexpr double kSpliceOtherArticle = 0.5;     // ... more between two articles
constexpr std::size_t kSpeakerExamples = 10;    // other speakers given an example quote id
constexpr Xapian::doccount kCopiesRead = 200;   // copies read for the other speakers' first quote ids

bool stopword(std::string_view w) {
  static const std::unordered_set<std::string_view> s = {
      "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being",
      "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "here",
      "him", "his", "how", "i", "if", "in", "into", "is", "it", "it's", "its", "just", "me", "more", "my", "no",
      "not", "of", "on", "one", "or", "our", "out", "she", "so", "some", "than", "that", "the", "their", "them",
      "then", "there", "these", "they", "this", "those", "to", "up", "us", "very", "was", "we", "were", "what",
      "when", "which", "who", "will", "with", "would", "you", "your", "we're", "i'm", "don't", "there's", "that's"};
  return s.count(w) > 0;
}

struct Candidate {
  QuoteRecord record;
  std::string key;    // collapse key: copies of one text share it
  std::string date;   // the article's date (YYYY-MM-DD, "" when unknown)
  std::vector<Word> words;
  Alignment alignment;
  bool claimed_speaker = false;  // the request's speaker said it (this copy or another of its text)
};

// What the claim needs to be found in a candidate: similar enough, and at least half of its
// content words there (an inflection counts). Claim words standing where the source has an
// editor's bracket are left out of that count: the bracket marks the place of words the reporter
// replaced, and the claim's words there are a substitution, not a sign of another quotation.
bool found(const Alignment& a, const std::vector<Word>& claim, const std::vector<Word>& source) {
  if (a.similarity < kFoundSimilarity) return false;
  std::size_t content = 0, matched = 0;
  for (const auto& op : a.ops) {
    if (op.claim < 0 || claim[op.claim].kind == Word::Kind::ellipsis || stopword(claim[op.claim].norm)) continue;
    bool bracket = op.source >= 0 && source[op.source].kind == Word::Kind::editorial;
    if (op.kind == AlignOp::Kind::substitute && bracket) continue;
    ++content;
    if (op.kind == AlignOp::Kind::match ||
        (op.kind == AlignOp::Kind::substitute && inflection(claim[op.claim].norm, source[op.source].norm)))
      ++matched;
  }
  if (content == 0) return a.cost == 0;
  return 2 * matched >= content;
}

// Better first: more similar, fewer edits, the claimed speaker's, covering more of its quotation,
// dated earlier, then by id (stable output).
bool better(const Candidate& a, const Candidate& b) {
  double sa = std::round(a.alignment.similarity * 1e6), sb = std::round(b.alignment.similarity * 1e6);
  if (sa != sb) return sa > sb;
  if (a.alignment.cost != b.alignment.cost) return a.alignment.cost < b.alignment.cost;
  if (a.claimed_speaker != b.claimed_speaker) return a.claimed_speaker;
  if (a.alignment.coverage() != b.alignment.coverage()) return a.alignment.coverage() > b.alignment.coverage();
  if (a.date.empty() != b.date.empty()) return !a.date.empty();
  if (a.date != b.date) return a.date < b.date;
  return a.record.quote.quote_id < b.record.quote.quote_id;
}

bool equivalent(const Candidate& a, const Candidate& b) {
  return std::round(a.alignment.similarity * 1e6) == std::round(b.alignment.similarity * 1e6) &&
         a.alignment.cost == b.alignment.cost;
}

// The claim's words [from, to) as the indexer's TermGenerator writes them: lower case, straight
// apostrophes, diacritics kept. Stopwords only when fewer than three other words are left.
std::vector<std::string> query_terms(std::string_view text, const std::vector<Word>& words, std::size_t from,
                                     std::size_t to) {
  std::vector<std::string> all, content;
  for (std::size_t k = from; k < to && k < words.size(); ++k) {
    const Word& w = words[k];
    if (w.kind == Word::Kind::ellipsis) continue;
    std::string lower = utf8::to_lower(text.substr(w.start, w.end - w.start));
    std::string term;
    for (std::size_t i = 0; i < lower.size();) {
      std::size_t at = i;
      char32_t c = utf8::next(lower, i);
      if (c == U'\u2019' || c == U'\u2018') term += '\'';
      else term.append(lower, at, i - at);
    }
    if (term.empty() || term.size() > 64) continue;
    if (std::find(all.begin(), all.end(), term) == all.end()) all.push_back(term);
    if (!stopword(w.norm) && std::find(content.begin(), content.end(), term) == content.end()) content.push_back(term);
  }
  // A short claim's few content words match too many quotations to rank it first ("How are these
  // people"): its function words help find it.
  return content.size() < 3 ? all : content;
}

// The query-parser text that finds the claimed speaker's quotations: their surname (as typed and
// with its accents folded; a lone given name is a "surname" here too, the A field holds every word
// of a name) in speaker:, or the whole name in org: (an organisation, or the one a person spoke
// for). Quotation marks and the parser's operators are left out of the words.
std::string claimed_speaker_query(std::string_view speaker) {
  PersonName name = parse_person_name(speaker);
  std::vector<std::string> forms;
  auto clean = [](std::string_view w) {
    std::string out;
    for (std::size_t i = 0; i < w.size();) {
      std::size_t at = i;
      char32_t c = utf8::next(w, i);
      if (c == U'\u2019' || c == U'\u2018' || c == U'\u02BC') out += '\'';
      else if (c == U'"' || c == U'(' || c == U')' || c == U':' || c == U'*') out += ' ';
      else out.append(w, at, i - at);
    }
    return out;
  };
  if (!name.words.empty()) forms.push_back(clean(name.words.back()));
  // The same word as typed, diacritics kept: the last word of the name with a letter in it.
  std::string lower = utf8::to_lower(speaker);
  std::size_t end = lower.size();
  while (end > 0 && std::string_view(" \t.,;").find(lower[end - 1]) != std::string_view::npos) --end;
  std::size_t start = lower.find_last_of(" \t", end == 0 ? 0 : end - 1);
  start = start == std::string::npos ? 0 : start + 1;
  if (end > start) {
    std::string typed = clean(lower.substr(start, end - start));
    if (!forms.empty() && typed != forms.front() && typed.find(' ') == std::string::npos) forms.push_back(typed);
  }
  std::string q;
  for (const auto& f : forms)
    if (!f.empty() && f.find(' ') == std::string::npos) q += (q.empty() ? "" : " OR ") + std::string("speaker:") + f;
  std::string org = clean(speaker);
  if (org.find_first_not_of(" \t") != std::string::npos) q += (q.empty() ? "" : " OR ") + ("org:\"" + org + "\"");
  return q;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

Hit to_hit(const QuoteRecord& r, double score) {
  Hit h;
  h.record = r;
  h.score = score;
  h.snippet = html_escape(r.quote.text);
  return h;
}

// One way of cutting the claim in two pieces from two quotations (or two places of one).
struct Splice {
  double cost = 0;
  std::size_t at = 0;  // claim token where the second piece starts
  std::size_t first = 0, second = 0;  // indexes into the ranked candidates
};

class Verifier {
 public:
  Verifier(const QuoteIndex& index, const VerifyRequest& req)
      : index_(index), db_(index.database()), req_(req), claim_(split_words(req.claim)) {}

  VerifyResult run() {
    VerifyResult r;
    r.claim = req_.claim;
    r.claimed_speaker = req_.speaker;
    if (count_words(claim_) == 0) throw Error("verify: the claim has no words to look for");
    retrieve(0, claim_.size(), req_.candidates, nullptr);
    // The claimed speaker's quotations, whatever else the claim's words match; unless the best
    // candidate already is theirs, word for word.
    if (!req_.speaker.empty()) {
      std::vector<Candidate*> ranked = rank();
      bool settled = !ranked.empty() && ranked.front()->claimed_speaker && ranked.front()->alignment.cost == 0;
      std::optional<Xapian::Query> who = settled ? std::nullopt : claimed_filter();
      if (who) retrieve(0, claim_.size(), kClaimedCandidates, &*who);
    }
    // The parts around an ellipsis may come from anywhere in a long quotation (or two).
    std::size_t piece = 0;
    for (std::size_t k = 0; k <= claim_.size(); ++k) {
      if (k == claim_.size() || claim_[k].kind == Word::Kind::ellipsis) {
        if (piece > 0 || k < claim_.size()) retrieve(piece, k, kPieceCandidates, nullptr);
        piece = k + 1;
      }
    }
    std::vector<Candidate*> ranked = rank();
    const Candidate* best = choose(ranked);
    // No one quotation explains the claim within one edit: a splice might (it costs one edit for
    // its join, and more for its pieces' own edits). Look for each half.
    bool spliceable = count_words(claim_) >= 2 * kMinSplicePiece &&
                      (!best || !found(best->alignment, claim_, best->words) || best->alignment.cost > kSpliceJoin);
    if (spliceable) {
      std::size_t half = claim_.size() / 2;
      retrieve(0, half, kPieceCandidates, nullptr);
      retrieve(half, claim_.size(), kPieceCandidates, nullptr);
      ranked = rank();
      best = choose(ranked);
    }
    bool best_found = best && found(best->alignment, claim_, best->words);
    if (try_splice(ranked, best_found ? best->alignment.cost : 1e9, r)) return r;
    if (!best_found) {
      r.verdict = Verdict::not_found;
      if (best) r.similarity = best->alignment.similarity;
      return r;
    }
    // Every candidate as good as the chosen one carries the claim's words too.
    std::vector<const Candidate*> same;
    for (const Candidate* c : ranked)
      if (equivalent(*c, *best)) same.push_back(c);
    describe(*best, same, r);
    return r;
  }

 private:
  // The most similar candidate, unless the claimed speaker has one found and within
  // kClaimedMargin of it: then theirs.
  const Candidate* choose(const std::vector<Candidate*>& ranked) const {
    if (ranked.empty()) return nullptr;
    const Candidate* best = ranked.front();
    if (req_.speaker.empty() || best->claimed_speaker) return best;
    for (const Candidate* c : ranked) {
      if (c->alignment.similarity < best->alignment.similarity - kClaimedMargin - 1e-9) break;
      if (c->claimed_speaker && found(c->alignment, claim_, c->words)) return c;
    }
    return best;
  }

  std::optional<Xapian::Query> claimed_filter() {
    std::string text = claimed_speaker_query(req_.speaker);
    if (text.empty()) return std::nullopt;
    try {
      return parse_query(index_, text);
    } catch (const Error&) {
      return std::nullopt;  // a name the parser cannot read: the open search alone
    }
  }

  // Candidates: the quotations that share the most of the claim's words [from, to), scored by
  // BM25 without length normalisation (b = 0; a document's length is a read of its own, 5-15 ms
  // for a claim's candidates on a million quotations, and the alignment, not the weight, decides
  // which candidate the claim is). Copies of one text are folded here rather than by Xapian's
  // collapse, which reads the key of every copy that outweighs the last text kept (a repeated
  // quotation's hundreds of copies): each round reads the top n matches and the next round
  // leaves out the texts seen, up to kRounds rounds or n / 2 texts. With `filter` (the claimed
  // speaker's quotations), copies of texts already known mark them as that speaker's.
  void retrieve(std::size_t from, std::size_t to, std::size_t n, const Xapian::Query* filter) {
    auto terms = query_terms(req_.claim, claim_, from, to);
    if (terms.empty()) return;
    std::vector<Xapian::Query> parts;
    for (const auto& t : terms) parts.emplace_back(t);
    Xapian::Query words(Xapian::Query::OP_OR, parts.begin(), parts.end());
    if (filter) words = Xapian::Query(Xapian::Query::OP_FILTER, words, *filter);
    std::vector<std::string> seen;  // texts (collapse keys) this call has read
    for (std::size_t round = 0; round < kRounds && seen.size() < n / 2; ++round) {
      Xapian::Query query = words;
      if (!seen.empty()) {
        std::vector<Xapian::Query> dups;
        for (const auto& k : seen) dups.emplace_back(schema::exact_term(schema::prefix::duplicate, k));
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, words, Xapian::Query(Xapian::Query::OP_OR, dups.begin(), dups.end()));
      }
      Xapian::Enquire enquire(db_);
      enquire.set_query(query);
      enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0, 0.5));
      // Equal weights are left in docid order: which copy of a text stands for it does not
      // matter, the match is chosen among all its copies by date and position (describe_with).
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(n));
      std::size_t fresh = 0;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        std::string key = doc.get_value(schema::Value::collapse);
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        ++fresh;
        take(doc, key, filter != nullptr);
      }
      if (mset.size() < n || fresh == 0) break;  // nothing more to find
    }
  }

  // A candidate from a matched document, or (from the claimed speaker's search) the mark on a
  // text already known that the claimed speaker said it too.
  void take(const Xapian::Document& doc, const std::string& key, bool claimed_search) {
    auto known = by_key_.find(key);
    if (known != by_key_.end() && (!claimed_search || known->second.claimed_speaker)) return;
    QuoteRecord record = record_from_json(doc.get_data());
    bool claimed = !req_.speaker.empty() && is_claimed(record);
    if (known != by_key_.end()) {
      // A copy of a text already seen: the claimed speaker's copy stands for it.
      if (claimed) {
        known->second.record = std::move(record);
        known->second.claimed_speaker = true;
      }
      return;
    }
    Candidate c;
    c.record = std::move(record);
    c.key = key;
    c.date = c.record.article.date;
    c.words = split_words(c.record.quote.text);
    c.alignment = align(claim_, c.words);
    c.claimed_speaker = claimed;
    by_key_.emplace(key, std::move(c));
  }

  // The claimed speaker said `r`: any form of their name, their organisation, or a lone given
  // name that only they have in that article.
  bool is_claimed(const QuoteRecord& r) {
    const Quote& q = r.quote;
    if (!lone_given_name(req_.speaker, q.speaker)) return match_speaker(req_.speaker, q) == SpeakerMatch::same;
    return match_speaker(req_.speaker, q, article_speakers(r.article.id)) == SpeakerMatch::same;
  }

  SpeakerMatch attribution_of(const QuoteRecord& r) {
    if (req_.speaker.empty()) return SpeakerMatch::unknown;
    SpeakerMatch m = match_speaker(req_.speaker, r.quote);
    if (m == SpeakerMatch::different && lone_given_name(req_.speaker, r.quote.speaker))
      m = match_speaker(req_.speaker, r.quote, article_speakers(r.article.id));
    return m;
  }

  // Every speaker of an article's quotations (looked up once per article).
  const std::vector<std::string>& article_speakers(const std::string& article_id) {
    auto it = article_speakers_.find(article_id);
    if (it != article_speakers_.end()) return it->second;
    std::vector<std::string> names;
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(schema::article_term(article_id)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy speakers(schema::Value::speaker);
    enquire.add_matchspy(&speakers);
    enquire.get_mset(0, 0, db_.get_doccount());
    for (auto v = speakers.values_begin(); v != speakers.values_end(); ++v)
      if (!(*v).empty()) names.push_back(*v);
    return article_speakers_.emplace(article_id, std::move(names)).first->second;
  }

  std::vector<Candidate*> rank() {
    std::vector<Candidate*> out;
    for (auto& [_, c] : by_key_) out.push_back(&c);
    std::sort(out.begin(), out.end(), [](const Candidate* a, const Candidate* b) { return better(*a, *b); });
    return out;
  }

  // What a join between two quotations costs beyond kSpliceJoin: nothing within one article,
  // a little between two of one speaker's, more between two articles.
  static double join_cost(const Quote& a, const Quote& b) {
    if (a.doc_id == b.doc_id) return 0;
    if (!a.speaker.empty() && same_person(a.speaker, b.speaker)) return kSpliceOtherSpeaker;
    return kSpliceOtherArticle;
  }

  // The claim's first part from one quotation and the rest from another (or from elsewhere in the
  // same one), each of kMinSplicePiece+ words and found there, together explaining the claim with
  // fewer edits than any one quotation: a splice (or, for the two parts of one split quotation,
  // an editorial join).
  bool try_splice(const std::vector<Candidate*>& ranked, double single_cost, VerifyResult& r) {
    if (count_words(claim_) < 2 * kMinSplicePiece || ranked.empty() || single_cost <= kSpliceJoin) return false;
    std::size_t n = claim_.size(), top = std::min(ranked.size(), kSpliceCandidates);
    std::vector<std::vector<double>> pre(top), suf(top);
    for (std::size_t c = 0; c < top; ++c) {
      pre[c] = prefix_costs(claim_, ranked[c]->words);
      suf[c] = suffix_costs(claim_, ranked[c]->words);
    }
    std::vector<std::size_t> words_before(n + 1, 0);
    for (std::size_t k = 0; k < n; ++k) words_before[k + 1] = words_before[k] + (claim_[k].kind != Word::Kind::ellipsis);
    std::vector<Splice> options;
    for (std::size_t k = 1; k < n; ++k) {
      std::size_t left = words_before[k], right = words_before[n] - left;
      if (left < kMinSplicePiece || right < kMinSplicePiece) continue;
      for (std::size_t c1 = 0; c1 < top; ++c1) {
        if (pre[c1][k] > 0.25 * double(left)) continue;
        for (std::size_t c2 = 0; c2 < top; ++c2) {
          if (suf[c2][k] > 0.25 * double(right)) continue;
          double total = pre[c1][k] + suf[c2][k] + kSpliceJoin +
                         join_cost(ranked[c1]->record.quote, ranked[c2]->record.quote);
          if (total < single_cost) options.push_back({total, k, c1, c2});
        }
      }
    }
    std::sort(options.begin(), options.end(), [](const Splice& a, const Splice& b) {
      if (a.cost != b.cost) return a.cost < b.cost;
      if (a.at != b.at) return a.at < b.at;
      return std::make_pair(a.first, a.second) < std::make_pair(b.first, b.second);
    });
    for (std::size_t tried = 0; tried < options.size() && tried < 8; ++tried) {
      const Splice& s = options[tried];
      std::vector<Word> head(claim_.begin(), claim_.begin() + static_cast<long>(s.at));
      std::vector<Word> tail(claim_.begin() + static_cast<long>(s.at), claim_.end());
      const Candidate& first = *ranked[s.first];
      const Candidate& second = *ranked[s.second];
      Alignment a1 = align(head, first.words), a2 = align(tail, second.words);
      if (!found(a1, head, first.words) || !found(a2, tail, second.words)) continue;
      // Two pieces of one quotation in its own order are one piece with a cut, not a splice.
      if (s.first == s.second && first_source(a2) > last_source(a1)) continue;
      describe_splice(first, a1, head, second, a2, tail, s, r);
      return true;
    }
    return false;
  }

  static int first_source(const Alignment& a) {
    for (const auto& op : a.ops)
      if (op.source >= 0) return op.source;
    return -1;
  }
  static int last_source(const Alignment& a) {
    for (auto it = a.ops.rbegin(); it != a.ops.rend(); ++it)
      if (it->source >= 0) return it->source;
    return -1;
  }

  void describe_splice(const Candidate& first, const Alignment& a1, const std::vector<Word>& head,
                       const Candidate& second, const Alignment& a2, const std::vector<Word>& tail, const Splice& s,
                       VerifyResult& r) {
    std::vector<const Candidate*> same{&first};
    describe_with(first, a1, head, same, r);
    // The join, then the second part's own differences (claim word numbers continue).
    const Quote& q1 = first.record.quote;
    const Quote& q2 = second.record.quote;
    Difference join;
    bool self = &first == &second;
    bool one_utterance = !self && q1.doc_id == q2.doc_id && q1.group == q2.group && q1.group != 0;
    join.kind = one_utterance ? "editorial" : "splice";
    join.claim = req_.claim.substr(tail.front().start, tail.back().end - tail.front().start);
    join.source = q2.text;
    join.claim_word = static_cast<int>(s.at);
    join.other_quote_id = q2.quote_id;
    join.other_speaker = q2.speaker;
    if (one_utterance)
      join.note = "the claim joins the two parts of one split quotation (" + q2.quote_id + ")";
    else if (self)
      join.note = "the claim's words from here on come from earlier in the same quotation: the claim reorders it";
    else
      join.note = fmt::format("the claim's words from here on are another quotation: {}{}", q2.quote_id,
                              q2.speaker.empty() ? "" : " (" + q2.speaker + ")");
    r.differences.push_back(std::move(join));
    for (auto d : differences(a2, tail, req_.claim, second.words, q2.text)) {
      if (d.claim_word >= 0) d.claim_word += static_cast<int>(s.at);
      r.differences.push_back(std::move(d));
    }
    r.diff += fmt::format(" [splice: {}] ", q2.quote_id) + inline_diff(a2, tail, req_.claim, second.words, q2.text);
    double edits = a1.cost + a2.cost + (one_utterance ? 0 : kSpliceJoin);
    r.similarity = std::max(0.0, 1.0 - edits / double(std::max<std::size_t>(1, count_words(claim_))));
    finish_verdict(r);
  }

  void describe(const Candidate& best, const std::vector<const Candidate*>& same, VerifyResult& r) {
    describe_with(best, best.alignment, claim_, same, r);
    finish_verdict(r);
  }

  // Match, differences, attribution and provenance of the claim (or its first part) `claim`.
  void describe_with(const Candidate& best, const Alignment& a, const std::vector<Word>& claim,
                     const std::vector<const Candidate*>& same, VerifyResult& r) {
    const std::string& text = best.record.quote.text;
    r.similarity = a.similarity;
    r.fragment = a.fragment();
    r.differences = differences(a, claim, req_.claim, best.words, text);
    r.diff = inline_diff(a, claim, req_.claim, best.words, text);
    r.match = to_hit(best.record, a.similarity);

    std::vector<Xapian::Query> dup_terms;
    for (const Candidate* c : same) dup_terms.emplace_back(schema::exact_term(schema::prefix::duplicate, c->key));
    Copies copies = read_copies(Xapian::Query(Xapian::Query::OP_OR, dup_terms.begin(), dup_terms.end()));
    r.copies = copies.count;
    const auto& named = copies.speakers;

    // The match: the first copy by the claimed speaker; else the earliest copy when its speaker
    // is known, else the first copy of the most quoted speaker. Chosen by date and position,
    // not by which copy the retrieval happened to keep, so that shards answer as one index.
    std::vector<std::string> claimed_names;
    if (!req_.speaker.empty())
      for (const auto& [name, count] : named) {
        Quote probe;
        probe.speaker = name;
        probe.speaker_kind = SpeakerKind::person;
        if (match_speaker(req_.speaker, probe) == SpeakerMatch::same) claimed_names.push_back(name);
      }
    // The first copies of every speaker wanted here, in one match: the claimed speaker's, the
    // most quoted, those of the earliest date, and the others that may be given as examples.
    std::vector<std::string> wanted = claimed_names;
    for (std::size_t k = 0; k < named.size() && k <= kSpeakerExamples; ++k) wanted.push_back(named[k].first);
    wanted.insert(wanted.end(), copies.at_earliest.begin(), copies.at_earliest.end());
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::vector<Hit> firsts = first_copies(copies, wanted);  // in date order
    if (copies.local && !firsts.empty()) copies.earliest = firsts.front();
    auto first_of = [&](const std::vector<std::string>& names) -> std::optional<Hit> {
      std::unordered_set<std::string> keys;
      for (const auto& n : names) keys.insert(schema::normalise_name(n));
      for (const auto& h : firsts)
        if (keys.count(schema::normalise_name(h.record.quote.speaker))) return h;
      return std::nullopt;
    };

    std::optional<Hit> match;
    if (!claimed_names.empty()) match = first_of(claimed_names);
    else if (best.claimed_speaker) match = to_hit(best.record, 0);  // a lone given name, told by its article
    if (!match && copies.earliest && !copies.earliest->record.quote.speaker.empty()) match = copies.earliest;
    if (!match && !named.empty()) match = first_of({named.front().first});
    if (match && match->record.quote.quote_id != best.record.quote.quote_id) replace_match(*match, claim, r);

    const Quote& m = r.match->record.quote;
    r.attribution = attribution_of(r.match->record);
    std::unordered_map<std::string, std::string> first_ids;  // normalise_name -> quote id
    for (const auto& h : firsts) first_ids.emplace(schema::normalise_name(h.record.quote.speaker), h.record.quote.quote_id);
    std::vector<std::string> missing;  // examples whose first copy was not among those wanted
    for (const auto& [name, count] : named) {
      if (name == m.speaker || same_person(name, m.speaker) || same_organisation(name, m.speaker)) continue;
      r.other_speakers.push_back({name, count, ""});
      if (r.other_speakers.size() <= kSpeakerExamples && !first_ids.count(schema::normalise_name(name)))
        missing.push_back(name);
    }
    for (const auto& h : first_copies(copies, missing))
      first_ids.emplace(schema::normalise_name(h.record.quote.speaker), h.record.quote.quote_id);
    for (std::size_t k = 0; k < r.other_speakers.size() && k < kSpeakerExamples; ++k) {
      auto it = first_ids.find(schema::normalise_name(r.other_speakers[k].speaker));
      if (it != first_ids.end()) r.other_speakers[k].quote_id = it->second;
    }
    r.match->duplicates = r.copies > 0 ? r.copies - 1 : 0;
    r.earliest = copies.earliest;
  }

  // The copies of the claim's words: how many, who said them, the earliest dated one (by date,
  // then position; when none is dated, the first by position).
  struct Copies {
    Xapian::Query query;
    std::size_t count = 0;
    std::vector<std::pair<std::string, std::size_t>> speakers;  // named ones, most quoted first
    std::optional<Hit> earliest;
    // Local index: each speaker's earliest date ("" undated), read in the one pass over the
    // copies, so that their first copies are looked up among that day's alone.
    std::unordered_map<std::string, std::string> first_date;
    std::vector<std::string> at_earliest;  // local: the speakers of the earliest date's copies
    bool local = false;
  };

  // Sees every copy once (local index): its speaker and date, two values.
  class CopySpy : public Xapian::MatchSpy {
   public:
    struct Speaker {
      std::size_t count = 0;
      std::string date;  // earliest: undated only when none of theirs is dated
    };
    std::unordered_map<std::string, Speaker> speakers;
    void operator()(const Xapian::Document& doc, double) override {
      std::string date = doc.get_value(schema::Value::date);
      Speaker& s = speakers[doc.get_value(schema::Value::speaker)];
      if (s.count++ == 0 || (!date.empty() && (s.date.empty() || date < s.date))) s.date = std::move(date);
    }
  };

  static bool earlier_date(const std::string& a, const std::string& b) {
    return !a.empty() && (b.empty() || a < b);  // undated after every date
  }

  Copies read_copies(const Xapian::Query& query) {
    Copies c;
    c.query = query;
    c.local = !index_.has_remote();
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    if (c.local) {
      // One match reads every copy's speaker and date once (a spy of our own cannot run on
      // remote shards); then the earliest day's copies alone, by position.
      CopySpy spy;
      enquire.add_matchspy(&spy);
      enquire.get_mset(0, 0, db_.get_doccount());
      std::string earliest;
      std::vector<std::string> at_earliest;  // speakers whose first copy is of the earliest date
      for (auto& [who, s] : spy.speakers) {
        c.count += s.count;
        if (!who.empty()) c.speakers.emplace_back(who, s.count);
        c.first_date.emplace(who, s.date);
        if (at_earliest.empty() || earlier_date(s.date, earliest)) {
          earliest = s.date;
          at_earliest.assign(1, who);
        } else if (s.date == earliest) {
          at_earliest.push_back(who);
        }
      }
      c.at_earliest = std::move(at_earliest);  // their first copies give the earliest (describe_with)
    } else {
      Xapian::ValueCountMatchSpy speakers(schema::Value::speaker);
      enquire.add_matchspy(&speakers);
      Xapian::MSet all = enquire.get_mset(0, 0, db_.get_doccount());
      c.count = all.get_matches_estimated();
      for (auto it = speakers.values_begin(); it != speakers.values_end(); ++it)
        if (!(*it).empty()) c.speakers.emplace_back(*it, it.get_termfreq());
      c.earliest = earliest_copy(query);
    }
    std::sort(c.speakers.begin(), c.speakers.end(), [](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    return c;
  }

  // The earliest dated copy (by date, then position); when none is dated, the first indexed:
  // the date alone sorted over every copy, position only among that day's (remote shards).
  std::optional<Hit> earliest_copy(const Xapian::Query& copies) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, copies,
                                    Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::Value::date, "0")));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(schema::Value::date, false);
    Xapian::MSet first = enquire.get_mset(0, 1);
    DateOrderRequest req;
    req.query = first.empty() ? copies : dated(copies, first.begin().get_document().get_value(schema::Value::date));
    req.weights = false;
    req.count = 1;
    DateOrderedMatches m = match_in_date_order(db_, index_.has_remote(), req);
    if (m.items.empty()) return std::nullopt;
    return to_hit(record_from_json(m.items.front().doc.get_data()), 0);
  }

  // The first copy (by date, then position) of each of `names` that has one, in that order, in
  // one match: on a local index only each name's earliest day is searched.
  std::vector<Hit> first_copies(const Copies& copies, const std::vector<std::string>& names) {
    std::vector<Hit> out;
    if (names.empty()) return out;
    std::vector<Xapian::Query> whose;
    for (const auto& n : names) {
      // Copies without a speaker have no speaker term: that day's copies, whoever said them.
      if (n.empty() && !copies.local) continue;
      Xapian::Query q = n.empty() ? Xapian::Query::MatchAll : Xapian::Query(schema::speaker_term(n));
      if (copies.local) {
        auto d = copies.first_date.find(n);
        if (d == copies.first_date.end()) continue;
        q = dated(q, d->second);
      }
      whose.push_back(q);
    }
    if (whose.empty()) return out;
    DateOrderRequest req;
    req.query = Xapian::Query(Xapian::Query::OP_FILTER, copies.query,
                              Xapian::Query(Xapian::Query::OP_OR, whose.begin(), whose.end()));
    req.weights = false;
    req.count = kCopiesRead;
    DateOrderedMatches m = match_in_date_order(db_, index_.has_remote(), req);
    std::unordered_set<std::string> seen;
    for (const auto& item : m.items) {
      if (!seen.insert(schema::normalise_name(item.doc.get_value(schema::Value::speaker))).second) continue;
      out.push_back(to_hit(record_from_json(item.doc.get_data()), 0));
      if (out.size() == names.size()) break;
    }
    return out;
  }

  void replace_match(const Hit& h, const std::vector<Word>& claim, VerifyResult& r) {
    std::vector<Word> words = split_words(h.record.quote.text);
    Alignment a = align(claim, words);
    r.differences = differences(a, claim, req_.claim, words, h.record.quote.text);
    r.diff = inline_diff(a, claim, req_.claim, words, h.record.quote.text);
    r.similarity = a.similarity;
    r.fragment = a.fragment();
    r.match = to_hit(h.record, a.similarity);
  }

  void finish_verdict(VerifyResult& r) {
    bool altered = std::any_of(r.differences.begin(), r.differences.end(), [](const Difference& d) { return d.alters(); });
    bool misattributed = r.attribution == SpeakerMatch::different;
    r.verdict = altered ? (misattributed ? Verdict::altered_and_misattributed : Verdict::altered)
                        : (misattributed ? Verdict::misattributed : Verdict::exact);
  }

  const QuoteIndex& index_;
  const Xapian::Database& db_;
  const VerifyRequest& req_;
  std::vector<Word> claim_;
  std::unordered_map<std::string, Candidate> by_key_;
  std::unordered_map<std::string, std::vector<std::string>> article_speakers_;
};

}  // namespace

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::exact: return "exact";
    case Verdict::altered: return "altered";
    case Verdict::misattributed: return "misattributed";
    case Verdict::altered_and_misattributed: return "altered_and_misattributed";
    case Verdict::not_found: return "not_found";
  }
  return "not_found";
}

VerifyResult verify(const QuoteIndex& index, const VerifyRequest& request) {
  return index.run("verifying against", [&] {
    VerifyResult r = Verifier(index, request).run();
    if (index.partial_allowed()) r.missing_shards = index.missing();
    return r;
  });
}

}  // namespace whosaid
