#include "xapian_error.h"

#include <fmt/format.h>

namespace whosaid {

void throw_xapian_error(const Xapian::Error& e, const std::string& what) {
  const std::string detail = e.get_description();
  if (dynamic_cast<const Xapian::DatabaseLockError*>(&e))
    throw Error(fmt::format("{}: the index is locked: another whosaid-index is writing it ({})", what, detail));
  if (dynamic_cast<const Xapian::DatabaseOpeningError*>(&e) || dynamic_cast<const Xapian::DatabaseVersionError*>(&e))
    throw Error(fmt::format("{}: not a whosaid index or cannot be opened ({})", what, detail));
  if (dynamic_cast<const Xapian::QueryParserError*>(&e))
    throw Error(fmt::format("{}: {}", what, e.get_msg()));
  if (dynamic_cast<const Xapian::DatabaseCorruptError*>(&e))
    throw Error(fmt::format("{}: the index is damaged; re-index it ({})", what, detail), exit_internal);
  throw Error(fmt::format("{}: {}", what, detail), exit_internal);
}

}  // namespace whosaid
