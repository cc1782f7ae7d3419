#include "search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <thread>
#include <tuple>

#include "analysis/stopwords.h"
#include "dates.h"
#include "index/schema.h"
#include "index/versions.h"

namespace haber::search {

std::optional<SortOrder> parse_sort(std::string_view name) {
    if (name == "relevance" || name == "rel") return SortOrder::Relevance;
    if (name == "date" || name == "date-desc" || name == "newest") return SortOrder::DateDesc;
    if (name == "date-asc" || name == "oldest") return SortOrder::DateAsc;
    if (name == "recency" || name == "recent") return SortOrder::Recency;
    return std::nullopt;
}

std::string sort_name(SortOrder s) {
    switch (s) {
        case SortOrder::DateDesc: return "date";
        case SortOrder::DateAsc: return "date-asc";
        case SortOrder::Recency: return "recency";
        default: return "relevance";
    }
}

// --- Recency ----------------------------------------------------------------

std::optional<long> RecencyPostingSource::day_number(std::string_view v) { return dates::day_number(v); }

RecencyPostingSource::RecencyPostingSource(Xapian::valueno slot, std::string newest_yyyymmdd,
                                           double half_life_days, double max_weight)
    : Xapian::ValuePostingSource(slot), newest_(std::move(newest_yyyymmdd)),
      half_life_(half_life_days > 0 ? half_life_days : 365.0), max_weight_(std::max(0.0, max_weight)) {
    newest_day_ = day_number(newest_).value_or(0);
    set_maxweight(max_weight_);
}

void RecencyPostingSource::init(const Xapian::Database& db) {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(max_weight_);  // init() may reset it
}

double RecencyPostingSource::get_weight() const {
    auto day = day_number(get_value());
    if (!day) return 0.0;
    double age = static_cast<double>(std::max(0L, newest_day_ - *day));
    return max_weight_ * std::exp2(-age / half_life_);
}

RecencyPostingSource* RecencyPostingSource::clone() const {
    return new RecencyPostingSource(get_slot(), newest_, half_life_, max_weight_);
}

std::string RecencyPostingSource::get_description() const {
    char buf[160];
    std::snprintf(buf, sizeof buf, "RecencyPostingSource(slot %u, newest %s, half-life %g days, max %g)",
                  static_cast<unsigned>(get_slot()), newest_.c_str(), half_life_, max_weight_);
    return buf;
}

// --- Facets -------------------------------------------------------------------

std::string facet_filter(const Facet& facet, const FacetValue& v) {
    std::string value;
    for (char c : v.value)
        if (c != '"') value += c;
    bool plain = !value.empty() && value.find_first_of(" \t()") == std::string::npos;
    return facet.field + ":" + (plain ? value : "\"" + value + "\"");
}

namespace {

Facet make_facet(std::string name, std::string field, const std::map<std::string, std::size_t>& counts,
                 std::size_t top) {
    Facet f;
    f.name = std::move(name);
    f.field = std::move(field);
    f.distinct = counts.size();
    for (const auto& [v, c] : counts) f.values.push_back({v, c});
    std::stable_sort(f.values.begin(), f.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (f.values.size() > top) f.values.resize(top);
    return f;
}

std::map<std::string, std::size_t> spy_counts(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, std::size_t> out;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
        if (!(*it).empty()) out[*it] += it.get_termfreq();
    return out;
}

// A reader meets a database between two revisions while a writer commits:
// DatabaseModifiedError (blocks of the revision it reads were reused), and
// while it opens or reopens, DatabaseOpeningError or DatabaseCorruptError (a
// table of the new revision not yet in place). Reopening after a short pause
// resolves them; only what persists this long is reported.
constexpr std::chrono::milliseconds kRetryFor{2000};

// Pauses between attempts: 1, 2, 4 ... 100 ms, until kRetryFor has passed.
class Backoff {
public:
    // Sleeps before the next attempt; false (no sleep) once the time is up.
    bool pause() {
        auto now = std::chrono::steady_clock::now();
        if (now >= deadline_) return false;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(wait_, deadline_ - now));
        wait_ = std::min(wait_ * 2, std::chrono::milliseconds(100));
        return true;
    }
private:
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::now() + kRetryFor;
    std::chrono::milliseconds wait_{1};
};

const std::string kStillChanging =
    "the database keeps changing underneath (a writer committed throughout " +
    std::to_string(kRetryFor.count() / 1000) + " s of retries); try again";

std::string still_unreadable(const Xapian::Error& e) {
    return "the database cannot be read: " + e.get_msg() + " (still after retrying for " +
           std::to_string(kRetryFor.count() / 1000) +
           " s; if no haber-index is writing to it, it is damaged \u2014 rebuild it with haber-index)";
}

// Runs f() until it returns; when a transient error interrupts it, pauses,
// calls recover() (reopen) and runs it again, for up to kRetryFor. Other
// database errors become DatabaseError at once.
template <class F, class R>
auto transient_retry(F&& f, R&& recover) -> decltype(f()) {
    Backoff backoff;
    for (bool first = true;; first = false) {
        try {
            if (!first) recover();
            return f();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (!backoff.pause()) throw DatabaseError(kStillChanging);
        } catch (const Xapian::DatabaseCorruptError& e) {
            if (!backoff.pause()) throw DatabaseError(still_unreadable(e));
        } catch (const Xapian::DatabaseOpeningError& e) {
            if (!backoff.pause()) throw DatabaseError(still_unreadable(e));
        } catch (const Xapian::DatabaseError& e) {
            throw DatabaseError("database error: " + e.get_description());
        }
    }
}

}  // namespace

Xapian::Database open_database(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path.empty() || !fs::exists(path, ec))
        throw DatabaseError("no haber database at " + path + " \u2014 run haber-index first");
    Xapian::Database db;
    for (Backoff backoff;;) {
        try {
            db = Xapian::Database(path);
            db.get_metadata(schema::kMetaSchemaVersion);  // reads a table: may meet a commit too
            break;
        } catch (const Xapian::DatabaseCorruptError& e) {
            // Also what a reader sees of a commit in progress: not yet "rebuild it".
            if (!backoff.pause())
                throw DatabaseError("the haber database at " + path + " is corrupt: " + e.get_msg() +
                                    " (still after retrying for " + std::to_string(kRetryFor.count() / 1000) +
                                    " s; if no haber-index is writing to it, rebuild it with haber-index)");
        } catch (const Xapian::DatabaseVersionError& e) {
            throw DatabaseError("the database at " + path + " has an unsupported format: " + e.get_msg());
        } catch (const Xapian::DatabaseOpeningError& e) {
            // Xapian reads a plain file as a stub listing databases; a file
            // that is not one gets its parser's "Bad line", which says
            // nothing to someone who named the wrong file.
            if (fs::is_regular_file(path, ec)) {
                std::string msg = e.get_msg(), where;
                if (std::size_t bad = msg.rfind(": Bad line"); bad != std::string::npos) {
                    std::size_t colon = msg.rfind(':', bad - 1);
                    if (colon != std::string::npos) where = " (line " + msg.substr(colon + 1, bad - colon - 1) + ")";
                }
                throw DatabaseError(path + " is a file, not a haber database: a database is the directory "
                                    "haber-index writes, or a Xapian stub file of lines such as 'auto 2022.db'" +
                                    (where.empty() ? " (" + msg + ")" : ", which this file is not" + where));
            }
            if (fs::is_directory(path, ec) && fs::is_empty(path, ec))
                throw DatabaseError("no haber database at " + path + " (empty directory) \u2014 run haber-index first");
            // A Xapian database being committed to: try again. Anything else
            // (a directory of other files) cannot be opened, now or later.
            bool xapian_dir = fs::exists(fs::path(path) / "iamglass", ec) || fs::exists(fs::path(path) / "iamchert", ec);
            if (!xapian_dir || !backoff.pause())
                throw DatabaseError("cannot open a haber database at " + path + ": " + e.get_msg());
        } catch (const Xapian::DatabaseModifiedError&) {
            if (!backoff.pause()) throw DatabaseError(kStillChanging);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot open a haber database at " + path + ": " + e.get_description());
        }
    }
    try {
        std::string version = db.get_metadata(schema::kMetaSchemaVersion);
        if (version.empty() && db.get_doccount() > 0)
            throw DatabaseError(path + " is a Xapian database but not a haber index (no " +
                                std::string(schema::kMetaSchemaVersion) + " metadata)");
        if (!version.empty() && version != schema::kSchemaVersion)
            throw DatabaseError("the haber database at " + path + " has schema version " + version +
                                ", this haber-search reads version " + schema::kSchemaVersion +
                                " \u2014 re-index with this version of haber-index");
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read the haber database at " + path + ": " + e.get_description());
    }
    return db;
}

Searcher::Searcher(const std::vector<std::string>& db_paths) : paths_(db_paths) {
    if (paths_.empty()) throw DatabaseError("no database given");
    std::optional<analysis::StemConfig> config;
    for (const auto& p : paths_) {
        Xapian::Database one = open_database(p);
        analysis::StemConfig c = schema::stem_config_of(one);
        if (!config) config = c;
        else if (config->name() != c.name())
            throw DatabaseError("databases were built with different stemmers (" + config->name() + " vs " +
                                c.name() + " in " + p + "); search them separately");
        db_.add_database(one);
    }
    analyzer_ = std::make_unique<analysis::Analyzer>(*config);
    transient_retry([&] { load_synonyms(); }, [&] { db_.reopen(); });
}

void Searcher::load_synonyms() {
    SynonymList rules = SynonymList::shipped();
    try {
        SynonymList stored;
        stored.load_database(db_);
        rules.append(stored);
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // transient (a writer committing): the caller retries
    } catch (const Xapian::DatabaseCorruptError&) {
        throw;
    } catch (const Xapian::DatabaseOpeningError&) {
        throw;
    } catch (const Xapian::DatabaseError& e) {
        throw DatabaseError("cannot read the synonyms stored in the database: " + e.get_description());
    }
    rules.append(user_synonyms_);
    synonym_rules_ = std::move(rules);
    synonyms_ = SynonymIndex(synonym_rules_, *analyzer_);
}

void Searcher::add_synonyms(const SynonymList& rules) {
    user_synonyms_.append(rules);
    transient_retry([&] { load_synonyms(); }, [&] { db_.reopen(); });
}

void Searcher::reopen() {
    // A new revision may carry new synonym rules (haber-index --synonyms);
    // `changed` keeps that known when loading them must be retried.
    bool changed = false;
    transient_retry(
        [&] {
            changed = db_.reopen() || changed;
            if (changed) load_synonyms();
        },
        [] {});
}

std::string Searcher::snippet_text(const Article& a) {
    if (a.lead.empty()) return a.body;
    if (a.body.empty()) return a.lead;
    return a.lead + "\n\n" + a.body;
}

ParsedQuery Searcher::parse(std::string_view query, const SearchOptions& options) const {
    ParseOptions po;
    po.any = options.any;
    po.from = options.from;
    po.to = options.to;
    if (options.synonyms) po.synonyms = &synonyms_;
    po.vocabulary = &db_;
    po.proximity = options.ranking.proximity;
    po.slack = options.ranking.slack;
    po.coordination = options.ranking.coordination;
    po.exact = options.ranking.exact;
    po.phrase_exact = options.ranking.phrase_exact;
    po.phrase_rerank = phrase_rerank_window(options);
    return QueryParser(*analyzer_).parse(query, po);
}

SearchResult Searcher::search(std::string_view query, const SearchOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    reopen();  // before parsing: a new revision may bring new synonym rules
    // Parsing reads the database too (the fold table, archive forms): a
    // commit meeting it is retried like the search itself.
    auto parse_live = [&](const SearchOptions& o) {
        return transient_retry([&] { return parse(query, o); }, [&] { reopen(); });
    };
    SearchResult r = execute(parse_live(options), options, t0);
    if (r.total == 0 && r.parsed.relaxable && options.ranking.relax) {
        SearchOptions any = options;
        any.any = true;
        SearchResult relaxed = execute(parse_live(any), any, t0);
        if (relaxed.total > 0) {
            relaxed.relaxed = true;
            relaxed.parsed.words = r.parsed.words;
            r = std::move(relaxed);
        }
    } else if (r.total > 0 && r.parsed.relaxable && options.ranking.slack > 0 && !options.any) {
        // Words may be missing (slack): say so when no article has them all.
        SearchOptions strict = options;
        strict.ranking.slack = 0;
        r.relaxed = !has_match(parse_live(strict).query);
    }
    if (r.relaxed)
        r.parsed.notes.push_back("no article has every word: showing the articles with most of them");
    add_notices(r, options);
    if (options.suggest.enabled) {
        r.suggestion = transient_retry(
            [&] { return Suggester(db_, options.suggest).suggest(r.parsed, r.total < options.suggest.few_results); },
            [&] { reopen(); });
        r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    }
    return r;
}

void Searcher::add_notices(SearchResult& r, const SearchOptions& options) const {
    r.notices.insert(r.notices.end(), r.parsed.warnings.begin(), r.parsed.warnings.end());
    bool dates_asked = r.parsed.date_filter || options.sort != SortOrder::Relevance;
    if (!dates_asked) return;
    bool dated = true;
    try {
        dated = db_.get_value_freq(schema::kDateSlot) > 0;
    } catch (const Xapian::Error&) {
        return;  // a backend that cannot tell (remote): no notice
    }
    if (dated) return;
    if (r.parsed.date_filter)
        r.notices.push_back("no article in this archive has a date: date filters (date:, --from, --to) match nothing");
    if (options.sort == SortOrder::DateDesc || options.sort == SortOrder::DateAsc)
        r.notices.push_back("no article in this archive has a date: --sort " + sort_name(options.sort) +
                            " keeps the relevance order");
    if (options.sort == SortOrder::Recency)
        r.notices.push_back("no article in this archive has a date: --sort recency ranks by relevance alone");
}

bool Searcher::has_match(const Xapian::Query& query) {
    if (query.empty()) return false;
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Enquire enquire(db_);
            enquire.set_query(query);
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            return enquire.get_mset(0, 0, 1).get_matches_lower_bound() > 0;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw DatabaseError("the database keeps changing underneath; try again");
            reopen();
        } catch (const Xapian::DatabaseError& e) {
            throw DatabaseError("database error: " + e.get_description());
        }
    }
}

std::size_t phrase_rerank_window(const SearchOptions& options) {
    const bool ranked = options.sort == SortOrder::Relevance || options.sort == SortOrder::Recency;
    return ranked ? options.ranking.phrase_rerank : 0;
}

// The positions in `mset` of the page to show. Re-ranked (the mset then
// starts at the first match): the articles holding more of the query's
// phrases exactly as typed first, ties in score order, and the page cut
// from that order. Articles read on the way are kept in `articles`.
std::vector<Xapian::doccount> Searcher::page_order(const Xapian::MSet& mset, const std::vector<TypedPhrase>& phrases,
                                                   const SearchOptions& options, bool rerank,
                                                   std::vector<std::optional<Article>>& articles) {
    std::vector<Xapian::doccount> order(mset.size());
    for (Xapian::doccount i = 0; i < order.size(); ++i) order[i] = i;
    if (!rerank) return order;
    ExactPhraseMatcher matcher(phrases);
    const auto reranked = std::min<Xapian::doccount>(mset.size(), options.ranking.phrase_rerank);
    std::vector<std::size_t> held(reranked, 0);
    // Once the page is filled with articles holding every phrase, those
    // after them cannot reach it: they are not read.
    const std::size_t page_end = options.offset + options.limit;
    std::size_t full = 0;
    for (Xapian::doccount i = 0; i < reranked && full < page_end && !matcher.empty(); ++i) {
        std::string data = mset[i].get_document().get_data();
        if (!matcher.may_hold(data)) continue;
        articles[i] = schema::decode_article(data);
        held[i] = matcher.count(*articles[i]);
        if (held[i] == matcher.size()) ++full;
    }
    std::stable_sort(order.begin(), order.begin() + reranked, [&](auto a, auto b) { return held[a] > held[b]; });
    std::size_t from = std::min<std::size_t>(options.offset, order.size());
    std::size_t to = std::min<std::size_t>(options.offset + options.limit, order.size());
    return {order.begin() + static_cast<std::ptrdiff_t>(from), order.begin() + static_cast<std::ptrdiff_t>(to)};
}

SearchResult Searcher::execute(ParsedQuery parsed, const SearchOptions& options,
                               std::chrono::steady_clock::time_point t0) {
    SearchResult r;
    r.parsed = std::move(parsed);
    r.offset = options.offset;
    r.limit = options.limit;
    Backoff backoff;
    for (int attempt = 0;; ++attempt) {
        try {
            if (attempt > 0) reopen();  // the callers reopened just before parsing
            r.hits.clear();
            if (r.parsed.query.empty()) {
                r.total = 0;
                r.total_exact = true;
                r.articles_exact = true;
                r.has_facets = options.facets > 0;
                break;
            }
            Xapian::Enquire enquire(db_);
            enquire.set_query(r.parsed.query);
            enquire.set_weighting_scheme(Xapian::BM25Weight(options.ranking.k1, 0, 1, options.ranking.b, 0.5));
            // Each story once: articles without versions have no group value
            // and are never collapsed.
            if (options.collapse_versions) enquire.set_collapse_key(schema::kGroupSlot);
            if (options.sort == SortOrder::DateDesc)
                enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
            else if (options.sort == SortOrder::DateAsc)
                enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
            else if (options.sort == SortOrder::Recency && options.recency.weight > 0) {
                std::string newest = db_.get_value_upper_bound(schema::kDateSlot);
                if (RecencyPostingSource::day_number(newest)) {
                    // top: the best BM25 score of the text query alone.
                    double top = enquire.get_mset(0, 1).get_max_attained();
                    double max_boost = options.recency.weight * (top > 0 ? top : 1.0);
                    auto* source = new RecencyPostingSource(schema::kDateSlot, newest,
                                                            options.recency.half_life_days, max_boost);
                    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, r.parsed.query,
                                                    Xapian::Query(source->release())));
                }
            }
            r.scored = enquire.get_query();
            auto check = static_cast<Xapian::doccount>(
                std::max(options.offset + options.limit, options.exact_count_up_to));
            // Owned by the Enquire (release()), alive while it is.
            std::vector<Xapian::ValueCountMatchSpy*> spies;
            if (options.facets > 0) {
                for (Xapian::valueno slot : {schema::kDateSlot, schema::kCategorySlot, schema::kPlaceSlot,
                                             schema::kSourceSlot}) {
                    auto* spy = new Xapian::ValueCountMatchSpy(slot);
                    spies.push_back(spy);
                    enquire.add_matchspy(spy->release());
                }
                // Every match must reach the spies for the counts to be exact.
                check = std::max(check, db_.get_doccount());
            }
            // Collapsed, the articles (every version) are counted by a spy:
            // Xapian's uncollapsed bounds stay estimates.
            Xapian::ValueCountMatchSpy* tally = nullptr;
            if (options.collapse_versions && spies.empty()) {
                tally = new Xapian::ValueCountMatchSpy(schema::kGroupSlot);
                enquire.add_matchspy(tally->release());
            }
            // Quoted phrases re-rank the first phrase_rerank matches, so
            // those are fetched whole and the page is cut from them.
            const bool rerank = phrase_rerank_window(options) > 0 && !r.parsed.phrases.empty();
            const std::size_t window = std::max(options.offset + options.limit, options.ranking.phrase_rerank);
            const auto first = static_cast<Xapian::doccount>(rerank ? 0 : options.offset);
            const auto wanted = static_cast<Xapian::doccount>(rerank ? window : options.limit);
            Xapian::MSet mset = enquire.get_mset(first, wanted, std::max<Xapian::doccount>(check, first + wanted));
            r.total = mset.get_matches_estimated();
            r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
            // Xapian 1.4 keeps estimating the collapsed total (a query of
            // several terms: 4 stories estimated as 7) even when every match
            // was examined; then its lower bound is the exact count. Fewer
            // proven matches than `check` means the matcher saw them all.
            r.scored = enquire.get_query();
            if (options.collapse_versions && mset.get_uncollapsed_matches_lower_bound() < check) {
                r.total = mset.get_matches_lower_bound();
                r.total_exact = true;
            }
            // Collapsed, Xapian 1.4's uncollapsed bounds are estimates even
            // when every match was seen; the facet spies' tally is exact.
            // The spies saw every match when the total is exact.
            if (!options.collapse_versions) {
                r.articles = r.total;
                r.articles_exact = r.total_exact;
            } else if (!spies.empty()) {
                r.articles = spies[0]->get_total();
                r.articles_exact = true;
            } else if (r.total_exact) {
                r.articles = tally->get_total();
                r.articles_exact = true;
            } else {
                r.articles = mset.get_uncollapsed_matches_estimated();
                r.articles_exact = false;
            }
            r.has_facets = options.facets > 0;
            r.facets.clear();
            if (!spies.empty()) {
                std::map<std::string, std::size_t> years, months;
                for (const auto& [date, n] : spy_counts(*spies[0])) {
                    std::string year = dates::year_of_value(date);
                    if (year.empty()) continue;
                    years[year] += n;
                    months[dates::month_of_value(date)] += n;
                }
                r.facets.push_back(make_facet("year", "date", years, options.facets));
                r.facets.push_back(make_facet("month", "date", months, options.facets));
                r.facets.push_back(make_facet("category", "category", spy_counts(*spies[1]), options.facets));
                r.facets.push_back(make_facet("place", "place", spy_counts(*spies[2]), options.facets));
                r.facets.push_back(make_facet("source", "source", spy_counts(*spies[3]), options.facets));
            }
            std::vector<std::optional<Article>> articles(mset.size());
            std::vector<Xapian::doccount> order = page_order(mset, r.parsed.phrases, options, rerank, articles);
            std::size_t rank = options.offset;
            for (Xapian::doccount i : order) {
                Xapian::MSetIterator it = mset[i];
                Hit h;
                h.rank = ++rank;
                h.docid = *it;
                h.score = it.get_weight();
                h.percent = it.get_percent();
                Xapian::Document doc = it.get_document();
                h.article = articles[i] ? std::move(*articles[i]) : schema::decode_article(doc.get_data());
                h.group = doc.get_value(schema::kGroupSlot);
                if (!h.group.empty()) {
                    Xapian::Enquire count(db_);
                    count.set_query(index::versions::group_query(h.group));
                    count.set_weighting_scheme(Xapian::BoolWeight());
                    Xapian::doccount n = count.get_mset(0, 0, db_.get_doccount()).get_matches_lower_bound();
                    h.versions = n > 0 ? n - 1 : 0;
                    if (options.collapse_versions) h.collapsed = it.get_collapse_count();
                }
                h.title = highlight_all(*analyzer_, h.article.title, r.parsed.highlight);
                h.snippet = make_snippet(*analyzer_, snippet_text(h.article), r.parsed.highlight, options.snippet);
                r.hits.push_back(std::move(h));
            }
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (!backoff.pause()) throw DatabaseError(kStillChanging);
        } catch (const Xapian::DatabaseCorruptError& e) {
            if (!backoff.pause()) throw DatabaseError(still_unreadable(e));
        } catch (const Xapian::DatabaseOpeningError& e) {
            if (!backoff.pause()) throw DatabaseError(still_unreadable(e));
        } catch (const Xapian::DatabaseError& e) {
            throw DatabaseError("database error: " + e.get_description());
        }
    }
    r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

namespace {

// Runs `f` on the reopened database, again (reopened, after a pause) while
// a writer committing makes it fail, for up to kRetryFor; Xapian's database
// errors become DatabaseError.
template <class F>
auto retrying(Searcher& searcher, F&& f) -> decltype(f()) {
    return transient_retry(
        [&] {
            searcher.reopen();
            return f();
        },
        [] {});
}

// The document of the article with this id.
std::optional<Xapian::docid> docid_of(const Xapian::Database& db, std::string_view id) {
    std::string term = schema::id_term(id);
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return std::nullopt;
    return *p;
}

}  // namespace

std::optional<Article> Searcher::article(std::string_view id) {
    return retrying(*this, [&]() -> std::optional<Article> {
        auto did = docid_of(db_, id);
        if (!did) return std::nullopt;
        return schema::decode_article(db_.get_document(*did).get_data());
    });
}

std::optional<std::vector<Article>> Searcher::versions(std::string_view id) {
    return retrying(*this, [&]() -> std::optional<std::vector<Article>> {
        auto did = docid_of(db_, id);
        if (!did) return std::nullopt;
        Xapian::Document doc = db_.get_document(*did);
        std::vector<Article> out;
        std::string key = doc.get_value(schema::kGroupSlot);
        if (key.empty()) {
            out.push_back(schema::decode_article(doc.get_data()));
            return out;
        }
        std::vector<std::pair<std::string, Article>> all;
        for (Xapian::docid q : index::versions::group_members(db_, key)) {
            Xapian::Document d = db_.get_document(q);
            std::string date = d.get_value(schema::kDateSlot);
            all.emplace_back(date.empty() ? "~" : date, schema::decode_article(d.get_data()));
        }
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
            return std::tie(a.first, a.second.id) < std::tie(b.first, b.second.id);
        });
        for (auto& [date, a] : all) out.push_back(std::move(a));
        return out;
    });
}

// --- Related stories ------------------------------------------------------------

namespace {

// The terms "more like this" may use: text stems (title words are among
// them) that are words (not numbers, not stop words).
class RelatedTermDecider : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.size() < 3) return false;
        std::string_view prefix = schema::kBodyStem;
        if (term.compare(0, prefix.size(), prefix) != 0) return false;
        std::string_view stem = std::string_view(term).substr(prefix.size());
        if (stem.find_first_of("0123456789") != std::string_view::npos) return false;
        return !analysis::is_stopword(stem);
    }
};

constexpr Xapian::termcount kRelatedTerms = 30;

}  // namespace

std::optional<SearchResult> Searcher::related(std::string_view id, const SearchOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    ParsedQuery parsed;
    parsed.text = "related:" + std::string(id);
    bool found = retrying(*this, [&]() {
        auto did = docid_of(db_, id);
        if (!did) return false;
        Xapian::RSet rset;
        rset.add_document(*did);
        Xapian::Enquire enquire(db_);
        RelatedTermDecider decider;
        Xapian::ESet eset = enquire.get_eset(kRelatedTerms, rset, &decider);
        std::vector<Xapian::Query> terms;
        std::string listed;
        double top = eset.empty() ? 1.0 : eset.begin().get_weight();
        for (auto it = eset.begin(); it != eset.end(); ++it) {
            const std::string& term = *it;
            // Stronger evidence counts more, but every chosen term counts.
            double scale = 0.5 + 0.5 * (top > 0 ? it.get_weight() / top : 1.0);
            terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale);
            std::string stem = term.substr(1);
            parsed.highlight.stems.insert(stem);
            if (listed.find("\"" + stem + "\"") == std::string::npos)
                listed += (listed.empty() ? "" : " ") + std::string("\"") + stem + "\"";
        }
        parsed.notes = {"related to article " + std::string(id) + ": the " + std::to_string(eset.size()) +
                            " text terms that best tell it apart (Xapian ESet), any may match",
                        "terms: " + listed};
        parsed.query = Xapian::Query();
        if (!terms.empty()) {
            // Not the article itself, nor its other versions (copies and
            // re-issues are what it is, not what it relates to).
            Xapian::Query self(schema::id_term(id));
            std::string group = db_.get_document(*did).get_value(schema::kGroupSlot);
            if (!group.empty()) {
                self = Xapian::Query(Xapian::Query::OP_OR, self,
                                     Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kGroupSlot, group, group));
                parsed.notes.push_back("its other versions (story " + group + ") left out");
            }
            parsed.query = Xapian::Query(Xapian::Query::OP_AND_NOT,
                                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), self);
        }
        return true;
    });
    if (!found) return std::nullopt;
    if (!options.from.empty() || !options.to.empty()) {
        // --from/--to narrow related stories as they narrow a search.
        ParsedQuery dates = parse("", options);
        if (!dates.query.empty() && !parsed.query.empty())
            parsed.query = Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, dates.query);
        parsed.notes.insert(parsed.notes.end(), dates.notes.begin() + 1, dates.notes.end());
        parsed.has_filters = true;
        parsed.date_filter = true;
    }
    SearchResult r = execute(std::move(parsed), options, t0);
    add_notices(r, options);
    return r;
}

}  // namespace haber::search
