#include "search/term_matcher.h"

namespace haber::search {

std::string TermMatcher::match(const analysis::AnalyzedToken& t) const {
    if (!t.stem.empty() && stems.count(t.stem)) return "s:" + t.stem;
    if (!t.ascii_stem.empty() && ascii_stems.count(t.ascii_stem)) return "s:" + t.ascii_stem;
    if (!t.exact.empty() && exacts.count(t.exact)) return "e:" + t.exact;
    for (const auto& p : prefixes)
        if (t.exact.size() >= p.size() && t.exact.compare(0, p.size(), p) == 0) return "p:" + p;
    return {};
}

}  // namespace haber::search
