#include "tokenize/char_class.hpp"

namespace verimeter::tokenize::detail {
#include "tokenize/unicode_table.inc"
}  // namespace verimeter::tokenize::detail
