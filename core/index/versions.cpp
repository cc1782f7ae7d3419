#include "index/versions.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "index/schema.h"

namespace haber::index::versions {

void set_group(Xapian::WritableDatabase& db, Xapian::docid d, const std::string& key) {
    // Only the value changes: replacing a document whose terms changed makes
    // Xapian 1.4 rewrite its postings and positions, which cost ~20 s (and
    // 12 s of system time) on kemik-42bin when the group was also a term.
    Xapian::Document doc = db.get_document(d);
    if (doc.get_value(schema::kGroupSlot) == key) return;
    if (key.empty()) doc.remove_value(schema::kGroupSlot);
    else doc.add_value(schema::kGroupSlot, key);
    db.replace_document(d, doc);
}

namespace {

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::uint64_t mix64(std::uint64_t x) {  // splitmix64 finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Fixed seeds: signatures must be the same in every build and run.
const std::array<std::uint64_t, kHashes>& seeds() {
    static const std::array<std::uint64_t, kHashes> s = [] {
        std::array<std::uint64_t, kHashes> out{};
        std::uint64_t x = 0x68616265722d7632ULL;  // "haber-v2"
        for (auto& v : out) v = x = mix64(x);
        return out;
    }();
    return s;
}

// Union-find over docids.
class Components {
public:
    Xapian::docid find(Xapian::docid d) {
        auto it = parent_.find(d);
        if (it == parent_.end()) {
            parent_.emplace(d, d);
            return d;
        }
        Xapian::docid root = d;
        while (parent_[root] != root) root = parent_[root];
        while (parent_[d] != root) {
            Xapian::docid next = parent_[d];
            parent_[d] = root;
            d = next;
        }
        return root;
    }
    bool unite(Xapian::docid a, Xapian::docid b) {
        a = find(a);
        b = find(b);
        if (a == b) return false;
        if (a > b) std::swap(a, b);
        parent_[b] = a;
        return true;
    }
private:
    std::unordered_map<Xapian::docid, Xapian::docid> parent_;
};

// Writes the group values and terms of `nodes` (every node whose component
// was recomputed) from the components; returns the statistics. `current`,
// if given, holds every node's group value (absent: none), read beforehand
// in one pass over the value stream instead of document by document.
// The key of every node in a component of 2+ (earliest date, undated
// last, then smallest id); statistics into `st`.
std::unordered_map<Xapian::docid, std::string> keys_of(const Xapian::Database& db,
                                                       const std::vector<Xapian::docid>& nodes, Components& comps,
                                                       RegroupStats& st) {
    st.visited = nodes.size();
    std::map<Xapian::docid, std::vector<Xapian::docid>> by_root;
    for (Xapian::docid d : nodes) by_root[comps.find(d)].push_back(d);
    std::unordered_map<Xapian::docid, std::string> want;  // docid -> key ("" none)
    for (auto& [root, members] : by_root) {
        if (members.size() < 2) continue;
        ++st.groups;
        st.grouped += members.size();
        st.largest = std::max(st.largest, members.size());
        // Key: earliest date (undated last), then smallest id.
        std::string best_date, best_id;
        bool first = true;
        for (Xapian::docid d : members) {
            Xapian::Document doc = db.get_document(d);
            std::string date = doc.get_value(schema::kDateSlot);
            // Undated: "~" sorts after every date. (push_back, not = "~":
            // GCC 12 wrongly warns -Wrestrict on that assignment here, and
            // CI builds with -Werror.)
            if (date.empty()) date.push_back('~');
            std::string id = article_id(doc);
            if (first || date < best_date || (date == best_date && id < best_id)) {
                best_date = date;
                best_id = id;
                first = false;
            }
        }
        for (Xapian::docid d : members) want[d] = best_id;
    }
    return want;
}

RegroupStats apply(Xapian::WritableDatabase& db, const std::vector<Xapian::docid>& nodes, Components& comps,
                   const std::unordered_map<Xapian::docid, std::string>* current_values = nullptr) {
    RegroupStats st;
    auto want = keys_of(db, nodes, comps, st);
    for (Xapian::docid d : nodes) {
        auto it = want.find(d);
        const std::string target = it == want.end() ? std::string() : it->second;
        std::string current;
        if (current_values) {
            auto c = current_values->find(d);
            if (c != current_values->end()) current = c->second;
        } else {
            current = db.get_document(d).get_value(schema::kGroupSlot);
        }
        if (current == target) continue;
        set_group(db, d, target);
        ++st.updated;
    }
    return st;
}

}  // namespace

std::vector<std::uint64_t> shingles(const std::vector<analysis::AnalyzedToken>& tokens) {
    std::vector<std::uint64_t> out;
    std::size_t n = std::min(tokens.size(), kMaxWords);
    if (n < kShingleWords) return out;
    out.reserve(n - kShingleWords + 1);
    for (std::size_t i = 0; i + kShingleWords <= n; ++i) {
        std::uint64_t h = 1469598103934665603ULL;
        for (std::size_t k = 0; k < kShingleWords; ++k) {
            h = fnv1a(h, tokens[i + k].exact);
            h = fnv1a(h, std::string_view("\x1f", 1));
        }
        out.push_back(h);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<Signature> signature(const std::vector<std::uint64_t>& hashes) {
    if (hashes.size() < kMinShingles) return std::nullopt;
    Signature sig;
    sig.fill(UINT32_MAX);
    const auto& s = seeds();
    for (std::uint64_t h : hashes) {
        for (std::size_t i = 0; i < kHashes; ++i) {
            auto v = static_cast<std::uint32_t>(mix64(h ^ s[i]) >> 32);
            if (v < sig[i]) sig[i] = v;
        }
    }
    return sig;
}

std::optional<Fingerprint> fingerprint(const std::vector<analysis::AnalyzedToken>& tokens) {
    auto sh = shingles(tokens);
    auto sig = signature(sh);
    if (!sig) return std::nullopt;
    Fingerprint f;
    f.minhash = *sig;
    f.shingles = static_cast<std::uint32_t>(sh.size());
    std::vector<std::uint64_t> numbers;
    for (std::size_t i = 0; i < tokens.size() && i < kMaxWords; ++i)
        if (tokens[i].kind == analysis::TokenKind::Number) {
            // Digits only: "6,6" and "6.6" (both written in kemik) are one number.
            std::string digits;
            for (char c : tokens[i].exact)
                if (c >= '0' && c <= '9') digits += c;
            if (!digits.empty()) numbers.push_back(fnv1a(1469598103934665603ULL, digits));
        }
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    for (std::uint64_t n : numbers) f.numbers = mix64(f.numbers ^ n);
    return f;
}

std::optional<Fingerprint> fingerprint_of(const analysis::Analyzer& analyzer, std::string_view lead,
                                          std::string_view body) {
    auto tokens = analyzer.analyze(lead);
    auto b = analyzer.analyze(body);
    tokens.insert(tokens.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
    return fingerprint(tokens);
}

bool same_story(const Fingerprint& a, const Fingerprint& b, double threshold) {
    if (similarity(a.minhash, b.minhash) < threshold) return false;
    if (std::min(a.shingles, b.shingles) < kShortShingles && a.numbers != b.numbers) return false;
    return true;
}

double similarity(const Signature& a, const Signature& b) {
    std::size_t same = 0;
    for (std::size_t i = 0; i < kHashes; ++i) same += a[i] == b[i];
    return static_cast<double>(same) / kHashes;
}

double jaccard(std::vector<std::uint64_t> a, std::vector<std::uint64_t> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    if (a.empty() && b.empty()) return 0.0;
    std::vector<std::uint64_t> common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    return static_cast<double>(common.size()) / static_cast<double>(a.size() + b.size() - common.size());
}

namespace {
constexpr std::size_t kEncodedSize = kHashes * 4 + 4 + 8;

void put(std::string& out, std::uint64_t v, int bytes) {
    for (int k = 0; k < bytes; ++k) out += static_cast<char>((v >> (8 * k)) & 0xff);
}
std::uint64_t get(std::string_view in, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + k])) << (8 * k);
    return v;
}
}  // namespace

std::string encode(const Fingerprint& f) {
    std::string out;
    out.reserve(kEncodedSize);
    for (std::uint32_t v : f.minhash) put(out, v, 4);
    put(out, f.shingles, 4);
    put(out, f.numbers, 8);
    return out;
}

std::optional<Fingerprint> decode(std::string_view bytes) {
    if (bytes.size() != kEncodedSize) return std::nullopt;
    Fingerprint f;
    for (std::size_t i = 0; i < kHashes; ++i) f.minhash[i] = static_cast<std::uint32_t>(get(bytes, i * 4, 4));
    f.shingles = static_cast<std::uint32_t>(get(bytes, kHashes * 4, 4));
    f.numbers = get(bytes, kHashes * 4 + 4, 8);
    return f;
}

std::array<std::uint64_t, kBands> band_keys(const Signature& s) {
    std::array<std::uint64_t, kBands> keys{};
    for (std::size_t b = 0; b < kBands; ++b) {
        std::uint64_t h = mix64(b + 1);
        for (std::size_t r = 0; r < kRows; ++r) h = mix64(h ^ s[b * kRows + r]);
        keys[b] = h;
    }
    return keys;
}

std::vector<std::string> band_terms(const Signature& s) {
    std::vector<std::string> out;
    auto keys = band_keys(s);
    for (std::size_t b = 0; b < kBands; ++b) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%zx%016llx", b, static_cast<unsigned long long>(keys[b]));
        out.push_back(schema::term(schema::kVersionBand, buf));
    }
    return out;
}

void add_fingerprint(Xapian::Document& doc, const Fingerprint& f) {
    doc.add_value(schema::kSignatureSlot, encode(f));
    for (const auto& t : band_terms(f.minhash)) doc.add_boolean_term(t);
}

std::string group_key(const Xapian::Document& doc) { return doc.get_value(schema::kGroupSlot); }

std::string article_id(const Xapian::Document& doc) {
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(std::string(schema::kId));
    if (t == doc.termlist_end()) return {};
    std::string term = *t;
    if (term.rfind(schema::kId, 0) != 0) return {};
    if (schema::id_term_is_hashed(term)) return schema::decode_article(doc.get_data()).id;  // a long id
    return term.substr(schema::kId.size());
}

Xapian::Query group_query(const std::string& key) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kGroupSlot, key, key);
}

std::vector<Xapian::docid> group_members(const Xapian::Database& db, const std::string& key) {
    std::vector<Xapian::docid> out;
    if (key.empty()) return out;
    Xapian::Enquire enquire(db);
    enquire.set_query(group_query(key));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet m = enquire.get_mset(0, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(*it);
    return out;
}

RegroupStats regroup(Xapian::WritableDatabase& db, const std::vector<Xapian::docid>& seeds,
                     const GroupOptions& options) {
    std::unordered_map<Xapian::docid, std::optional<Fingerprint>> cache;
    auto load = [&](Xapian::docid d) -> const std::optional<Fingerprint>& {
        auto it = cache.find(d);
        if (it != cache.end()) return it->second;
        return cache.emplace(d, decode(db.get_document(d).get_value(schema::kSignatureSlot))).first->second;
    };
    Components comps;
    std::unordered_set<Xapian::docid> visited;
    std::vector<Xapian::docid> nodes;
    std::deque<Xapian::docid> queue;
    for (Xapian::docid d : seeds) {
        if (visited.count(d)) continue;
        try {
            (void)load(d);
        } catch (const Xapian::DocNotFoundError&) {
            continue;
        }
        visited.insert(d);
        nodes.push_back(d);
        queue.push_back(d);
    }
    while (!queue.empty()) {
        Xapian::docid d = queue.front();
        queue.pop_front();
        const auto sig = load(d);  // copy: load() may rehash the cache
        if (!sig) continue;
        for (const auto& term : band_terms(sig->minhash)) {
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
                Xapian::docid e = *p;
                if (e == d || comps.find(e) == comps.find(d)) continue;
                const auto& other = load(e);
                if (!other || !same_story(*sig, *other, options.threshold)) continue;
                comps.unite(d, e);
                if (visited.insert(e).second) {
                    nodes.push_back(e);
                    queue.push_back(e);
                }
            }
        }
    }
    return apply(db, nodes, comps);
}

namespace {
// Components over every fingerprinted article of `db`, in memory.
Components all_components(const Xapian::Database& db, const GroupOptions& options, std::vector<Xapian::docid>& ids) {
    std::vector<Fingerprint> sigs;
    for (auto v = db.valuestream_begin(schema::kSignatureSlot); v != db.valuestream_end(schema::kSignatureSlot); ++v) {
        if (auto s = decode(*v)) {
            ids.push_back(v.get_docid());
            sigs.push_back(*s);
        }
    }
    std::vector<std::array<std::uint64_t, kBands>> keys;
    keys.reserve(sigs.size());
    for (const auto& s : sigs) keys.push_back(band_keys(s.minhash));
    Components comps;
    for (std::size_t b = 0; b < kBands; ++b) {
        std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> buckets;
        for (std::uint32_t i = 0; i < sigs.size(); ++i) buckets[keys[i][b]].push_back(i);
        for (auto& [key, members] : buckets) {
            for (std::size_t x = 0; x < members.size(); ++x)
                for (std::size_t y = x + 1; y < members.size(); ++y) {
                    Xapian::docid a = ids[members[x]], c = ids[members[y]];
                    if (comps.find(a) == comps.find(c)) continue;
                    if (same_story(sigs[members[x]], sigs[members[y]], options.threshold)) comps.unite(a, c);
                }
        }
    }
    return comps;
}
}  // namespace

std::unordered_map<Xapian::docid, std::string> compute_groups(const Xapian::Database& db, RegroupStats* stats,
                                                              const GroupOptions& options) {
    std::vector<Xapian::docid> ids;
    Components comps = all_components(db, options, ids);
    RegroupStats st;
    auto keys = keys_of(db, ids, comps, st);
    if (stats) *stats = st;
    return keys;
}

RegroupStats regroup_all(Xapian::WritableDatabase& db, const GroupOptions& options) {
    std::vector<Xapian::docid> ids;
    Components comps = all_components(db, options, ids);
    // Every article with a signature, and every one still carrying a group
    // value (e.g. replaced by a text too short to compare).
    std::unordered_set<Xapian::docid> seen(ids.begin(), ids.end());
    std::vector<Xapian::docid> nodes = ids;
    std::unordered_map<Xapian::docid, std::string> current;
    for (auto v = db.valuestream_begin(schema::kGroupSlot); v != db.valuestream_end(schema::kGroupSlot); ++v) {
        current.emplace(v.get_docid(), *v);
        if (seen.insert(v.get_docid()).second) nodes.push_back(v.get_docid());
    }
    return apply(db, nodes, comps, &current);
}

}  // namespace haber::index::versions
