// Organisation names and their aliases (data/org_aliases.tsv, compiled in), so that "HRW",
// "Human Rights Watch" and "human rights watch" all name one organisation.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

struct OrgAlias {
  std::string canonical;             // "Human Rights Watch"
  std::vector<std::string> aliases;  // "HRW", ...
};

// Every entry of the alias table.
const std::vector<OrgAlias>& org_alias_table();

// The canonical name for an organisation name or alias (case-insensitive, "the" ignored);
// the name itself when the table does not know it.
std::string canonical_org(std::string_view name);

// Every known spelling of the organisation `name` names, canonical first; just `name` if unknown.
std::vector<std::string> org_spellings(std::string_view name);

}  // namespace whosaid
