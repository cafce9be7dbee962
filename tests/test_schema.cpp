#include <doctest/doctest.h>

#include "org_mentions.h"
#include "schema.h"

using namespace whosaid;

TEST_CASE("date values sort as strings and pad partial dates") {
  struct { const char* in; const char* out; } cases[] = {
      {"2024-12-05", "20241205"}, {"2024-12-05T10:00:00Z", "20241205"}, {"2024-12", "20241200"},
      {"2024", "20240000"},       {"20241205", "20241205"},              {"", ""},
      {"yesterday", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(schema::date_value(c.in) == c.out);
  }
}

TEST_CASE("exact terms are normalised and stay under Xapian's term limit") {
  CHECK(schema::speaker_term("Liz  Evenson") == schema::speaker_term("liz evenson"));
  CHECK(schema::org_term("HRW") == schema::org_term("Human Rights Watch"));
  CHECK(schema::org_term("the State Department") == schema::org_term("U.S. Department of State"));
  std::string long_id(400, 'x');
  std::string t1 = schema::article_term(long_id), t2 = schema::article_term(long_id + "y");
  CHECK(t1.size() <= 245);
  CHECK(t1 != t2);
  CHECK(schema::article_term("short") == "XARTICLE:short");
}

TEST_CASE("collapse key ignores case, punctuation and spacing but not words") {
  CHECK(schema::collapse_key("We expect all ICC actions...") == schema::collapse_key("we expect all  ICC actions"));
  CHECK(schema::collapse_key("It's been a mood,") == schema::collapse_key("It's been a mood"));
  CHECK(schema::collapse_key("We expect all ICC actions") != schema::collapse_key("We expect no ICC actions"));
}

TEST_CASE("every field has a unique prefix and name") {
  const auto& fields = schema::fields();
  for (std::size_t i = 0; i < fields.size(); ++i)
    for (std::size_t j = i + 1; j < fields.size(); ++j) {
      CAPTURE(fields[i].prefix);
      CHECK(fields[i].prefix != fields[j].prefix);
      if (!fields[i].name.empty()) CHECK(fields[i].name != fields[j].name);
    }
  for (const auto& f : fields)
    if (f.kind == schema::FieldKind::boolean) CHECK(static_cast<bool>(f.term));
}

TEST_CASE("organisation mentions under any spelling") {
  SUBCASE("acronym with possessive") {
    CHECK(org_mentions("The ICC's current paradox") == std::vector<std::string>{"International Criminal Court"});
  }
  SUBCASE("full name and dotted initialism") {
    auto found = org_mentions("the International Criminal Court and the U.S. State Department");
    CHECK(found == std::vector<std::string>{"International Criminal Court", "U.S. Department of State"});
  }
  SUBCASE("acronyms are case-sensitive") { CHECK(org_mentions("who said what to whom").empty()); }
  SUBCASE("the longest spelling wins") {
    CHECK(org_mentions("the UN Security Council met") ==
          std::vector<std::string>{"United Nations Security Council"});
  }
}
