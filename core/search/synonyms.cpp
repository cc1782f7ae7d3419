#include "search/synonyms.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "analysis/case_folder.h"
#include "analysis/utf8.h"
#include "index/schema.h"

namespace haber::data {
extern const std::string_view kTurkishAbbreviations;  // generated from core/data/
}

namespace haber::search {

namespace {

constexpr std::size_t kMaxExpressionBytes = 200;  // a stored key must fit Xapian's term limit
constexpr std::size_t kMaxExpressionWords = 8;

std::string trim(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t\r\f\v");
    if (b == std::string_view::npos) return {};
    std::size_t e = s.find_last_not_of(" \t\r\f\v");
    return std::string(s.substr(b, e - b + 1));
}

// Splits on commas; every piece trimmed. Returns false if a piece is empty.
bool split_commas(std::string_view s, std::vector<std::string>& out) {
    std::size_t start = 0;
    while (true) {
        std::size_t c = s.find(',', start);
        std::string piece = trim(s.substr(start, c == std::string_view::npos ? std::string_view::npos : c - start));
        if (piece.empty()) return false;
        out.push_back(std::move(piece));
        if (c == std::string_view::npos) return true;
        start = c + 1;
    }
}

// Analysis used only to check that an expression has searchable words.
const analysis::Analyzer& checking_analyzer() {
    static const analysis::Analyzer a;
    return a;
}

}  // namespace

// --- SynonymList -------------------------------------------------------------

void SynonymList::add(SynonymRule rule) { rules_.push_back(std::move(rule)); }

void SynonymList::append(const SynonymList& other) {
    rules_.insert(rules_.end(), other.rules_.begin(), other.rules_.end());
}

std::size_t SynonymList::parse(std::string_view text, const std::string& origin, std::vector<std::string>& problems) {
    std::size_t added = 0, line_no = 0, start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        std::string_view raw = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        auto problem = [&](const std::string& why) {
            problems.push_back(origin + ":" + std::to_string(line_no) + ": " + why);
        };
        if (auto bad = utf8::first_invalid(raw)) {
            problem("invalid UTF-8 at byte " + std::to_string(*bad + 1) + "; line skipped");
            continue;
        }
        std::string line = trim(raw.substr(0, raw.find('#')));
        if (line.empty()) continue;
        std::vector<std::string> left, right;
        std::size_t arrow = line.find("=>");
        bool one_way = arrow != std::string::npos;
        if (one_way && line.find("=>", arrow + 2) != std::string::npos) {
            problem("more than one '=>'; line skipped");
            continue;
        }
        bool ok = one_way ? split_commas(std::string_view(line).substr(0, arrow), left) &&
                                split_commas(std::string_view(line).substr(arrow + 2), right)
                          : split_commas(line, left);
        if (!ok) {
            problem("empty expression (two commas in a row, or nothing on one side of '=>'); line skipped");
            continue;
        }
        if (!one_way && left.size() < 2) {
            problem("'" + line + "' has nothing to be a synonym of: write 'a, b' or 'a => b'; line skipped");
            continue;
        }
        std::string bad;
        for (const auto* side : {&left, &right})
            for (const auto& e : *side) {
                if (!bad.empty()) break;
                if (e.size() > kMaxExpressionBytes)
                    bad = "an expression is longer than " + std::to_string(kMaxExpressionBytes) + " bytes";
                else {
                    auto toks = checking_analyzer().analyze(checking_analyzer().normalize(e));
                    if (toks.empty()) bad = "'" + e + "' has no searchable words";
                    else if (toks.size() > kMaxExpressionWords)
                        bad = "'" + e + "' has more than " + std::to_string(kMaxExpressionWords) + " words";
                }
            }
        if (!bad.empty()) {
            problem(bad + "; line skipped");
            continue;
        }
        std::string where = origin + ":" + std::to_string(line_no);
        if (one_way) {
            for (const auto& a : left)
                for (const auto& b : right)
                    if (a != b) { rules_.push_back({a, b, where}); ++added; }
        } else {
            for (const auto& a : left)
                for (const auto& b : left)
                    if (a != b) { rules_.push_back({a, b, where}); ++added; }
        }
    }
    return added;
}

std::size_t SynonymList::load_file(const std::string& path, std::vector<std::string>& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read synonym file " + path);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw std::runtime_error("cannot read synonym file " + path);
    return parse(buf.str(), path, problems);
}

const SynonymList& SynonymList::shipped() {
    static const SynonymList list = [] {
        SynonymList l;
        std::vector<std::string> problems;
        l.parse(data::kTurkishAbbreviations, "shipped list", problems);
        // The shipped list is checked by tests/synonyms_test; nothing to report here.
        return l;
    }();
    return list;
}

void SynonymList::load_database(const Xapian::Database& db) {
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
        if (schema::is_fold_key(*k)) continue;  // the fold table (index/schema.h)
        for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s)
            rules_.push_back({*k, *s, "database"});
    }
}

std::size_t SynonymList::store(Xapian::WritableDatabase& db) const {
    std::vector<std::string> old;
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k)
        if (!schema::is_fold_key(*k)) old.push_back(*k);
    for (const auto& k : old) db.clear_synonyms(k);
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& r : rules_)
        if (seen.emplace(r.from, r.to).second) db.add_synonym(r.from, r.to);
    return seen.size();
}

// --- SynonymIndex ------------------------------------------------------------

std::string SynonymIndex::token_key(const analysis::AnalyzedToken& t) {
    return t.ascii_stem.empty() ? analysis::ascii_fold(t.stem) : t.ascii_stem;
}

namespace {

std::string key_of(const std::vector<analysis::AnalyzedToken>& toks, std::size_t at, std::size_t len) {
    std::string k;
    for (std::size_t i = at; i < at + len; ++i) {
        if (i > at) k += ' ';
        k += SynonymIndex::token_key(toks[i]);
    }
    return k;
}

}  // namespace

SynonymIndex::SynonymIndex(const SynonymList& list, const analysis::Analyzer& an) {
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& r : list.rules()) {
        auto from = an.analyze(an.normalize(r.from));
        auto to = an.analyze(an.normalize(r.to));
        if (from.empty() || to.empty()) continue;
        std::string fk = key_of(from, 0, from.size()), tk = key_of(to, 0, to.size());
        if (fk == tk || !seen.emplace(fk, tk).second) continue;
        map_[fk].push_back({r.to, std::move(to), r.origin});
        max_tokens_ = std::max(max_tokens_, from.size());
    }
}

const std::vector<SynonymExpansion>* SynonymIndex::longest_match(const std::vector<analysis::AnalyzedToken>& toks,
                                                                 std::size_t at, std::size_t& length) const {
    if (at >= toks.size()) return nullptr;
    for (std::size_t len = std::min(max_tokens_, toks.size() - at); len >= 1; --len) {
        auto it = map_.find(key_of(toks, at, len));
        if (it != map_.end()) {
            length = len;
            return &it->second;
        }
    }
    return nullptr;
}

const std::vector<SynonymExpansion>* SynonymIndex::full_match(const std::vector<analysis::AnalyzedToken>& toks) const {
    if (toks.empty() || toks.size() > max_tokens_) return nullptr;
    auto it = map_.find(key_of(toks, 0, toks.size()));
    return it == map_.end() ? nullptr : &it->second;
}

}  // namespace haber::search
