// The query fields that users are told about, against the schema's query parser (issue 16): the
// bash completion (dist/completion/whosaid) offers every field and only fields, and the query
// syntax page (whosaid-search-terms(7)) documents every one.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <xapian.h>

#include "schema.h"
#include "test_support.h"

using namespace whosaid;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fields the completion offers: the words of its line _whosaid_fields="speaker: role: ...".
std::set<std::string> completion_fields() {
  const std::string text = read_file(test::kSourceDir + "/dist/completion/whosaid");
  const std::string key = "\n_whosaid_fields=\"";
  auto start = text.find(key);
  REQUIRE_MESSAGE(start != std::string::npos, "no _whosaid_fields line in dist/completion/whosaid");
  start += key.size();
  std::istringstream words(text.substr(start, text.find('"', start) - start));
  std::set<std::string> fields;
  for (std::string w; words >> w;) {
    CHECK_MESSAGE(w.back() == ':', "completion field without its colon: " << w);
    fields.insert(w.substr(0, w.size() - 1));
  }
  return fields;
}

// A value the field accepts (date: wants a date, the others take any word).
std::string sample_value(const std::string& field) {
  if (field == "date") return "2024";
  if (field == "kind") return "full";
  return "zzyzx";
}

std::set<std::string> terms_of(const std::string& query) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::QueryParser qp;
  schema::configure_query_parser(qp, db);
  Xapian::Query q = schema::parse_query(qp, query, Xapian::QueryParser::FLAG_DEFAULT);
  return {q.get_terms_begin(), q.get_terms_end()};
}

// True when the query parser reads `field:` as a field: no term of `field:value` is a term that the
// word `field` alone gives (an unknown field is read as its words, in whatever form the parser
// indexes words).
bool parser_knows(const std::string& field) {
  const std::set<std::string> with_field = terms_of(field + ":" + sample_value(field));
  for (const auto& t : terms_of(field))
    if (with_field.count(t)) return false;
  return true;
}

std::string joined(const std::set<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

TEST_CASE("the bash completion offers every query field of the schema, and only those") {
  const std::set<std::string> offered = completion_fields();
  std::set<std::string> schema_fields = {"date"};  // date: is a field processor of its own
  for (const auto& f : schema::fields())
    if (!f.name.empty()) schema_fields.insert(std::string(f.name));
  CHECK_MESSAGE(offered == schema_fields,
                "completion offers: " << joined(offered) << "; the query parser's fields: " << joined(schema_fields));
  for (const auto& f : offered) {
    CAPTURE(f);
    CHECK(parser_knows(f));
  }
  CHECK_FALSE(parser_knows("frobnicate"));  // the check can fail: an unknown field is two words
}

TEST_CASE("whosaid-search-terms(7) documents every query field") {
  const std::string page = read_file(test::kSourceDir + "/dist/man/whosaid-search-terms.7");
  for (const auto& f : completion_fields()) {
    CAPTURE(f);
    // An entry tag of the page: ".BI speaker: word", ".BR kind: {...", ".BI date: from .. to".
    CHECK((page.find("\n.BI " + f + ": ") != std::string::npos || page.find("\n.BR " + f + ": ") != std::string::npos));
  }
}
