#include "options.h"

#include <algorithm>

#include <CLI/CLI.hpp>

#include "exit_status.h"

#ifndef HABER_VERSION
#define HABER_VERSION "0.0.0"
#endif

namespace haber::cli {

namespace {

constexpr const char* kFooter =
    "QUERY: words (each counts; articles with every word first, any may be missing), \"phrase\",\n"
    "       =exact, prefix*, a NEAR b, a NEAR/5 b, +req, -excl,\n"
    "       AND OR NOT ( ), title: body: place: category: source: id: date:2022-01..2022-06\n"
    "       Words typed without Turkish letters (ozbekistan) also match Turkish spellings.\n"
    "       Put -- before a query that starts with -word. An empty or blank QUERY is an error.\n"
    "--sort recency: score = bm25 + w * top * 2^(-age_days / half_life), where top is the best\n"
    "       BM25 score of the query (so among the leading hits, bm25 * (1 + w * 2^(-age/half_life))),\n"
    "       age_days counts back from the newest article in the database, w = --recency-weight,\n"
    "       half_life = --half-life; undated articles get no boost.\n"
    "--explain: how the query was understood, and under each hit its score taken apart: the BM25\n"
    "       weight of each query word and field (wdf, df, idf, document length, the variants matched)\n"
    "       and each bonus; the parts add up to the score.\n"
    "--facets: exact counts over all matches by year, month, category, place and source.\n"
    "Synonyms: abbreviations Turkish news uses (AB = Avrupa Birliği, TBMM, THY, ...) are shipped;\n"
    "       a query for either form finds both. Add rules with --synonyms FILE here, or store them\n"
    "       in the database with haber-index --synonyms FILE. File lines: 'AB, Avrupa Birliği'\n"
    "       (both ways) or 'TCMB => Merkez Bankası' (one way); # comments.\n"
    "Did you mean: misspelt or ASCII-typed words get the archive's spelling as a suggested query\n"
    "       (the search still runs as typed); --no-suggest turns it off.\n"
    "Story versions: a story re-issued or copied (lead+body nearly the same text) is shown once,\n"
    "       by its best-ranked version, with \"+N versions\"; --all-versions shows them all,\n"
    "       --versions ID lists the versions of one story.\n"
    "With no QUERY on a terminal (or with -i): interactive mode (Ctrl-C clears the line; Ctrl-D quits).\n"
    "Database: --db, else $HABER_DB, else $XDG_DATA_HOME/haber/haber.db (~/.local/share/haber/haber.db).\n"
    "Exit status: 0 found; 1 nothing found; 2 usage or data error (bad option, query syntax,\n"
    "       no database); 130 interrupted.";

const std::vector<std::string> kSortNames{"relevance", "recency", "date", "date-asc"};

// --db is repeatable and each takes exactly one value; CLI11 would let a
// vector option swallow the query words that follow, so it is taken out of
// argv first. Returns false (reported) if --db lacks its value.
bool take_db_options(int argc, char** argv, std::vector<std::string>& dbs, std::vector<std::string>& rest) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--") {
            for (; i < argc; ++i) rest.push_back(argv[i]);
            break;
        }
        if (a == "--db") {
            if (i + 1 >= argc) {
                print_error(kSearchProgram, "--db needs a database directory");
                return false;
            }
            dbs.push_back(argv[++i]);
        } else if (a.rfind("--db=", 0) == 0) {
            dbs.push_back(a.substr(5));
        } else {
            rest.push_back(a);
        }
    }
    return true;
}

// The query in command-line order: positional words and the "-word"
// exclusions CLI11 left over. Returns false (reported) on an unknown --option.
bool reassemble_query(const std::vector<std::string>& args, std::vector<std::string> words,
                      const std::vector<std::string>& extras, std::vector<std::string>& out) {
    for (const auto& e : extras) {
        if (e.rfind("--", 0) == 0 && e.size() > 2) {
            print_error(kSearchProgram, "unknown option " + e + " (see --help; put -- before a query)");
            return false;
        }
    }
    words.insert(words.end(), extras.begin(), extras.end());
    bool after_dashdash = false;
    for (const std::string& a : args) {
        if (a == "--" && !after_dashdash) {
            after_dashdash = true;
            continue;
        }
        auto it = std::find(words.begin(), words.end(), a);
        if (it != words.end()) {
            out.push_back(a);
            words.erase(it);
        }
    }
    out.insert(out.end(), words.begin(), words.end());
    return true;
}

std::string join_trimmed(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    std::size_t b = out.find_first_not_of(" \t\r\n\f\v");
    if (b == std::string::npos) return {};
    return out.substr(b, out.find_last_not_of(" \t\r\n\f\v") - b + 1);
}

// Strings and flags CLI11 fills before they become SearchCli fields.
struct Raw {
    std::string sort, rank, color = "auto", analyze, db_help_only;
    std::vector<std::string> words;
};

void add_output_options(CLI::App& app, SearchCli& o, Raw& raw) {
    app.add_option("--db", raw.db_help_only,
                   "database directory or Xapian stub file (repeatable; default $HABER_DB or "
                   "~/.local/share/haber/haber.db)");
    app.add_flag("--json", o.json, "machine-readable output");
    // Every hit shown gets a snippet and a count of its story's versions:
    // 100,000 of them took seconds, 1,000 stay well under one.
    app.add_option("-n,--limit", o.limit, "hits per page (at most 1000; interactively, fewer if the window is short)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))->capture_default_str();
    app.add_option("--offset", o.offset, "skip this many hits")->capture_default_str();
    app.add_option("--sort", raw.sort, "relevance (BM25) | recency (BM25 with a boost for newer stories) | "
                                       "date (newest first) | date-asc  [default: relevance]")
        ->check(CLI::IsMember(kSortNames));
    app.add_option("--rank", raw.rank, "the same as --sort (an older name)")->check(CLI::IsMember(kSortNames));
    app.add_option("--half-life", o.recency.half_life_days, "--sort recency: days after which the boost halves")
        ->check(CLI::Range(1.0, 1e6))->capture_default_str();
    app.add_option("--recency-weight", o.recency.weight,
                   "--sort recency: the boost of the newest story, as a fraction of the best BM25 score")
        ->check(CLI::Range(0.0, 100.0))->capture_default_str();
    app.add_flag("--facets", o.facets,
                 "count all matches by year, month, category, place and source (after the hits; \"facets\" in --json)");
    app.add_option("--facet-limit", o.facet_limit, "values shown per facet")
        ->check(CLI::Range(std::size_t{1}, std::size_t{10000}))->capture_default_str();
    app.add_flag("--count", o.count_only, "print only the exact number of matching stories (articles with --all-versions)");
    app.add_flag("--explain", o.explain, "show how the query was understood and why each hit scored what it did");
    app.add_option("--color", raw.color, "auto | always | never")
        ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
}

void add_query_options(CLI::App& app, SearchCli& o, Raw& raw) {
    auto* any = app.add_flag("--any", o.any, "match any word (OR) instead of every word");
    app.add_flag("--all", o.all_words,
                 "require every word (by default articles with every word come first, and any plain word "
                 "may be missing)")
        ->excludes(any);
    app.add_flag("--no-suggest", o.no_suggest, "no \"did you mean\" suggestion");
    app.add_option("--suggest-below", o.suggest_below,
                   "below this many matches, also suggest corrections for rare words (archive typos)")
        ->capture_default_str();
    app.add_option("--from", o.from, "only articles dated on/after DATE (YYYY, YYYY-MM, YYYY-MM-DD)");
    app.add_option("--to", o.to, "only articles dated on/before DATE");
    app.add_option("--analyze", raw.analyze, "show the tokens the analysis chain makes of TEXT");
    app.add_option("--show", o.show, "print the article with this id in full");
    app.add_option("--related", o.related, "articles related to the one with this id (more like this)");
    app.add_option("--synonyms", o.synonym_files,
                   "also use the synonym rules in FILE (repeatable; 'AB, Avrupa Birliği' or 'a => b' lines)")
        ->allow_extra_args(false);
    app.add_flag("--no-synonyms", o.no_synonyms, "do not expand abbreviations and synonyms");
    app.add_flag("--list-synonyms", o.list_synonyms, "print the synonym rules in force and exit");
    app.add_flag("--all-versions", o.all_versions,
                 "show every version of a story (by default a story re-issued or copied is shown once, "
                 "with \"+N versions\")");
    app.add_option("--versions", o.versions_of, "list every version of the story of the article with this id, oldest first");
    app.add_flag("-i,--interactive", o.interactive, "interactive mode even when stdin is not a terminal");
    app.add_option("query", raw.words, "the query (words are joined by spaces)");
}

// --sort and its older name --rank: one order; both given must agree.
bool resolve_sort(const Raw& raw, SearchCli& o) {
    if (!raw.sort.empty() && !raw.rank.empty() && raw.sort != raw.rank) {
        print_error(kSearchProgram, "--sort " + raw.sort + " and --rank " + raw.rank +
                                        " disagree (--rank is an older name of --sort: give one)");
        return false;
    }
    std::string name = !raw.sort.empty() ? raw.sort : !raw.rank.empty() ? raw.rank : "relevance";
    o.sort = *search::parse_sort(name);
    return true;
}

}  // namespace

search::SearchOptions SearchCli::search_options() const {
    search::SearchOptions so;
    so.collapse_versions = !all_versions;
    so.limit = limit;
    so.offset = offset;
    so.sort = sort;
    so.recency = recency;
    so.facets = facets ? facet_limit : 0;
    so.any = any;
    if (all_words) search::require_every_word(so.ranking);
    so.from = from;
    so.to = to;
    so.synonyms = !no_synonyms;
    so.suggest.enabled = !no_suggest;
    so.suggest.few_results = suggest_below;
    return so;
}

std::optional<int> parse_search_cli(int argc, char** argv, SearchCli& o) {
    CLI::App app{"full-text search over a Turkish news archive built by haber-index", kSearchProgram};
    app.footer(kFooter);
    app.set_version_flag("--version", std::string(kSearchProgram) + " " + HABER_VERSION);
    app.allow_extras(true);  // "-rusya" (an excluded word) must not be an option error
    Raw raw;
    add_output_options(app, o, raw);
    add_query_options(app, o, raw);

    std::vector<std::string> args;
    if (!take_db_options(argc, argv, o.dbs, args)) return exit_status::kError;
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << kSearchProgram << ": error: " << e.what() << " (see --help)\n";
        return exit_status::kError;
    }
    std::vector<std::string> words;
    if (!reassemble_query(args, raw.words, app.remaining(), words)) return exit_status::kError;
    o.query_given = !words.empty();
    o.query = join_trimmed(words);
    if (app.get_option("--analyze")->count() > 0) o.analyze = raw.analyze;
    o.color = raw.color == "always" ? ColorMode::Always : raw.color == "never" ? ColorMode::Never : ColorMode::Auto;
    if (!resolve_sort(raw, o)) return exit_status::kError;
    return std::nullopt;
}

}  // namespace haber::cli
