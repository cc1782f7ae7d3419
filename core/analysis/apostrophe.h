// Stage 4: removes a Turkish inflectional suffix written after an apostrophe
// (Özbekistan'da → özbekistan, 2022'de → 2022, AB'nin → ab) but keeps foreign
// names whole (d'artagnan, o'connell → apostrophe dropped, letters kept).
// Works on lowercased text where every apostrophe variant is already '.
#pragma once

#include <string>
#include <string_view>

namespace haber::analysis {

// True if `s` (lowercase) is a sequence of Turkish suffix morphemes (da, nın,
// daki, ler, den...).
bool is_turkish_suffix_chain(std::string_view s);

std::string strip_apostrophe_suffix(std::string_view lowered);

}  // namespace haber::analysis
