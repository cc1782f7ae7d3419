#include "commands.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "exit_status.h"
#include "explain_output.h"
#include "index/schema.h"
#include "interactive.h"
#include "paths.h"
#include "render.h"
#include "search/searcher.h"

namespace haber::cli {

namespace {

using exit_status::kError;
using exit_status::kNothing;
using exit_status::kOk;

void error(const std::string& message) { print_error(kSearchProgram, message); }

// Notices go to stderr always, and into --json as "notices".
void print_notices(const search::SearchResult& r) {
    for (const auto& n : r.notices) print_notice(kSearchProgram, n);
}

std::unique_ptr<search::Searcher> open_searcher(const SearchCli& o) {
    std::vector<std::string> dbs = o.dbs;
    if (dbs.empty()) dbs.push_back(resolve_db_path(""));
    auto searcher = std::make_unique<search::Searcher>(dbs);
    if (!o.synonym_files.empty()) {
        search::SynonymList extra;
        std::vector<std::string> problems;
        for (const auto& f : o.synonym_files) extra.load_file(f, problems);  // throws if unreadable
        for (const auto& p : problems) print_notice(kSearchProgram, "warning: " + p);
        searcher->add_synonyms(extra);
    }
    return searcher;
}

int analyze(const SearchCli& o) {
    analysis::StemConfig config;  // the database's stemmer if one is named
    std::string db_path = o.dbs.empty() ? std::string() : o.dbs.front();
    std::error_code ec;
    if (!db_path.empty() && std::filesystem::exists(db_path, ec))
        config = schema::stem_config_of(search::open_database(db_path));
    analysis::Analyzer analyzer(config);
    if (o.json) std::cout << dump_json(analysis_json(analyzer, *o.analyze)) << "\n";
    else std::cout << render_analysis(analyzer, *o.analyze);
    return kOk;
}

int list_synonyms(const SearchCli& o) {
    auto searcher = open_searcher(o);
    const auto& rules = searcher->synonym_rules().rules();
    if (o.json) {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& r : rules) j.push_back({{"from", r.from}, {"to", r.to}, {"origin", r.origin}});
        std::cout << dump_json(j) << "\n";
    } else {
        for (const auto& r : rules) std::cout << r.from << " \u2192 " << r.to << "\t(" << r.origin << ")\n";
    }
    return rules.empty() ? kNothing : kOk;
}

int show(const SearchCli& o) {
    auto searcher = open_searcher(o);
    auto a = searcher->article(o.show);
    if (!a) {
        error("no article with id " + o.show);
        return kNothing;
    }
    if (o.json) std::cout << dump_json(article_json(*a)) << "\n";
    else std::cout << render_article(*a, searcher->analyzer(), search::TermMatcher{}, detect_style(o.color));
    return kOk;
}

int versions(const SearchCli& o) {
    auto searcher = open_searcher(o);
    auto list = searcher->versions(o.versions_of);
    if (!list) {
        error("no article with id " + o.versions_of);
        return kNothing;
    }
    if (o.json) std::cout << dump_json(versions_json(o.versions_of, *list)) << "\n";
    else std::cout << render_versions(*list, detect_style(o.color));
    return kOk;
}

// A result list as --json or text, with --explain's parts per hit.
int print_results(const SearchCli& o, const search::Searcher& searcher, const search::SearchResult& r,
                  const search::SearchOptions& so, nlohmann::json json_extra = nlohmann::json::object()) {
    print_notices(r);
    std::vector<search::Explanation> parts;
    if (o.explain) parts = explain_hits(searcher, r, so.ranking);
    if (o.json) {
        auto j = results_json(r, o.query.empty() ? r.parsed.text : o.query);
        for (auto& [k, v] : json_extra.items()) j[k] = v;
        if (o.explain) {
            j["explain"] = r.parsed.describe();
            for (std::size_t i = 0; i < parts.size(); ++i) j["hits"][i]["explanation"] = explanation_json(parts[i]);
        }
        std::cout << dump_json(j) << "\n";
        return r.total > 0 ? kOk : kNothing;
    }
    Style style = detect_style(o.color);
    std::vector<std::string> under;
    for (const auto& e : parts) under.push_back(render_explanation(e, style, 4));
    if (o.explain) std::cout << r.parsed.describe() << "\n";
    std::cout << render_results(r, style, under) << render_facets(r, style);
    return r.total > 0 ? kOk : kNothing;
}

int related(const SearchCli& o) {
    if (o.query_given) {
        error("--related takes an article id, not a QUERY");
        return kError;
    }
    auto searcher = open_searcher(o);
    search::SearchOptions so = o.search_options();
    auto r = searcher->related(o.related, so);
    if (!r) {
        error("no article with id " + o.related);
        return kNothing;
    }
    if (!o.json)
        if (auto a = searcher->article(o.related)) std::cout << "related to: " << a->title << " (" << o.related << ")\n";
    return print_results(o, *searcher, *r, so, {{"related_to", o.related}});
}

int interactive(const SearchCli& o) {
    if (o.json) {
        error("--json needs a QUERY");
        return kError;
    }
    auto searcher = open_searcher(o);
    InteractiveOptions io;
    io.search = o.search_options();
    io.color = o.color;
    return run_interactive(*searcher, io);
}

int count(const SearchCli& o) {
    auto searcher = open_searcher(o);
    search::SearchOptions so = o.search_options();
    so.facets = 0;
    so.limit = 1;
    so.exact_count_up_to = searcher->doc_count();  // counted exactly, not estimated
    auto r = searcher->search(o.query, so);
    print_notices(r);
    // stdout stays the bare number for scripts; the suggestion goes to stderr.
    if (o.json) {
        nlohmann::json j{{"query", o.query}, {"total", r.total}, {"total_exact", r.total_exact},
                         {"suggestion", suggestion_json(r.suggestion)}, {"notices", r.notices}};
        std::cout << dump_json(j, -1) << "\n";
    } else {
        std::cout << r.total << "\n";
        if (!r.suggestion.empty()) print_notice(kSearchProgram, "did you mean: " + r.suggestion.query);
    }
    return r.total > 0 ? kOk : kNothing;
}

int search_query(const SearchCli& o) {
    auto searcher = open_searcher(o);
    search::SearchOptions so = o.search_options();
    auto r = searcher->search(o.query, so);
    return print_results(o, *searcher, r, so);
}

// Option combinations that make no sense, reported; false if any.
bool check_usage(const SearchCli& o, bool interactive_mode) {
    if (interactive_mode) return true;
    if (o.interactive && o.query_given) {
        error("-i takes no QUERY (type queries at the prompt)");
        return false;
    }
    if (o.query_given && o.query.empty()) {
        error("the query is empty (give some words, or no QUERY at all for interactive mode)");
        return false;
    }
    if (!o.query_given) {
        error("no query given (try haber-search --help, or -i for interactive mode)");
        return false;
    }
    return true;
}

struct Command {
    bool (*applies)(const SearchCli&);
    int (*run)(const SearchCli&);
};

bool wants_interactive(const SearchCli& o) { return !o.query_given && (o.interactive || isatty(STDIN_FILENO)); }

// The first command whose condition holds runs.
const Command kCommands[] = {
    {[](const SearchCli& o) { return o.analyze.has_value(); }, analyze},
    {[](const SearchCli& o) { return o.list_synonyms; }, list_synonyms},
    {[](const SearchCli& o) { return !o.show.empty(); }, show},
    {[](const SearchCli& o) { return !o.versions_of.empty(); }, versions},
    {[](const SearchCli& o) { return !o.related.empty(); }, related},
    {wants_interactive, interactive},
    {[](const SearchCli& o) { return o.count_only; }, count},
    {[](const SearchCli&) { return true; }, search_query},
};

int dispatch(const SearchCli& o) {
    for (const auto& c : kCommands) {
        if (!c.applies(o)) continue;
        bool query_command = c.run == count || c.run == search_query || c.run == interactive;
        if (query_command && !check_usage(o, c.run == interactive)) return kError;
        return c.run(o);
    }
    return kError;
}

}  // namespace

int run_search_command(const SearchCli& o) {
    try {
        return dispatch(o);
    } catch (const search::QueryError& e) {
        // "query error: unclosed quote at column 7\n  <query>\n  ^" as the program's error line.
        std::string text = e.render();
        if (text.rfind("query error: ", 0) == 0) text = "in the query: " + text.substr(13);
        error(text);
    } catch (const search::DatabaseError& e) {
        error(e.what());
    } catch (const Xapian::UnimplementedError& e) {
        // The recency boost is a PostingSource xapian-tcpsrv cannot rebuild.
        error(e.get_msg() + " (--sort recency works on local databases and shards, not on remote ones)");
    } catch (const Xapian::Error& e) {
        error("database error: " + e.get_description());
    } catch (const std::exception& e) {
        error(e.what());
    }
    return kError;
}

}  // namespace haber::cli
