#include "analysis/stopwords.h"

#include <string>
#include <unordered_set>

#include "analysis/case_folder.h"

namespace haber::data {
extern const std::string_view kTurkishStopwords;  // generated from core/data/
}

namespace haber::analysis {

namespace {
const std::unordered_set<std::string>& stopword_set() {
    static const std::unordered_set<std::string> set = [] {
        std::unordered_set<std::string> words;
        std::string_view text = data::kTurkishStopwords;
        while (!text.empty()) {
            std::size_t nl = text.find('\n');
            std::string_view line = text.substr(0, nl);
            text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
            while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
            if (!line.empty() && line[0] != '#') words.emplace(line);
        }
        return words;
    }();
    return set;
}
}  // namespace

static const std::unordered_set<std::string>& ascii_stopword_set() {
    static const std::unordered_set<std::string> set = [] {
        std::unordered_set<std::string> words;
        // Folded two-letter words collide with real ones (şu → su "water").
        for (const std::string& w : stopword_set()) {
            std::string folded = ascii_fold(w);
            if (folded == w || folded.size() >= 3) words.insert(folded);
        }
        return words;
    }();
    return set;
}

bool is_stopword(std::string_view lowered) {
    return stopword_set().count(std::string(lowered)) != 0;
}

bool is_ascii_stopword(std::string_view folded) {
    return ascii_stopword_set().count(std::string(folded)) != 0;
}

}  // namespace haber::analysis
