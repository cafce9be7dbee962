#include <algorithm>

#include "attribution.h"
#include "lexicon.h"
#include "names.h"
#include "places.h"
#include "utf8.h"

namespace whosaid {

namespace {

// The last check on a person's name as given: it opens with a capital, holds no connector ("for
// Biden", "In Global Islamic Politics", "Goddess of Stardom") and not only ordinary words.
bool person_like(const std::string& name) {
  if (name.empty()) return false;
  unsigned char c0 = static_cast<unsigned char>(name[0]);
  if (c0 < 0x80 && !std::isupper(c0)) return false;
  bool any_name = false;
  for (std::size_t s = 0; s < name.size();) {
    std::size_t e = name.find(' ', s);
    if (e == std::string::npos) e = name.size();
    std::string w = name.substr(s, e - s);
    s = e + 1;
    if (w == "of" || w == "for" || w == "in" || w == "and" || w == "the" || w == "In" || w == "For") return false;
    // nationalities and faiths name groups ("Iranian Chess", "Atheist Muslim", "Muslims")
    static const char* const groups[] = {"muslim", "muslims", "christian", "christians", "jewish", "jew", "jews",
                                         "catholic", "catholics", "hindu", "hindus", "buddhist", "buddhists",
                                         "atheist", "atheists", "sikh", "sikhs", "protestant", "protestants"};
    const std::string lw = utf8::to_lower(w);
    if (is_place_word(lw) || std::find(std::begin(groups), std::end(groups), lw) != std::end(groups)) continue;
    const NameEvidence ev = name_evidence(w);
    if (!(ev.word && !ev.proper && !ev.name_list())) any_name = true;
  }
  return any_name;
}

}  // namespace

Attribution describe_speaker(const Candidate& c, std::size_t q, const ArticleTokens& t, const EntityRegistry& r) {
  Attribution a;
  a.mention = c.mention.mention;
  a.speaker = c.speaker;
  a.kind = c.kind;
  a.role = c.mention.role;
  a.affiliation = c.mention.org;
  a.former = c.mention.former;
  a.cue = c.cue;
  a.entity = c.entity;
  if (c.how == Resolution::role && c.entity) a.role = c.entity->role;
  if (c.entity && c.entity->kind == SpeakerKind::person) {
    if (a.role.empty()) a.role = c.entity->role;
    if (a.affiliation.empty()) a.affiliation = c.entity->org;
    a.former = a.former || c.entity->former;
  }
  if (a.kind == SpeakerKind::person) a.role = tidy_role(a.role, &a.affiliation);
  // A lone "Dr." gives way to what the article says the person is elsewhere.
  if (c.entity && (a.role == "Dr." || a.role == "Dr") && !c.entity->role.empty()) {
    std::string other = tidy_role(c.entity->role, nullptr);
    if (!other.empty() && other != a.role) a.role = other;
  }
  const std::string lower_role = utf8::to_lower(a.role);
  // "Jeremy Corbyn said his Labour Party …": the speaker's own organisation in the same sentence.
  if (a.affiliation.empty() && a.kind == SpeakerKind::person && c.patterns) {
    std::size_t ss = t.sentence_start(q), se = t.sentence_end(q);
    for (std::size_t x = ss; x + 1 < se; ++x) {
      const auto& w = t[x].lower;
      if (!(w == "his" || w == "her" || w == "their") || !t[x + 1].cap) continue;
      std::size_t e = t.name_run_end(x + 1, se);
      bool orgish = false;
      for (std::size_t y = x + 1; y < e; ++y) orgish = orgish || t.wc(y).org;
      if (orgish) {
        a.affiliation = t.span_text(x + 1, e);
        break;
      }
    }
  }
  a.affiliation = r.expand_org(a.affiliation);
  if (a.affiliation.empty() && !a.role.empty()) {
    // A police rank belongs to the police force the article named.
    static const char* const ranks[] = {"detective", "inspector", "constable", "sergeant", "superintendent",
                                        "police officer", "police chief"};
    bool rank = std::any_of(std::begin(ranks), std::end(ranks),
                            [&](const char* w) { return lower_role.find(w) != std::string::npos; });
    if (rank)
      if (const Entity* e = r.org_with_word("police", q, false)) a.affiliation = e->name;
    // "fire service spokesman": the words before the spokesperson name the body
    for (std::string_view head : {" spokesman", " spokeswoman", " spokesperson"}) {
      auto at = lower_role.rfind(head);
      if (at != std::string::npos && at > 0 && at + head.size() == lower_role.size() && a.affiliation.empty() &&
          lower_role.rfind("former ", 0) != 0) {
        a.affiliation = a.role.substr(0, at);
        a.role = a.role.substr(at + 1);
      }
    }
  }
  // "the palace", "Company": the organisation the article named in full before.
  if (!a.affiliation.empty() && a.affiliation.find(' ') == std::string::npos &&
      lexicon::org_head(utf8::to_lower(a.affiliation)))
    if (const Entity* e = r.org_with_word(utf8::to_lower(a.affiliation), q, true)) a.affiliation = e->name;
  if (a.kind == SpeakerKind::person && !a.speaker.empty() && !person_like(a.speaker)) {
    unsigned char c0 = static_cast<unsigned char>(a.speaker[0]);
    a.kind = c0 < 0x80 && !std::isupper(c0) ? SpeakerKind::anonymous : SpeakerKind::organisation;
  }
  if (a.kind == SpeakerKind::organisation) a.role.clear();
  return a;
}

}  // namespace whosaid
