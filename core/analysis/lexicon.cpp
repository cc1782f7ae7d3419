#include "analysis/lexicon.h"

#include <algorithm>

namespace haber::data {
extern const std::string_view kTurkishRoots, kTurkishRootsFolded;
extern const std::string_view kTurkishNouns, kTurkishNounsFolded;
extern const std::string_view kTurkishVerbs, kTurkishVerbsFolded;
extern const std::string_view kSnowballRoots, kSnowballRootsFolded;
extern const std::string_view kTurkishNames, kTurkishNamesFolded;
}  // namespace haber::data

namespace haber::analysis {

namespace {

std::vector<std::string_view> lines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    // The generator sorts; sorting again costs nothing then and guards
    // hand-made lists (tests).
    if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool has(const std::vector<std::string_view>& list, std::string_view w) {
    return std::binary_search(list.begin(), list.end(), w);
}

}  // namespace

Lexicon::Lexicon(Lists turkish, Lists folded) {
    lists_[0] = {lines(turkish.roots), lines(turkish.nouns), lines(turkish.verbs), lines(turkish.snowball),
                 lines(turkish.names)};
    lists_[1] = {lines(folded.roots), lines(folded.nouns), lines(folded.verbs), lines(folded.snowball),
                 lines(folded.names)};
}

const Lexicon& Lexicon::turkish() {
    static const Lexicon lexicon(
        {data::kTurkishRoots, data::kTurkishNouns, data::kTurkishVerbs, data::kSnowballRoots, data::kTurkishNames},
        {data::kTurkishRootsFolded, data::kTurkishNounsFolded, data::kTurkishVerbsFolded, data::kSnowballRootsFolded,
         data::kTurkishNamesFolded});
    return lexicon;
}

bool Lexicon::contains(std::string_view w, bool folded) const { return has(lists_[folded].roots, w); }
bool Lexicon::noun(std::string_view w, bool folded) const { return has(lists_[folded].nouns, w); }
bool Lexicon::verb(std::string_view w, bool folded) const { return has(lists_[folded].verbs, w); }
bool Lexicon::snowball_only(std::string_view w, bool folded) const { return has(lists_[folded].snowball, w); }
bool Lexicon::name_only(std::string_view w, bool folded) const { return has(lists_[folded].names, w); }

}  // namespace haber::analysis
