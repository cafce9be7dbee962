// Xapian stays behind whosaid's own API: every Xapian::Error is turned into a whosaid::Error with a
// message a user can act on, at the edge of the code that called Xapian.
#pragma once
#include <string>

#include <xapian.h>

#include "error.h"

namespace whosaid {

// `what` names the operation and the database ("opening index news.db").
[[noreturn]] void throw_xapian_error(const Xapian::Error& e, const std::string& what);

}  // namespace whosaid
