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

// --json, or text for people; each built only if it is the one printed.
template <class Json, class Text>
void print(const SearchCli& o, Json json, Text text) {
    if (o.json) std::cout << dump_json(json()) << "\n";
    else std::cout << text();
}

int no_article(const std::string& id) {
    error("no article with id " + id);
    return kNothing;
}

int found(const search::SearchResult& r) { return r.total > 0 ? kOk : kNothing; }

int analyze(const SearchCli& o) {
    analysis::StemConfig config;  // the database's stemmer if one is named
    std::string db_path = o.dbs.empty() ? std::string() : o.dbs.front();
    std::error_code ec;
    if (!db_path.empty() && std::filesystem::exists(db_path, ec))
        config = schema::stem_config_of(search::open_database(db_path));
    analysis::Analyzer analyzer(config);
    print(o, [&] { return analysis_json(analyzer, *o.analyze); }, [&] { return render_analysis(analyzer, *o.analyze); });
    return kOk;
}

int list_synonyms(const SearchCli& o, search::Searcher& searcher) {
    const auto& rules = searcher.synonym_rules().rules();
    print(
        o,
        [&] {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& r : rules) j.push_back({{"from", r.from}, {"to", r.to}, {"origin", r.origin}});
            return j;
        },
        [&] {
            std::string text;
            for (const auto& r : rules) text += r.from + " \u2192 " + r.to + "\t(" + r.origin + ")\n";
            return text;
        });
    return rules.empty() ? kNothing : kOk;
}

int show(const SearchCli& o, search::Searcher& searcher) {
    auto a = searcher.article(o.show);
    if (!a) return no_article(o.show);
    print(o, [&] { return article_json(*a); },
          [&] { return render_article(*a, searcher.analyzer(), search::TermMatcher{}, detect_style(o.color)); });
    return kOk;
}

int versions(const SearchCli& o, search::Searcher& searcher) {
    auto list = searcher.versions(o.versions_of);
    if (!list) return no_article(o.versions_of);
    print(o, [&] { return versions_json(o.versions_of, *list); },
          [&] { return render_versions(*list, detect_style(o.color)); });
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
        return found(r);
    }
    Style style = detect_style(o.color);
    std::vector<std::string> under;
    for (const auto& e : parts) under.push_back(render_explanation(e, style, 4));
    if (o.explain) std::cout << r.parsed.describe() << "\n";
    std::cout << render_results(r, style, under) << render_facets(r, style);
    return found(r);
}

int related(const SearchCli& o, search::Searcher& searcher) {
    search::SearchOptions so = o.search_options();
    auto r = searcher.related(o.related, so);
    if (!r) return no_article(o.related);
    if (!o.json)
        if (auto a = searcher.article(o.related)) std::cout << "related to: " << a->title << " (" << o.related << ")\n";
    return print_results(o, searcher, *r, so, {{"related_to", o.related}});
}

int interactive(const SearchCli& o, search::Searcher& searcher) {
    InteractiveOptions io;
    io.search = o.search_options();
    io.color = o.color;
    return run_interactive(searcher, io);
}

int count(const SearchCli& o, search::Searcher& searcher) {
    search::SearchOptions so = o.search_options();
    so.facets = 0;
    so.limit = 1;
    so.exact_count_up_to = searcher.doc_count();  // counted exactly, not estimated
    auto r = searcher.search(o.query, so);
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
    return found(r);
}

int search_query(const SearchCli& o, search::Searcher& searcher) {
    search::SearchOptions so = o.search_options();
    auto r = searcher.search(o.query, so);
    return print_results(o, searcher, r, so);
}

// A command on the databases of --db (and the --synonyms files).
template <int (*command)(const SearchCli&, search::Searcher&)>
int with_searcher(const SearchCli& o) {
    auto searcher = open_searcher(o);
    return command(o, *searcher);
}

// Option combinations a command cannot run with: the error, or nullptr.
const char* no_misuse(const SearchCli&) { return nullptr; }

const char* related_misuse(const SearchCli& o) {
    return o.query_given ? "--related takes an article id, not a QUERY" : nullptr;
}

const char* interactive_misuse(const SearchCli& o) { return o.json ? "--json needs a QUERY" : nullptr; }

const char* query_misuse(const SearchCli& o) {
    if (o.interactive && o.query_given) return "-i takes no QUERY (type queries at the prompt)";
    if (o.query_given && o.query.empty())
        return "the query is empty (give some words, or no QUERY at all for interactive mode)";
    if (!o.query_given) return "no query given (try haber-search --help, or -i for interactive mode)";
    return nullptr;
}

bool wants_interactive(const SearchCli& o) { return !o.query_given && (o.interactive || isatty(STDIN_FILENO)); }

struct Command {
    bool (*applies)(const SearchCli&);
    const char* (*misuse)(const SearchCli&);  // checked before the database is opened
    int (*run)(const SearchCli&);
};

// The first command whose condition holds runs.
const Command kCommands[] = {
    {[](const SearchCli& o) { return o.analyze.has_value(); }, no_misuse, analyze},
    {[](const SearchCli& o) { return o.list_synonyms; }, no_misuse, with_searcher<list_synonyms>},
    {[](const SearchCli& o) { return !o.show.empty(); }, no_misuse, with_searcher<show>},
    {[](const SearchCli& o) { return !o.versions_of.empty(); }, no_misuse, with_searcher<versions>},
    {[](const SearchCli& o) { return !o.related.empty(); }, related_misuse, with_searcher<related>},
    {wants_interactive, interactive_misuse, with_searcher<interactive>},
    {[](const SearchCli& o) { return o.count_only; }, query_misuse, with_searcher<count>},
    {[](const SearchCli&) { return true; }, query_misuse, with_searcher<search_query>},
};

int dispatch(const SearchCli& o) {
    for (const auto& c : kCommands) {
        if (!c.applies(o)) continue;
        if (const char* why = c.misuse(o)) {
            error(why);
            return kError;
        }
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
