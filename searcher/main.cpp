// haber-search: full-text search over a haber archive index.
//   haber-search [--db DIR]... [--json] [--limit N] [--offset N] [--sort S] [--any]
//                [--rank relevance|recency|date] [--facets] [--facet-limit N]
//                [--from DATE] [--to DATE] [--explain] [--color WHEN] QUERY...
//   haber-search --analyze TEXT        haber-search --show ID        haber-search [-i]
//   haber-search --related ID          haber-search --list-synonyms [--synonyms FILE]
//   haber-search --versions ID         haber-search --all-versions QUERY...
// Exit status: 0 ok (also for no matches), 1 other errors, 2 query syntax
// error, 3 database missing or corrupt.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "index/schema.h"
#include "interactive.h"
#include "paths.h"
#include "render.h"
#include "search/searcher.h"

namespace {

constexpr int kExitOther = 1;
constexpr int kExitSyntax = 2;
constexpr int kExitDatabase = 3;

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

haber::search::SuggestOptions so_defaults() { return {}; }

}  // namespace

int main(int argc, char** argv) {
    using namespace haber;
    CLI::App app{"haber-search: full-text search over a Turkish news archive built by haber-index"};
    app.footer(
        "QUERY: words (each counts; articles with every word first, up to two may be missing), \"phrase\",\n"
        "       =exact, prefix*, a NEAR b, a NEAR/5 b, +req, -excl,\n"
        "       AND OR NOT ( ), title: body: place: category: source: id: date:2022-01..2022-06\n"
        "       Words typed without Turkish letters (ozbekistan) also match Turkish spellings.\n"
        "       Put -- before a query that starts with -word.\n"
        "--rank recency: score = bm25 + w * top * 2^(-age_days / half_life), where top is the best\n"
        "       BM25 score of the query (so among the leading hits, bm25 * (1 + w * 2^(-age/half_life))),\n"
        "       age_days counts back from the newest article in the database, w = --recency-weight (0.5),\n"
        "       half_life = --half-life (365 days); undated articles get no boost.\n"
        "--facets: exact counts over all matches by year, month, category, place and source.\n"
        "Synonyms: abbreviations Turkish news uses (AB = Avrupa Birliği, TBMM, THY, ...) are shipped;\n"
        "       a query for either form finds both. Add rules with --synonyms FILE here, or store them\n"
        "       in the database with haber-index --synonyms FILE. File lines: 'AB, Avrupa Birliği'\n"
        "       (both ways) or 'TCMB => Merkez Bankası' (one way); # comments.\n"
        "--related ID: articles like that one (its most telling title/body terms, Xapian's ESet).\n"
        "Did you mean: misspelt or ASCII-typed words get the archive's spelling as a suggested query\n"
        "       (the search still runs as typed); --no-suggest turns it off.\n"
        "Story versions: a story re-issued or copied (lead+body nearly the same text) is shown once,\n"
        "       by its best-ranked version, with \"+N versions\"; --all-versions shows them all,\n"
        "       --versions ID lists the versions of one story.\n"
        "With no QUERY on a terminal (or with -i): interactive mode.\n"
        "Exit status: 0 ok (also no matches), 1 other error, 2 query syntax error, 3 database missing/corrupt.");
    std::vector<std::string> dbs;
    bool json = false, any = false, explain = false, interactive = false, count_only = false;
    std::size_t limit = 10, offset = 0;
    std::string sort = "relevance", rank, from, to, color = "auto", analyze, show;
    bool facets = false;
    std::size_t facet_limit = 10;
    search::RecencyOptions recency;
    bool analyze_given = false;
    std::string related;
    std::vector<std::string> synonym_files;
    bool no_synonyms = false, list_synonyms = false;
    // --db is repeatable and each takes exactly one value; CLI11 would let a
    // vector option swallow the query words that follow, so --db is taken out
    // of argv here and only documented to CLI11.
    std::string db_help_only;
    app.add_option("--db", db_help_only,
                   "database directory (repeatable; default $HABER_DB or ~/.local/share/haber/haber.db)");
    app.add_flag("--json", json, "machine-readable output");
    // Every hit shown gets a snippet and a count of its story's versions:
    // 100,000 of them took seconds, 1,000 stay well under one.
    app.add_option("-n,--limit", limit, "hits per page (at most 1000)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
    app.add_option("--offset", offset, "skip this many hits");
    app.add_option("--sort", sort, "relevance | date (newest first) | date-asc | recency")
        ->check(CLI::IsMember({"relevance", "date", "date-asc", "recency"}));
    app.add_option("--rank", rank,
                   "relevance (BM25) | recency (BM25 with a boost for newer stories) | date (newest first)")
        ->check(CLI::IsMember({"relevance", "recency", "date"}));
    app.add_option("--half-life", recency.half_life_days,
                   "--rank recency: days after which the recency boost halves")
        ->check(CLI::Range(1.0, 1e6))->capture_default_str();
    app.add_option("--recency-weight", recency.weight,
                   "--rank recency: the boost of the newest story, as a fraction of the best BM25 score")
        ->check(CLI::Range(0.0, 100.0))->capture_default_str();
    app.add_flag("--facets", facets,
                 "count all matches by year, month, category, place and source (after the hits; \"facets\" in --json)");
    app.add_option("--facet-limit", facet_limit, "values shown per facet")
        ->check(CLI::Range(std::size_t{1}, std::size_t{10000}))->capture_default_str();
    app.add_flag("--any", any, "match any word (OR) instead of every word");
    bool no_suggest = false;
    std::size_t suggest_below = so_defaults().few_results;
    app.add_flag("--no-suggest", no_suggest, "no \"did you mean\" suggestion");
    app.add_option("--suggest-below", suggest_below,
                   "below this many matches, also suggest corrections for rare words (archive typos)")
        ->capture_default_str();
    app.add_flag("--count", count_only, "print only the exact number of matching articles");
    app.add_option("--from", from, "only articles dated on/after DATE (YYYY, YYYY-MM, YYYY-MM-DD)");
    app.add_option("--to", to, "only articles dated on/before DATE");
    app.add_flag("--explain", explain, "show how the query was understood");
    app.add_option("--color", color, "auto | always | never")->check(CLI::IsMember({"auto", "always", "never"}));
    auto* analyze_opt = app.add_option("--analyze", analyze, "show the tokens the analysis chain makes of TEXT");
    app.add_option("--show", show, "print the article with this id in full");
    app.add_option("--related", related, "articles related to the one with this id (more like this)");
    app.add_option("--synonyms", synonym_files,
                   "also use the synonym rules in FILE (repeatable; 'AB, Avrupa Birliği' or 'a => b' lines)")
        ->allow_extra_args(false);
    app.add_flag("--no-synonyms", no_synonyms, "do not expand abbreviations and synonyms");
    app.add_flag("--list-synonyms", list_synonyms, "print the synonym rules in force and exit");
    bool all_versions = false;
    std::string versions_of;
    app.add_flag("--all-versions", all_versions,
                 "show every version of a story (by default a story re-issued or copied is shown once, "
                 "with \"+N versions\")");
    app.add_option("--versions", versions_of, "list every version of the story of the article with this id, oldest first");
    app.add_flag("-i,--interactive", interactive, "interactive mode even when stdin is not a terminal");
    std::vector<std::string> query_words;
    app.add_option("query", query_words, "the query (words are joined by spaces)");
    app.allow_extras(true);  // "-rusya" (an excluded word) must not be an option error

    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--") {
            for (; i < argc; ++i) args.push_back(argv[i]);
            break;
        }
        if (a == "--db") {
            if (i + 1 >= argc) {
                std::cerr << "haber-search: --db needs a directory\n";
                return kExitOther;
            }
            dbs.push_back(argv[++i]);
            continue;
        }
        if (a.rfind("--db=", 0) == 0) { dbs.push_back(a.substr(5)); continue; }
        args.push_back(a);
    }
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitOther;
    }
    analyze_given = analyze_opt->count() > 0;
    // Reassemble the query in command-line order: positional words and
    // "-word" exclusions that CLI11 left over.
    {
        std::vector<std::string> extras = app.remaining();
        for (const auto& e : extras) {
            if (e.rfind("--", 0) == 0 && e.size() > 2) {
                std::cerr << "haber-search: unknown option " << e << " (see --help; put -- before a query)\n";
                return kExitOther;
            }
        }
        if (!extras.empty()) {
            // Keep argv order.
            std::vector<std::string> ordered;
            std::vector<std::string> pool = query_words;
            pool.insert(pool.end(), extras.begin(), extras.end());
            bool after_dashdash = false;
            for (const std::string& a : args) {
                if (a == "--" && !after_dashdash) { after_dashdash = true; continue; }
                auto it = std::find(pool.begin(), pool.end(), a);
                if (it != pool.end()) { ordered.push_back(a); pool.erase(it); }
            }
            ordered.insert(ordered.end(), pool.begin(), pool.end());
            query_words = ordered;
        }
    }
    const std::string query = join(query_words);
    cli::ColorMode color_mode = color == "always" ? cli::ColorMode::Always
                              : color == "never"  ? cli::ColorMode::Never : cli::ColorMode::Auto;

    try {
        if (analyze_given) {
            analysis::StemConfig config;
            std::string db_path = dbs.empty() ? std::string() : dbs.front();
            if (!db_path.empty() && std::filesystem::exists(db_path)) {
                try {
                    config = schema::stem_config_of(search::open_database(db_path));
                } catch (const search::DatabaseError& e) {
                    std::cerr << "haber-search: " << e.what() << "\n";
                    return kExitDatabase;
                }
            }
            analysis::Analyzer analyzer(config);
            if (json) std::cout << cli::dump_json(cli::analysis_json(analyzer, analyze)) << "\n";
            else std::cout << cli::render_analysis(analyzer, analyze);
            return 0;
        }

        if (dbs.empty()) dbs.push_back(resolve_db_path(""));
        search::Searcher searcher(dbs);
        if (!synonym_files.empty()) {
            search::SynonymList extra;
            std::vector<std::string> problems;
            for (const auto& f : synonym_files) extra.load_file(f, problems);  // throws if unreadable
            for (const auto& p : problems) std::cerr << "haber-search: warning: " << p << "\n";
            searcher.add_synonyms(extra);
        }
        if (list_synonyms) {
            const auto& rules = searcher.synonym_rules().rules();
            if (json) {
                nlohmann::json j = nlohmann::json::array();
                for (const auto& r : rules) j.push_back({{"from", r.from}, {"to", r.to}, {"origin", r.origin}});
                std::cout << cli::dump_json(j) << "\n";
            } else {
                for (const auto& r : rules) std::cout << r.from << " \u2192 " << r.to << "\t(" << r.origin << ")\n";
            }
            return 0;
        }

        if (!show.empty()) {
            auto a = searcher.article(show);
            if (!a) {
                std::cerr << "haber-search: no article with id " << show << "\n";
                return kExitOther;
            }
            if (json) std::cout << cli::dump_json(cli::article_json(*a)) << "\n";
            else {
                search::TermMatcher none;
                std::cout << cli::render_article(*a, searcher.analyzer(), none, cli::detect_style(color_mode));
            }
            return 0;
        }

        if (!versions_of.empty()) {
            auto list = searcher.versions(versions_of);
            if (!list) {
                std::cerr << "haber-search: no article with id " << versions_of << "\n";
                return kExitOther;
            }
            if (json) std::cout << cli::dump_json(cli::versions_json(versions_of, *list)) << "\n";
            else std::cout << cli::render_versions(*list, cli::detect_style(color_mode));
            return 0;
        }

        search::SearchOptions so;
        so.collapse_versions = !all_versions;
        so.limit = limit;
        so.offset = offset;
        so.sort = *search::parse_sort(rank.empty() ? sort : rank);
        so.recency = recency;
        so.facets = facets ? facet_limit : 0;
        so.any = any;
        so.from = from;
        so.to = to;
        so.synonyms = !no_synonyms;

        if (!related.empty()) {
            if (!query.empty()) {
                std::cerr << "haber-search: --related takes an article id, not a QUERY\n";
                return kExitOther;
            }
            auto result = searcher.related(related, so);
            if (!result) {
                std::cerr << "haber-search: no article with id " << related << "\n";
                return kExitOther;
            }
            if (json) {
                auto j = cli::results_json(*result, result->parsed.text);
                j["related_to"] = related;
                if (explain) j["explain"] = result->parsed.describe();
                std::cout << cli::dump_json(j) << "\n";
                return 0;
            }
            cli::Style style = cli::detect_style(color_mode);
            if (auto a = searcher.article(related)) std::cout << "related to: " << a->title << " (" << related << ")\n";
            if (explain) std::cout << result->parsed.describe() << "\n";
            std::cout << cli::render_results(*result, style);
            std::cout << cli::render_facets(*result, style);
            return 0;
        }
        so.suggest.enabled = !no_suggest;
        so.suggest.few_results = suggest_below;

        if (query.empty()) {
            if (interactive || isatty(STDIN_FILENO)) {
                if (json) {
                    std::cerr << "haber-search: --json needs a QUERY\n";
                    return kExitOther;
                }
                cli::InteractiveOptions io;
                io.search = so;
                io.color = color_mode;
                return cli::run_interactive(searcher, io);
            }
            std::cerr << "haber-search: no query given (try haber-search --help, or -i for interactive mode)\n";
            return kExitOther;
        }
        if (interactive) {
            std::cerr << "haber-search: -i takes no QUERY (type queries at the prompt)\n";
            return kExitOther;
        }

        if (count_only) {
            so.facets = 0;
            so.limit = 1;
            so.exact_count_up_to = searcher.doc_count();  // counted exactly, not estimated
        }
        search::SearchResult result = searcher.search(query, so);
        if (count_only) {
            // stdout stays the bare number for scripts; the suggestion goes to stderr.
            if (json) {
                std::cout << cli::dump_json(nlohmann::json{{"query", query},
                                                           {"total", result.total},
                                                           {"suggestion", cli::suggestion_json(result.suggestion)}},
                                            -1)
                          << "\n";
            } else {
                std::cout << result.total << "\n";
                if (!result.suggestion.empty())
                    std::cerr << "haber-search: did you mean: " << result.suggestion.query << "\n";
            }
            return 0;
        }
        if (json) {
            auto j = cli::results_json(result, query);
            if (explain) j["explain"] = result.parsed.describe();
            std::cout << cli::dump_json(j) << "\n";
            return 0;
        }
        cli::Style style = cli::detect_style(color_mode);
        if (explain) std::cout << result.parsed.describe() << "\n";
        std::cout << cli::render_results(result, style);
        std::cout << cli::render_facets(result, style);
        return 0;
    } catch (const search::QueryError& e) {
        std::cerr << e.render() << "\n";
        return kExitSyntax;
    } catch (const search::DatabaseError& e) {
        std::cerr << "haber-search: " << e.what() << "\n";
        return kExitDatabase;
    } catch (const Xapian::DatabaseError& e) {
        std::cerr << "haber-search: database error: " << e.get_description() << "\n";
        return kExitDatabase;
    } catch (const Xapian::UnimplementedError& e) {
        // The recency boost is a PostingSource xapian-tcpsrv cannot rebuild.
        std::cerr << "haber-search: " << e.get_msg()
                  << " (--rank recency works on local databases and shards, not on remote ones)\n";
        return kExitOther;
    } catch (const Xapian::Error& e) {
        std::cerr << "haber-search: " << e.get_description() << "\n";
        return kExitOther;
    } catch (const std::exception& e) {
        std::cerr << "haber-search: " << e.what() << "\n";
        return kExitOther;
    }
}
