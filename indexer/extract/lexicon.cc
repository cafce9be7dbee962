#include "lexicon.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace whosaid::lexicon {
namespace {

using Set = std::unordered_set<std::string_view>;

bool in(const Set& s, std::string_view w) { return s.count(w) > 0; }

}  // namespace

const Set& speech_verb_set() {
  static const Set s = {
      "said", "says", "told", "tells", "added", "adds", "argued", "argues", "wrote", "writes", "tweeted", "tweets",
      "warned", "warns", "insisted", "insists", "explained", "explains", "noted", "notes", "stated",
      "declared", "declares", "announced", "announces", "claimed", "claims", "commented", "comments", "remarked",
      "remarks", "replied", "replies", "responded", "responds", "asked", "asks", "answered", "answers",
      "continued", "continues", "concluded", "concludes", "observed", "observes", "acknowledged", "acknowledges",
      "admitted", "admits", "suggested", "suggests", "stressed", "stresses", "emphasised", "emphasized",
      "emphasises", "emphasizes", "urged", "urges", "cautioned", "cautions", "recalled", "recalls", "predicted",
      "predicts", "promised", "promises", "vowed", "vows", "conceded", "concedes", "confirmed", "confirms",
      "reported", "reports", "described", "describes", "called", "calls", "elaborated", "mentioned", "mentions",
      "cried", "shouted", "shouting", "chanting", "chanted", "yelling", "yelled", "exclaimed", "joked", "jokes", "quipped", "quips", "testified", "testifies",
      "pleaded", "pleads", "agreed", "agrees", "countered", "counters", "contended", "contends", "maintained",
      "maintains", "asserted", "asserts", "alleged", "alleges", "blogged", "texted", "emailed", "e-mailed",
      "messaged", "posted", "posts", "read", "reads", "saying", "telling", "adding", "noting", "writing",
      "tweeting", "warning", "insisting", "explaining", "stating", "declaring", "announcing", "claiming",
      "commenting", "remarking", "replying", "responding", "asking", "calling", "describing", "arguing",
      "urging", "stressing", "emphasising", "emphasizing", "acknowledging", "admitting", "suggesting",
      "concluding", "observing", "recalling", "predicting", "promising", "vowing", "conceding", "confirming",
      "reporting", "elaborating", "mentioning", "pointing", "whispered", "murmured", "boasted", "boasts",
      "complained", "complains", "complaining", "lamented", "laments", "criticised", "criticized", "praised",
      "thanked", "accused", "accuses", "denied", "denies", "demanded", "demands", "proclaimed", "proclaims",
      "affirmed", "affirms", "reiterated", "reiterates", "recounted", "recounts", "reflected", "admonished",
      "advised", "announced", "assured", "assures", "bragged", "charged", "chimed", "clarified", "conceded",
      "disclosed", "echoed", "estimated", "expressed", "groused", "hinted", "indicated", "informed", "interjected",
      "mused", "objected", "opined", "pledged", "protested", "questioned", "reasoned", "rebutted", "recommended",
      "reckoned", "related", "remembered", "retorted", "revealed", "scoffed", "sighed", "snapped", "speculated",
      "summarised", "summarized", "volunteered", "wondered", "worried", "labelled", "labeled", "branded",
      "dubbed", "characterised", "characterized", "termed", "deemed", "considered", "decried", "hailed",
      "welcomed", "condemned", "slammed", "blasted",
      // verbs that pin words on someone without "say": "mocked Rubio for "…"", "blamed it on "…""
      "mocked", "mocks", "mocking", "bemoaned", "bemoans", "blamed", "blames", "blaming", "derided", "derides",
      "ridiculed", "dismissed", "dismisses", "scolded", "chided", "lambasted", "touted", "touts", "cited", "citing",
      "argue", "insist", "warn", "claim", "urge", "promise", "vow", "deny", "admit", "suggest", "predict", "ask",
      "reply", "answer", "accuse", "describe", "call", "urging", "vowing", "insisting", "denying", "accusing",
      "blast", "slam", "praise", "criticize", "criticise", "condemn", "mock", "blame", "joke", "quip",
      "explain", "write", "tweet", "declare", "announce", "add", "tell", "say",
      "captioned", "ruled", "rules", "decided", "sang", "sings", "reacted", "reacts", "shared", "responded", "chanted", "tells", "spoke", "speaks", "speaking"};
  return s;
}

bool speech_verb(std::string_view w) { return in(speech_verb_set(), w); }

const Set& speech_verb_base_set() {
  static const Set s = {"say", "tell", "add", "write", "tweet", "explain", "warn", "argue", "note", "declare",
                        "announce", "claim", "insist", "state", "comment", "remark", "reply", "respond", "ask"};
  return s;
}

bool speech_verb_base(std::string_view w) { return in(speech_verb_base_set(), w); }

const Set& title_word_set() {
  static const Set s = {
      "president", "vice-president", "prime", "minister", "premier", "chancellor", "secretary", "senator",
      "sen.", "rep.", "representative", "congressman", "congresswoman", "governor", "gov.", "mayor", "judge",
      "justice", "chief", "director", "director-general", "chairman", "chairwoman", "chair", "chairperson",
      "ceo", "cfo", "coo", "cto", "founder", "co-founder", "spokesman", "spokeswoman", "spokesperson",
      "professor", "emeritus", "prof.", "dr.", "doctor", "lawyer", "attorney", "attorney-general", "ambassador", "envoy",
      "commissioner", "commander", "general", "gen.", "colonel", "col.", "captain", "capt.", "lieutenant",
      "sergeant", "officer", "detective", "inspector", "superintendent", "constable", "sheriff", "head",
      "leader", "deputy", "assistant", "associate", "executive", "manager", "coach", "king", "queen", "prince",
      "princess", "pope", "bishop", "archbishop", "cardinal", "rabbi", "imam", "reverend", "rev.", "father",
      "sister", "brother", "lord", "lady", "sir", "dame", "mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms", "dr",
      "adviser", "advisor", "analyst", "researcher", "scientist", "author", "co-author", "editor", "reporter",
      "correspondent", "economist", "expert", "official", "president-elect", "councillor", "councilor",
      "councilman", "councilwoman", "legislator", "lawmaker", "mp", "mep", "speaker", "whip", "treasurer",
      "administrator", "counsel", "prosecutor", "solicitor", "barrister", "magistrate", "sheikh", "emir",
      "sultan", "ayatollah", "marshal", "admiral", "major", "private", "corporal", "trooper", "candidate",
      "nominee", "activist", "campaigner", "organiser", "organizer", "coordinator", "partner", "owner",
      "member", "president's", "delegate", "vice", "acting", "interim", "former", "then-", "ex-", "minister's",
      "astronaut", "physician", "surgeon", "nurse", "teacher", "student", "historian", "lecturer", "dean",
      "provost", "rector", "principal", "superintendent", "curator", "producer", "manager", "captain",
      "striker", "midfielder", "defender", "goalkeeper", "forward", "back", "halfback", "fullback", "quarterback",
      "winger", "pitcher", "batsman", "bowler", "skipper", "jockey", "player", "driver", "rider", "spokespeople",
      "representatives", "officials", "premier's", "biologist", "physicist", "chemist", "engineer", "mp's", "republican", "democrat", "conservative",
      "liberal", "socialist", "presidents", "ministers", "senators", "governors", "mayors", "senior", "junior",
      "lead", "opposition", "employee", "trustee", "nominee", "appointee", "detainee", "retiree", "attendee",
      "ph.d.", "phd", "candidate", "fellow", "scholar", "veteran", "chemist", "agent"};
  return s;
}

bool title_word(std::string_view w) { return in(title_word_set(), w); }

const Set& org_head_set() {
  static const Set s = {
      "department", "ministry", "university", "college", "school", "institute", "institution", "court",
      "watch", "council", "police", "agency", "party", "committee", "association", "corporation", "corp.",
      "inc.", "inc", "ltd", "ltd.", "llc", "group", "bank", "commission", "office", "service", "services",
      "foundation", "federation", "organization", "organisation", "union", "news", "times", "post", "network",
      "government", "administration", "authority", "board", "bureau", "center", "centre", "company", "co.",
      "society", "league", "alliance", "coalition", "fund", "trust", "hospital", "clinic", "army", "navy",
      "force", "forces", "guard", "congress", "parliament", "senate", "assembly", "cabinet", "embassy",
      "consulate", "club", "team", "airlines", "airways", "press", "journal", "magazine", "tribune", "herald",
      "telegraph", "guardian", "observer", "gazette", "broadcasting", "media", "studios", "records",
      "observatory", "laboratory", "lab", "laboratories", "museum", "library", "church", "mission", "movement",
      "front", "brigade", "brigades", "command", "secretariat", "tribunal", "programme", "program", "project",
      "initiative", "network", "industries", "systems", "technologies", "motors", "energy", "oil", "holdings",
      "partners", "capital", "fc", "united", "rights", "international", "nations", "sciences", "academy",
      "reserve", "exchange", "airport", "railway", "railways", "chamber", "federal", "national", "state",
      "council's", "department's", "ministry's", "police's", "palace", "diocese", "archdiocese", "service",
      "campaign"};
  return s;
}

bool org_head(std::string_view w) { return in(org_head_set(), w); }

const Set& person_pronoun_set() {
  static const Set s = {"he", "she", "i", "we", "him", "her", "i've", "i'm", "i'd", "we've", "we're", "he's", "she's",
                        "i\u2019ve", "i\u2019m", "i\u2019d", "we\u2019ve", "we\u2019re", "he\u2019s", "she\u2019s"};
  return s;
}

bool person_pronoun(std::string_view w) { return in(person_pronoun_set(), w); }

bool org_pronoun(std::string_view w) { return w == "it" || w == "they"; }

const Set& anonymous_head_set() {
  static const Set s = {
      "official", "officials", "source", "sources", "spokesman", "spokeswoman", "spokesperson", "spokespeople",
      "witness", "witnesses", "eyewitness", "eyewitnesses", "bystander", "bystanders", "resident", "residents", "expert", "experts", "analyst", "analysts", "people",
      "officer", "officers", "diplomat", "diplomats", "aide", "aides", "member", "members", "insider",
      "insiders", "observer", "observers", "critic", "critics", "supporter", "supporters", "protester",
      "protesters", "protestors", "activist", "activists", "statement", "report", "reports", "study",
      "researchers", "scientists", "doctors", "lawyers", "person", "man", "woman", "student", "students",
      "employee", "employees", "worker", "workers", "victim", "victims", "survivor", "survivors", "fans",
      "voters", "leaders", "representative", "representatives", "organisers", "organizers", "authorities",
      "police", "investigators", "prosecutors", "lawmakers", "economists", "commentators", "teachers",
      "parents", "neighbours", "neighbors", "locals", "villagers", "citizens", "users", "poll", "survey",
      "release", "letter", "post", "tweet", "message", "sign", "signs", "banner", "placard", "note",
      // people named by what they are to someone: "his daughter said", "one of the children"
      "girl", "boy", "girls", "boys", "child", "children", "kid", "kids", "family", "friend", "friends", "mother",
      "father", "mom", "dad", "daughter", "son", "wife", "husband", "brother", "sister", "relative", "relatives",
      "writer", "author", "publication", "crowd", "fan", "user", "colleague", "colleagues", "teammate", "teammates"};
  return s;
}

bool anonymous_head(std::string_view w) { return in(anonymous_head_set(), w); }

const Set& name_particle_set() {
  static const Set s = {"de", "van", "von", "der", "den", "bin", "bint", "al", "da", "di", "del", "della",
                        "du", "la", "le", "dos", "das", "ibn", "ben", "ter", "y", "st.", "mac", "abu"};
  return s;
}

bool name_particle(std::string_view w) { return in(name_particle_set(), w); }

const Set& not_a_name_set() {
  static const Set s = {
      "the", "a", "an", "in", "on", "at", "for", "of", "and", "but", "or", "if", "when", "while", "after",
      "before", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "we",
      "he", "she", "they", "it", "i", "you", "there", "here", "then", "so", "as", "by", "with", "from", "to",
      "according", "however", "meanwhile", "also", "speaking", "asked", "last", "next", "earlier", "later",
      "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "prof.",
      "what", "why", "how", "who", "where", "which", "yes", "no", "not", "all", "some", "many", "most",
      "one", "two", "three", "both", "each", "every", "no.", "said", "says", "told", "added", "wrote",
      "under", "over", "since", "until", "because", "although", "though", "despite", "during", "through",
      "former", "late", "then", "now", "still", "even", "just", "only", "again", "instead", "speaking",
      "another", "other", "others", "every", "several", "few", "either", "neither", "such", "article",
      "image", "photo", "video", "source", "sources", "people", "had", "did", "does", "do", "was", "were", "is",
      "are", "would", "could", "should", "will", "can", "may", "might", "must", "let"};
  return s;
}

bool not_a_name(std::string_view w) { return in(not_a_name_set(), w); }

const Set& title_cue_set() {
  static const Set s = {"titled", "entitled", "dubbed", "nicknamed", "named", "called", "book", "film",
                        "movie", "song", "album", "single", "show", "series", "episode", "play", "novel",
                        "documentary", "hashtag", "operation", "slogan", "term", "word", "words", "phrase",
                        "so-called", "label", "brand", "campaign", "motto", "project", "programme",
                        "program", "exhibition", "report", "paper", "article", "magazine", "newspaper",
                        "column", "poem", "opera", "musical", "game", "app", "website", "site", "known",
                        "codenamed", "code-named", "alias", "aka", "tagline", "headline", "category"};
  return s;
}

bool title_cue(std::string_view w) { return in(title_cue_set(), w); }

const Set& function_word_set() {
  static const Set s = {"the", "of", "and", "a", "an", "in", "on", "at", "for", "to", "with", "by", "from",
                        "or", "is", "de", "la", "le", "du", "des", "&", "vs", "vs."};
  return s;
}

bool function_word(std::string_view w) { return in(function_word_set(), w); }

const Set& month_or_day_set() {
  static const Set s = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                        "january", "february", "march", "april", "may", "june", "july", "august",
                        "september", "october", "november", "december"};
  return s;
}

bool month_or_day(std::string_view w) { return in(month_or_day_set(), w); }

// Words that may stand between a subject and its speech verb ("has also said", "reportedly said").
const Set& aux_set() {
  static const Set s = {
      "has", "had", "have", "was", "is", "were", "are", "also", "later", "then", "previously", "further",
      "again", "once", "reportedly", "recently", "earlier", "simply", "only", "just", "would", "will",
      "could", "can", "did", "does", "not", "never", "repeatedly", "publicly", "privately", "separately",
      "quickly", "flatly", "bluntly", "openly", "initially", "originally", "first", "finally", "subsequently",
      "still", "even", "frequently", "often", "told", "in", "a", "an"};
  return s;
}

std::uint16_t classify(std::string_view w) {
  static const std::unordered_map<std::string_view, std::uint16_t> table = [] {
    std::unordered_map<std::string_view, std::uint16_t> t;
    auto add = [&](const Set& set, std::uint16_t flag) {
      for (auto word : set) t[word] |= flag;
    };
    add(speech_verb_set(), kSpeechVerb);
    add(title_word_set(), kTitle);
    add(org_head_set(), kOrgHead);
    add(person_pronoun_set(), kPersonPronoun);
    add(anonymous_head_set(), kAnonymous);
    add(name_particle_set(), kParticle);
    add(not_a_name_set(), kNotAName);
    add(month_or_day_set(), kMonth);
    add(aux_set(), kAux);
    for (std::string_view c : {"of", "for", "and", "the", "de", "&", "du", "des", "la"}) t[c] |= kConnector;
    t["it"] |= kOrgPronoun;
    t["they"] |= kOrgPronoun;
    for (std::string_view c : {"that", "which", "who", "because", "while", "whereas", "although", "if", "when", "where"})
      t[c] |= kClause;
    return t;
  }();
  auto it = table.find(w);
  return it == table.end() ? 0 : it->second;
}

}  // namespace whosaid::lexicon
