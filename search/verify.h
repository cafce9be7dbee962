// `whosaid verify`: was a claimed quotation said, by whom, where first, and how does the claim
// differ from what was said? (README, "How verify decides".)
//
// 1. Candidates: the quotations sharing the claim's words (an OR query of them, BM25 without
//    length normalisation, copies of one text folded), the claimed speaker's quotations with
//    those words whatever else matches, queries for each part around an ellipsis and, when no one
//    quotation explains the claim within one edit, for each half of it (a splice).
// 2. Each candidate is aligned word by word with the claim (align.h: affine gaps, so an omission
//    is one edit whatever its length; an editor's bracket may be left out, not replaced). The
//    best is the most similar (1 - edits / claim words); a quotation of the claimed speaker within
//    kClaimedMargin (0.1) of it is preferred. Found: similarity >= 0.6 and at least half of the
//    claim's content words matched. A fragment (the claim is part of a longer quotation, words in
//    order and unchanged) is `exact`, with a "truncation" difference saying what it leaves out.
//    A splice joins two pieces of 5+ words that together need fewer edits than any one quotation.
// 3. Attribution: the claimed speaker against the match (speaker_match.h); the match is the first
//    copy of its words by the claimed speaker when there is one; `misattributed` when none is.
// 4. Provenance: every quotation carrying the same words: their count and speakers, the earliest
//    dated one.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "align.h"
#include "quote_index.h"
#include "speaker_match.h"

namespace whosaid {

enum class Verdict { exact, altered, misattributed, altered_and_misattributed, not_found };
const char* to_string(Verdict v);

struct VerifyRequest {
  std::string claim;
  std::string speaker;          // "" when the claim names nobody
  std::size_t candidates = 20;  // quotations (distinct texts) retrieved for alignment
};

struct OtherSpeaker {
  std::string speaker;
  std::size_t quotations = 0;   // quotations with these words attributed to them
  std::string quote_id;         // one of them, the earliest (may be "" for rare long lists)
};

struct VerifyResult {
  std::string claim;
  std::string claimed_speaker;
  Verdict verdict = Verdict::not_found;
  double similarity = 0;
  bool fragment = false;                 // the claim is part of a longer quotation
  std::optional<Hit> match;              // the quotation the claim is
  std::vector<Difference> differences;   // claim vs match, labelled
  std::string diff;                      // the match's words with the claim's changes marked inline
  SpeakerMatch attribution = SpeakerMatch::unknown;  // of claimed_speaker (unknown: none claimed)
  std::optional<Hit> earliest;           // earliest dated quotation with these words
  std::size_t copies = 0;                // quotations with these words
  std::vector<OtherSpeaker> other_speakers;  // everyone else these words are attributed to
  std::optional<std::vector<MissingShard>> missing_shards;  // with --allow-partial: shards not answering
};

// Throws whosaid::Error (exit 2) for a claim without words.
VerifyResult verify(const QuoteIndex& index, const VerifyRequest& request);

}  // namespace whosaid
