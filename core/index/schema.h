// The index schema, defined once: term prefixes, value slots, stored fields
// and database metadata keys shared by haber-index and haber-search.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/stemmer.h"
#include "article.h"

namespace haber::schema {

// --- Term prefixes -------------------------------------------------------
// Xapian's conventions (Omega's, and TermGenerator's) where one exists: Z a
// stem, S the title (subject), Q the unique id, Y year, M month, no prefix
// an unstemmed word; user-defined prefixes start with X. Text terms are
// lowercase, so the uppercase prefixes never clash with them.
inline constexpr std::string_view kBodyStem = "Z";    // text stems, positional: dateline place, title
                                                      // (wdf kTitleWdf a word), lead (kLeadWdf),
                                                      // body; the terms of ranked queries
inline constexpr std::string_view kTitleStem = "S";   // title stems, positional (title: queries)
inline constexpr std::string_view kExact = "";        // exact lowercased forms, title+lead+body, no
                                                      // positions: unprefixed (is_exact_term)
inline constexpr std::string_view kId = "Q";          // unique id term
inline constexpr std::string_view kPlace = "XP";      // keyword fields: whole value,
inline constexpr std::string_view kCategory = "XC";   //   Turkish-lowercased then ASCII-folded
inline constexpr std::string_view kSource = "XS";
inline constexpr std::string_view kYear = "Y";        // "Y2022"
inline constexpr std::string_view kMonth = "M";       // "M202201"
// Story versions (core/index/versions.h): boolean terms, no wdf.
inline constexpr std::string_view kVersionBand = "XV";  // LSH band of the MinHash signature:
                                                        //   "XV" + band (1 hex digit) + 16 hex digits

// --- The fold table ------------------------------------------------------
// A word typed without Turkish letters (ozbekistan) reaches the text stems
// whose ASCII fold it is (özbekistan) through the fold table: Xapian's
// synonym table, one key a fold (kFoldKey + fold), its synonyms the stems
// (without prefix) that fold to it and differ from it. Schema 2 indexed a
// positional Y/T term for each such token instead: 27 % of the positions.
// User synonym rules (search/synonyms.h) share the table and skip these keys.
inline constexpr std::string_view kFoldKey = "\x01";

// --- Value slots ---------------------------------------------------------
enum Slot : Xapian::valueno {
    kDateSlot = 0,      // "YYYYMMDD" (string order == date order); absent if no date
    kCategorySlot = 1,  // keyword value as displayed
    kPlaceSlot = 2,
    kSourceSlot = 3,
    kBodyHashSlot = 4,  // hash of normalised body, for duplicate detection
    kSignatureSlot = 5, // MinHash fingerprint of lead+body shingles (binary, versions.h);
                        //   absent if the text is too short to compare
    kGroupSlot = 6,     // id of the story's key member (collapse key; all versions of a
                        //   story: a value range query on it); absent for an article
                        //   with no other version. Not also a term: adding a term to
                        //   written documents is slow in Xapian 1.4 (RESULTS-dedup.md)
};

// --- Metadata keys -------------------------------------------------------
inline constexpr const char* kMetaSchemaVersion = "haber.schema";
inline constexpr const char* kMetaStemmer = "haber.stemmer";
// 2: the lemma stemmer; title and place words in the Z/Y text terms.
// 3: no Y/T terms: ASCII folds in the fold table.
// 4: Xapian's prefix conventions: exact forms unprefixed (were E), year Y
//    and month M (were XY, XM).
// 5: lead words count kLeadWdf times in the text terms; the lemma stage no
//    longer softens or doubles a one-syllable root that does not (kadın
//    is not kat, kendi not kent, madde not mat), so stems changed.
// 6: stems and positions changed: only a closed class of nouns drops its
//    vowel (kurşun is not kuruş), a front-vowel root takes no back suffix
//    (veya is not ve), a Snowball-only stem yields to a hunspell root
//    (arasında is ara, not aras), a verb's a/e narrowed before -yor is
//    read back (başlıyordu is başla), and a line wrapped inside a sentence
//    is no paragraph break (phrases match across it).
// 7: stems changed: the lexicon knows the verbs that start with ç, ö, ş or
//    ü (çıktığı is çık, ödedi öde), a proper-name root yields to a noun
//    (ülkenin is ülke, not Ülken), and the aorist -ar/-er follows a verb of
//    one syllable only (sorular is soru, veriler veri).
// 8: stems changed: a word hunspell lists only as a proper name is the noun
//    with -sı/-si after a vowel or -la/-le after a consonant (babası is
//    baba, vergisi vergi, devletle devlet).
inline constexpr const char* kSchemaVersion = "8";

// Ranking: a title word counts this many times in the text terms' wdf, so a
// query word matched in the title weighs more within one BM25 term (the
// BM25F way) instead of being a second query term.
inline constexpr Xapian::termcount kTitleWdf = 2;
// A lead word (the standfirst that sums up a wire story) counts this many
// times too: what a user remembers of a story, and what its headline says,
// is mostly in the lead. Chosen on the development half of the known-item
// and headline sets (benchmarks/RESULTS-retrieval.md, session 4).
inline constexpr Xapian::termcount kLeadWdf = 2;
// Positions between fields (place, title, lead, body), so phrases never span two.
inline constexpr Xapian::termpos kFieldGap = 100;

// Xapian's limit on the length of a term, in bytes.
inline constexpr std::size_t kMaxTermBytes = 245;

// Xapian term (bounded to Xapian's 245-byte limit) for prefix+text.
std::string term(std::string_view prefix, std::string_view text);
// The unique term of an article's id: "Q" + id while that fits the limit
// (ids of up to 244 bytes, unchanged since schema 1). A longer id keeps its
// first 211 bytes (fewer rather than split a character), then "#" and 32
// hex digits of a 128-bit hash of the whole id, so that long ids sharing
// their first 244 bytes stay apart. The full id is in the stored article.
std::string id_term(std::string_view id);
// True if the id term may be a long id's hashed form (then the id is read
// from the stored article, not from the term).
bool id_term_is_hashed(std::string_view term);
// True if `term` is an exact form (kExact: no prefix). Every prefixed term
// starts with an uppercase ASCII letter, so in Xapian's sorted term list
// the exact forms are the terms before "A" (numbers) and from
// kAfterPrefixed on (words).
bool is_exact_term(std::string_view term);
inline constexpr std::string_view kAfterPrefixed = "[";  // the byte after 'Z'
// If `it` (over all terms or a document's terms) is at a prefixed term, moves
// it past all of them (to the first word, or to `end`).
void skip_prefixed(Xapian::TermIterator& it, const Xapian::TermIterator& end);
// The fold table's key of an ASCII fold, and whether a synonym key is one.
std::string fold_key(std::string_view ascii);
bool is_fold_key(std::string_view key);
// The stems whose ASCII fold is `ascii` and differs from them ("ozbekistan"
// → "özbekistan"); empty if none, or if the database predates the table.
std::vector<std::string> unfold(const Xapian::Database& db, std::string_view ascii);

// Keyword field value (place, category, source) → the text of its term.
std::string keyword_key(std::string_view value);
// "2022-01-05" or "2022-01-05T10:00:00Z" → "20220105"; empty if not a valid
// date (dates::value, core/dates.h).
std::string date_value(std::string_view date);

// Stored fields: the article is kept as JSON in the document data.
std::string encode_article(const Article& a);
Article decode_article(const std::string& data);

// The stemmer a database was built with (default if not recorded).
analysis::StemConfig stem_config_of(const Xapian::Database& db);

}  // namespace haber::schema
