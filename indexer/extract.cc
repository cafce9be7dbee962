#include "extract.h"
namespace whosaid {
std::vector<Quote> extract_quotes(const Article&) { return {}; }
}
