// What the words of a mention are: a person's name, an unnamed description, a document, a verb.
#include <algorithm>

#include "lexicon.h"
#include "mention.h"
#include "registry.h"

namespace whosaid {

// Statements, reports and posts: words whose possessor is the one who said them ("his message").
bool document_noun(std::string_view w) {
  static const char* const docs[] = {"statement", "statements", "report", "reports", "study", "poll", "survey", "release",
                                     "letter", "post", "tweet", "message", "note", "sign", "signs", "banner",
                                     "placard", "remarks", "words", "speech", "interview", "book", "memo", "email"};
  return std::find(std::begin(docs), std::end(docs), w) != std::end(docs);
}

// A word that is most likely a verb: a past form ("led", "defeated") or a present one ("says").
bool verb_like(std::string_view w) {
  static const char* const irregular[] = {"led", "won", "lost", "beat", "met", "left", "took", "made", "gave", "came",
                                          "went", "became", "ran", "saw", "held", "brought", "sent", "kept", "got",
                                          "thanked", "is", "was", "were", "are", "has", "had", "will", "would"};
  if (std::find(std::begin(irregular), std::end(irregular), w) != std::end(irregular)) return true;
  return w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0;
}


// A noun phrase naming someone unnamed, [a, e): a determiner or quantifier ("the", "many", "one
// of the", "his"), at most four more words, a lower-case noun last ("the writer", "many users").
bool MentionParser::description(std::size_t a, std::size_t e) const {
  if (e <= a || e - a > 6 || t_[a].type != Token::Type::word) return false;
  static const char* const openers[] = {"the", "a", "an", "one", "some", "many", "several", "few", "most", "two",
                                        "three", "both", "his", "her", "their", "its", "our", "my", "other", "another",
                                        "fellow", "local", "all"};
  const std::string& first = t_[a].lower;
  bool opener = std::find(std::begin(openers), std::end(openers), first) != std::end(openers) ||
                (t_[a].cap && t_.sentence_initial(a) && t_.evidence(a).word);  // "Reports said", "Residents"
  if (!opener) return false;
  for (std::size_t x = a; x < e; ++x) {
    const Token& w = t_[x];
    if (w.type != Token::Type::word || t_.is_cue(x) || t_.wc(x).aux || t_.wc(x).person_pronoun || t_.wc(x).org_pronoun)
      return false;
    if (x > a && w.cap) return false;  // a name in it: not an unnamed one
    if (w.lower == "who" || w.lower == "which" || w.lower == "that") return false;
  }
  // The last word names people: a word of the lexicon's ("officials", "daughter"), a title, or
  // an agent noun ("writer", "users", "travelers"); not "the airstrike", "the summary".
  const Token& head = t_[e - 1];
  if (lexicon::function_word(head.lower) || head.lower.size() < 3) return false;
  for (char ch : head.lower)
    if (!std::isalpha(static_cast<unsigned char>(ch)) && ch != '-') return false;
  if (t_.wc(e - 1).anon || t_.wc(e - 1).title) return true;
  std::string one = head.lower;
  if (one.size() > 4 && one.back() == 's') one.pop_back();
  if (one.size() > 4 && one.compare(one.size() - 3, 3, "ary") == 0) return false;
  return role_noun(one);
}

NameVerdict MentionParser::verdict(std::size_t s, std::size_t e) const {
  NameVerdict v = name_verdict(t_, s, e);
  if (v != NameVerdict::person && known_) {
    std::string name = t_.span_text(s, e);
    if (ends_possessive(name)) name = strip_possessive(name);
    if (const Entity* k = known_->find(name); k && k->kind == SpeakerKind::person) return NameVerdict::person;
  }
  return v;
}

}  // namespace whosaid
