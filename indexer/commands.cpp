#include "commands.h"

#include <filesystem>
#include <iostream>

#include "analysis/analyzer.h"
#include "exit_status.h"
#include "index/index_writer.h"
#include "indexing.h"
#include "search/synonyms.h"

namespace haber::indexer {

namespace {

using exit_status::kError;
using exit_status::kNothing;
using exit_status::kOk;

void fail(const std::string& message) { print_error(kIndexProgram, message); }

bool is_database(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) return false;
    try {
        Xapian::Database probe(path);
    } catch (const Xapian::Error&) {
        return false;
    }
    return true;
}

int delete_articles(const IndexCli& o) {
    if (!is_database(o.db)) {
        fail("no database at " + o.db + " to delete from");
        return kError;
    }
    auto config = choose_stemmer(o);
    if (!config) return kError;
    analysis::Analyzer analyzer(*config);
    std::size_t missing = 0, deleted = 0;
    unsigned long long left = 0;
    try {
        index::IndexWriter w(o.db, analyzer, index::IndexWriterOptions{0});
        for (const auto& id : o.delete_ids) {
            if (w.remove(id)) continue;
            ++missing;
            print_notice(kIndexProgram, "no article with id '" + id + "' in " + o.db);
        }
        w.commit();
        deleted = w.deleted();
        left = w.doc_count();
    } catch (const std::exception& e) {
        fail(e.what());
        return kError;
    }
    if (!o.quiet)
        std::cerr << "deleted " << plural(deleted, "article", "articles")
                  << (missing ? ", " + std::to_string(missing) + " not found" : std::string()) << "\ndatabase: " << o.db
                  << " (" << plural(left, "article", "articles") << ")\n";
    return missing > 0 ? kNothing : kOk;
}

int synonyms_only(const IndexCli& o) {
    search::SynonymList rules;
    std::size_t problems = 0;
    if (!load_synonyms(o, rules, problems)) return kError;
    auto config = choose_stemmer(o);
    if (!config) return kError;
    try {
        std::size_t n = store_synonyms(o.db, analysis::Analyzer(*config), rules);
        if (!o.quiet)
            std::cerr << "stored " << plural(n, "synonym rule", "synonym rules") << " from " << *o.synonyms
                      << (problems ? " (" + plural(problems, "bad line", "bad lines") + " skipped)" : std::string())
                      << "\ndatabase: " << o.db << "\n";
    } catch (const std::exception& e) {
        fail(e.what());
        return kError;
    }
    return problems > 0 ? kNothing : kOk;
}

struct Command {
    bool (*applies)(const IndexCli&);
    int (*run)(const IndexCli&);
};

// The first command whose condition holds runs.
const Command kCommands[] = {
    {[](const IndexCli& o) { return o.deleting; }, delete_articles},
    {[](const IndexCli& o) { return o.synonyms.has_value() && o.paths.empty(); }, synonyms_only},
    {[](const IndexCli&) { return true; }, index_inputs},
};

}  // namespace

std::optional<analysis::StemConfig> choose_stemmer(const IndexCli& o) {
    auto existing = index::existing_stemmer(o.db);
    if (!o.stemmer.empty()) {
        auto parsed = analysis::StemConfig::parse(o.stemmer);
        if (!parsed) {
            fail("--stemmer: unknown stemmer '" + o.stemmer + "' (use snowball, prefixN, snowball+prefixN or none)");
            return std::nullopt;
        }
        if (existing && *existing != parsed->name()) {
            fail("--stemmer can only be chosen when creating a new database; " + o.db + " was built with '" +
                 *existing + "'");
            return std::nullopt;
        }
        return parsed;
    }
    if (!existing) return analysis::StemConfig{};
    auto parsed = analysis::StemConfig::parse(*existing);
    if (!parsed) fail("database " + o.db + " was built with unknown stemmer '" + *existing + "'");
    return parsed;
}

int run_index_command(const IndexCli& o) {
    for (const auto& c : kCommands)
        if (c.applies(o)) return c.run(o);
    return kError;
}

}  // namespace haber::indexer
