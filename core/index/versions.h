// Story versions: agencies re-issue a story with an updated lead or an extra
// paragraph, and archives hold copies. Articles whose lead+body are nearly
// the same text are grouped; a search shows each group once.
//
// Method (thresholds measured on kemik-42bin, benchmarks/RESULTS-dedup.md):
//  - shingles: every run of kShingleWords consecutive words of lead+body,
//    as the analysis chain folds them (Turkish lowercase, apostrophe suffix
//    removed: "Ankara'da" = "ankara"), numbers included;
//  - a MinHash signature of kHashes 32-bit minima over those shingles, kept
//    in schema::kSignatureSlot (absent below kMinShingles shingles: a one-line
//    text is not compared with anything);
//  - LSH: kBands bands of kRows minima, each a boolean term (schema::kVersionBand),
//    so the candidates of an article are found through Xapian posting lists;
//  - a candidate pair is a version pair if the signatures agree in at least
//    kDefaultThreshold of their minima (estimated Jaccard similarity of the
//    shingle sets) and, when either text is short (< kShortShingles), both
//    hold the same numbers: a templated short report ("Borsa güne 81.196
//    puanla başladı") differs from the next day's in its numbers only;
//  - groups are the connected components of that graph: independent of the
//    order articles were indexed in. The key of a group is its earliest dated
//    member (undated after dated), ties by smallest id; it is stored in
//    schema::kGroupSlot (the collapse key) on every member, and found back
//    with a value range query (group_query). An article without versions
//    has no group value.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"

namespace haber::index::versions {

inline constexpr std::size_t kHashes = 64;
inline constexpr std::size_t kBands = 16;
inline constexpr std::size_t kRows = 4;  // kBands * kRows == kHashes
inline constexpr std::size_t kShingleWords = 3;
inline constexpr std::size_t kMinShingles = 8;      // fewer: no signature, never grouped
inline constexpr std::size_t kMaxWords = 100000;    // words of a huge text past this are not shingled
inline constexpr std::size_t kShortShingles = 40;  // shorter: numbers must agree
inline constexpr double kDefaultThreshold = 0.6;    // measured: RESULTS-dedup.md

using Signature = std::array<std::uint32_t, kHashes>;

// What is stored of an article's text for comparison.
struct Fingerprint {
    Signature minhash{};
    std::uint32_t shingles = 0;  // distinct shingles
    std::uint64_t numbers = 0;   // hash of the set of numbers in the text (0: none)
};

// Hashes of the shingles of a token sequence (lead tokens then body tokens),
// sorted, distinct.
std::vector<std::uint64_t> shingles(const std::vector<analysis::AnalyzedToken>& tokens);
// nullopt if there are fewer than kMinShingles distinct shingles.
std::optional<Signature> signature(const std::vector<std::uint64_t>& shingle_hashes);
// The fingerprint of a token sequence; nullopt if too short to compare.
std::optional<Fingerprint> fingerprint(const std::vector<analysis::AnalyzedToken>& tokens);
// Lead and body, already normalised (Analyzer::normalize), analysed here.
std::optional<Fingerprint> fingerprint_of(const analysis::Analyzer& analyzer, std::string_view lead,
                                          std::string_view body);

// Estimated Jaccard similarity: the fraction of equal minima.
double similarity(const Signature& a, const Signature& b);
// The verification of a candidate pair (see the top of this file).
bool same_story(const Fingerprint& a, const Fingerprint& b, double threshold = kDefaultThreshold);
// Exact Jaccard similarity of two shingle-hash lists (for measurement).
double jaccard(std::vector<std::uint64_t> a, std::vector<std::uint64_t> b);

// Little-endian bytes in a value slot; decode is nullopt for anything else.
std::string encode(const Fingerprint& f);
std::optional<Fingerprint> decode(std::string_view bytes);
// The LSH band keys (kBands of them) and their terms.
std::array<std::uint64_t, kBands> band_keys(const Signature& s);
std::vector<std::string> band_terms(const Signature& s);
// Adds the fingerprint value and band terms to a document being built.
void add_fingerprint(Xapian::Document& doc, const Fingerprint& f);

struct GroupOptions {
    double threshold = kDefaultThreshold;
};

struct RegroupStats {
    std::size_t visited = 0;      // articles whose group was recomputed
    std::size_t groups = 0;       // groups (2+ articles) among them
    std::size_t grouped = 0;      // articles in those groups
    std::size_t largest = 0;      // articles in the largest group
    std::size_t updated = 0;      // documents whose group value or term changed
};

// Recomputes the groups of every component that holds one of `seeds`
// (docids; missing ones are ignored) or held it before the change: the
// caller passes the members of the old groups of changed and deleted
// articles too (old_group_members). The result is the same as regroup_all.
// Does not commit.
RegroupStats regroup(Xapian::WritableDatabase& db, const std::vector<Xapian::docid>& seeds,
                     const GroupOptions& options = {});
// Recomputes every group of the database. Does not commit.
RegroupStats regroup_all(Xapian::WritableDatabase& db, const GroupOptions& options = {});
// The groups of a read-only database (e.g. the shards of a bulk load seen as
// one): docid -> key, for grouped articles only.
std::unordered_map<Xapian::docid, std::string> compute_groups(const Xapian::Database& db,
                                                              RegroupStats* stats = nullptr,
                                                              const GroupOptions& options = {});
// Sets (or, with an empty key, clears) one document's group value.
void set_group(Xapian::WritableDatabase& db, Xapian::docid docid, const std::string& key);

// The key stored on an article ("" if it has no other version).
std::string group_key(const Xapian::Document& doc);
// All versions of a story: the articles whose group value is `key`
// (a value range query on schema::kGroupSlot), and their docids.
Xapian::Query group_query(const std::string& key);
std::vector<Xapian::docid> group_members(const Xapian::Database& db, const std::string& key);
// The article id of a document (its id term), "" if none.
std::string article_id(const Xapian::Document& doc);

}  // namespace haber::index::versions
