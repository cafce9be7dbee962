// EntityRegistry: the people and organisations an article names, with the fullest name, role and
// organisation it gives each, wherever that is said; every mention of them in text order; and the
// acronyms the article defines. Built once per article before any quotation is attributed.
#pragma once
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "article_tokens.h"
#include "mention.h"

namespace whosaid {

struct Entity {
  std::vector<std::string> tokens;  // name words as written
  std::vector<std::string> folded;  // the same without diacritics, for matching
  std::string name;
  std::string role, org;
  bool former = false;
  SpeakerKind kind = SpeakerKind::person;
  std::size_t first_token = 0;
  int mentions = 0;                 // named mentions in the article
  int he = 0, she = 0;              // pronouns that follow a sentence naming only this person
  int it = 0;                       // "it", "its" there: a body by another name
};

class EntityRegistry {
 public:
  EntityRegistry(const ArticleTokens& t, const MentionParser& parser);

  // The person a name names: a surname ("Clinton") the person it ends; a full name the person
  // holding all its words. Titles are ignored. Null when the article names nobody so.
  const Entity* find(const std::string& name) const;
  std::size_t index_of(const Entity* e) const { return static_cast<std::size_t>(e - entities_.data()); }
  const Entity& at(std::size_t i) const { return entities_[i]; }
  std::size_t size() const { return entities_.size(); }

  // (token, entity) of every named mention, in text order.
  using Mentions = std::vector<std::pair<std::size_t, std::size_t>>;
  const Mentions& person_mentions() const { return person_mentions_; }
  const Mentions& org_mentions() const { return org_mentions_; }
  // How many of `m` stand before `token` (binary search: the same cost in an article of any length).
  static std::size_t mentions_before(const Mentions& m, std::size_t token);

  // The nearest earlier sentence that names a person; there, the person who speaks, else the first.
  const Entity* pronoun_antecedent(std::size_t token) const;
  // The first organisation of the nearest earlier sentence naming one.
  const Entity* last_org_before(std::size_t token) const;
  // The latest person before `token` whose role holds `role_word` ("archbishop", "governor").
  const Entity* by_role(const std::string& role_word, std::size_t token) const;
  // The latest organisation before `token` whose name holds / ends in `head` ("ministry").
  const Entity* org_with_word(const std::string& head, std::size_t token, bool suffix_only) const;
  // An acronym the article defines, or an alias-table short form it spells out, in full.
  std::string expand_org(const std::string& org) const;

  static constexpr std::size_t kLookBack = 400;  // mentions searched back for a role or body

 private:
  void build();
  const Entity* find_uncached(const std::string& name) const;
  void count_gender();
  void index_entity(std::size_t idx);
  bool initials_match(std::size_t s, std::size_t e, std::string_view shortform) const;

  const ArticleTokens& t_;
  const MentionParser& parser_;
  std::vector<Entity> entities_;
  // People by the last and the first word of their name (folded). A long article names thousands
  // of people who share a few surnames: a look-up must not walk them all, so the best answer for
  // one word is kept up to date as people are added (best_surname_, best_word_), and a full name
  // is looked up by one of its words with its last (by_pair_).
  std::unordered_map<std::string, std::vector<std::size_t>> by_last_, by_first_, by_pair_;
  std::unordered_map<std::string, std::size_t> best_surname_;  // the longest name ending in the word
  std::unordered_map<std::string, std::size_t> best_word_;     // the longest name ending or starting with it
  Mentions person_mentions_, org_mentions_;
  std::vector<std::pair<std::string, std::string>> acronyms_;  // ("FIDH", "International Federation ...")
  bool built_ = false;
  mutable std::unordered_map<std::string, const Entity*> found_;  // find()'s answers once built
};

}  // namespace whosaid
