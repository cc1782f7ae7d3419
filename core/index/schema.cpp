#include "index/schema.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "analysis/case_folder.h"
#include "dates.h"

namespace haber::schema {

namespace {

// Cuts s to at most n bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

}  // namespace

bool is_exact_term(std::string_view term) { return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'); }

void skip_prefixed(Xapian::TermIterator& it, const Xapian::TermIterator& end) {
    if (it != end && !is_exact_term(*it)) it.skip_to(std::string(kAfterPrefixed));
}

std::string term(std::string_view prefix, std::string_view text) {
    std::string t;
    t.reserve(prefix.size() + text.size());
    t.append(prefix);
    t.append(utf8_prefix(text, kMaxTermBytes - prefix.size()));
    return t;
}

namespace {

constexpr std::size_t kIdHashHex = 32;

// 128 bits from two independent 64-bit hashes (FNV-1a, and a multiply-xorshift
// one), for telling apart ids, not for security.
std::string id_hash_hex(std::string_view id) {
    std::uint64_t a = 1469598103934665603ULL, b = 0x9E3779B97F4A7C15ULL ^ id.size();
    for (unsigned char c : id) {
        a = (a ^ c) * 1099511628211ULL;
        b = (b ^ c) * 0xBF58476D1CE4E5B9ULL;
        b ^= b >> 31;
    }
    b ^= b >> 33;
    b *= 0xFF51AFD7ED558CCDULL;
    b ^= b >> 33;
    char buf[kIdHashHex + 1];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    return buf;
}

}  // namespace

std::string id_term(std::string_view id) {
    if (kId.size() + id.size() <= kMaxTermBytes) return term(kId, id);
    std::string t(kId);
    t.append(utf8_prefix(id, kMaxTermBytes - kId.size() - 1 - kIdHashHex));
    t += '#';
    t += id_hash_hex(id);
    return t;
}

bool id_term_is_hashed(std::string_view term) {
    // utf8_prefix cuts up to 3 bytes short of the limit.
    return term.size() + 3 >= kMaxTermBytes && term.size() > kIdHashHex && term[term.size() - kIdHashHex - 1] == '#';
}

std::string fold_key(std::string_view ascii) {
    std::string k(kFoldKey);
    k.append(ascii);
    return k;
}

bool is_fold_key(std::string_view key) { return key.substr(0, kFoldKey.size()) == kFoldKey; }

std::vector<std::string> unfold(const Xapian::Database& db, std::string_view ascii) {
    std::vector<std::string> out;
    if (ascii.empty()) return out;
    std::string key = fold_key(ascii);
    for (auto it = db.synonyms_begin(key); it != db.synonyms_end(key); ++it) out.push_back(*it);
    return out;
}

std::string keyword_key(std::string_view value) {
    std::string folded = analysis::ascii_fold(analysis::turkish_lower(value));
    std::string out;
    bool space = false;
    for (char c : folded) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = !out.empty(); continue; }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string date_value(std::string_view date) { return dates::value(date); }

std::string encode_article(const Article& a) {
    nlohmann::json j;
    for (const auto& f : kArticleFields)
        if (const std::string& value = a.*f.member; !value.empty()) j[std::string(f.name)] = value;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article decode_article(const std::string& data) {
    Article a;
    nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
    if (!j.is_object()) return a;
    for (const auto& f : kArticleFields) {
        auto it = j.find(f.name);
        if (it != j.end() && it->is_string()) a.*f.member = it->get<std::string>();
    }
    return a;
}

analysis::StemConfig stem_config_of(const Xapian::Database& db) {
    std::string name = db.get_metadata(kMetaStemmer);
    if (auto config = analysis::StemConfig::parse(name)) return *config;
    return analysis::StemConfig{};
}

}  // namespace haber::schema
