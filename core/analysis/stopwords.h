// Turkish stop words (list shipped in core/data, compiled in). Stop words are
// indexed (phrases need them) and dropped from ranked keyword queries.
#pragma once

#include <string_view>

namespace haber::analysis {

// `lowered` must already be Turkish-lowercased.
bool is_stopword(std::string_view lowered);
// The same list typed without Turkish letters ("icin", "cok"); `folded` is
// ASCII-folded.
bool is_ascii_stopword(std::string_view folded);

}  // namespace haber::analysis
