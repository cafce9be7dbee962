#include "xapian_error.h"

#include <fmt/format.h>

#include "utf8.h"

namespace whosaid {

void throw_xapian_error(const Xapian::Error& e, const std::string& what_in_full) {
  // `what` can quote user input ("query '...'"): a message names it, it does not echo 100 KB.
  const std::string what = utf8::abbreviate(what_in_full, 200);
  const std::string detail = e.get_description();
  const std::string type = e.get_type();  // Xapian::Error has no virtual functions to dynamic_cast on
  if (type == "DatabaseLockError")
    throw Error(fmt::format("{}: the index is locked: another whosaid-index is writing it ({})", what, detail));
  if (type == "DatabaseOpeningError" || type == "DatabaseVersionError" || type == "DatabaseNotFoundError")
    throw Error(fmt::format("{}: not a whosaid index or cannot be opened ({})", what, detail));
  if (type == "QueryParserError")
    throw Error(fmt::format("{}: {}", what, e.get_msg()));
  if (type == "DatabaseCorruptError")
    throw Error(fmt::format("{}: the index is damaged; re-index it ({})", what, detail), exit_internal);
  throw Error(fmt::format("{}: {}", what, detail), exit_internal);
}

}  // namespace whosaid
