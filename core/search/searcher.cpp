#include "search/searcher.h"

#include <chrono>
#include <filesystem>

#include "index/schema.h"

namespace haber::search {

std::optional<SortOrder> parse_sort(std::string_view name) {
    if (name == "relevance" || name == "rel") return SortOrder::Relevance;
    if (name == "date" || name == "date-desc" || name == "newest") return SortOrder::DateDesc;
    if (name == "date-asc" || name == "oldest") return SortOrder::DateAsc;
    return std::nullopt;
}

std::string sort_name(SortOrder s) {
    switch (s) {
        case SortOrder::DateDesc: return "date";
        case SortOrder::DateAsc: return "date-asc";
        default: return "relevance";
    }
}

Xapian::Database open_database(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path.empty() || !fs::exists(path, ec))
        throw DatabaseError("no haber database at " + path + " \u2014 run haber-index first");
    Xapian::Database db;
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw DatabaseError("the haber database at " + path + " is corrupt: " + e.get_msg() +
                            " \u2014 rebuild it with haber-index");
    } catch (const Xapian::DatabaseVersionError& e) {
        throw DatabaseError("the database at " + path + " has an unsupported format: " + e.get_msg());
    } catch (const Xapian::DatabaseOpeningError& e) {
        if (fs::is_directory(path, ec) && fs::is_empty(path, ec))
            throw DatabaseError("no haber database at " + path + " (empty directory) \u2014 run haber-index first");
        throw DatabaseError("cannot open a haber database at " + path + ": " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot open a haber database at " + path + ": " + e.get_description());
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
}

void Searcher::reopen() {
    try {
        db_.reopen();
    } catch (const Xapian::DatabaseError& e) {
        throw DatabaseError("cannot reopen the database: " + e.get_description());
    }
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
    return QueryParser(*analyzer_).parse(query, po);
}

SearchResult Searcher::search(std::string_view query, const SearchOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    SearchResult r;
    r.parsed = parse(query, options);
    r.offset = options.offset;
    r.limit = options.limit;
    for (int attempt = 0;; ++attempt) {
        try {
            reopen();
            r.hits.clear();
            if (r.parsed.query.empty()) {
                r.total = 0;
                r.total_exact = true;
                break;
            }
            Xapian::Enquire enquire(db_);
            enquire.set_query(r.parsed.query);
            if (options.sort == SortOrder::DateDesc)
                enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
            else if (options.sort == SortOrder::DateAsc)
                enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
            auto check = static_cast<Xapian::doccount>(
                std::max(options.offset + options.limit, options.exact_count_up_to));
            Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                                 static_cast<Xapian::doccount>(options.limit), check);
            r.total = mset.get_matches_estimated();
            r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
            std::size_t rank = options.offset;
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                Hit h;
                h.rank = ++rank;
                h.docid = *it;
                h.score = it.get_weight();
                h.percent = it.get_percent();
                h.article = schema::decode_article(it.get_document().get_data());
                h.title = highlight_all(*analyzer_, h.article.title, r.parsed.highlight);
                h.snippet = make_snippet(*analyzer_, snippet_text(h.article), r.parsed.highlight, options.snippet);
                r.hits.push_back(std::move(h));
            }
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw DatabaseError("the database keeps changing underneath; try again");
        } catch (const Xapian::DatabaseCorruptError& e) {
            throw DatabaseError("the database is corrupt: " + e.get_msg());
        } catch (const Xapian::DatabaseError& e) {
            throw DatabaseError("database error: " + e.get_description());
        }
    }
    r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

std::optional<Article> Searcher::article(std::string_view id) {
    for (int attempt = 0;; ++attempt) {
        try {
            reopen();
            std::string term = schema::id_term(id);
            Xapian::PostingIterator p = db_.postlist_begin(term);
            if (p == db_.postlist_end(term)) return std::nullopt;
            return schema::decode_article(db_.get_document(*p).get_data());
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw DatabaseError("the database keeps changing underneath; try again");
        } catch (const Xapian::DatabaseError& e) {
            throw DatabaseError("database error: " + e.get_description());
        }
    }
}

}  // namespace haber::search
