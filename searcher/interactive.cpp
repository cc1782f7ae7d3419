#include "interactive.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <readline/history.h>
#include <readline/readline.h>

namespace haber::cli {

namespace {

constexpr const char* kGreeting =
    "type words to search \u00b7 n/p next/previous page \u00b7 a number opens that hit \u00b7 ? help \u00b7 q quit";

constexpr const char* kHelp =
    "commands:\n"
    "  WORDS...            search (every word counts, up to two may be missing; AND, OR, NOT, ( ) for exact)\n"
    "  n / p               next / previous page of results\n"
    "  N                   open hit number N in full\n"
    "  r N  or  :related N  stories related to hit N (more like this); n/p page them\n"
    "  :v N                list every version of the story of hit N (\"+2 versions\"), oldest first\n"
    "  :all                every version of a story as its own hit; again: each story once\n"
    "  :explain  or  ?q    how the last query was understood\n"
    "  :sort relevance|date|date-asc|recency\n"
    "  :rank relevance|recency|date   (recency: BM25 with a boost for newer stories)\n"
    "  :facets             counts of all matches by year, month, category, place, source (numbered)\n"
    "  :f FIELD=VALUE      narrow the search: :f category=ekonomi, :f year=2022, :f month=2022-03,\n"
    "                      :f place=new york, :f source=aa (also date=..., any query filter)\n"
    "  :f N                narrow by value N of the last :facets list\n"
    "  :f -                remove the last narrowing filter; :f shows them\n"
    "  :limit N            hits per page\n"
    "  y  or  :y           search the \"Did you mean\" suggestion of the last query\n"
    "  :synonyms on|off    expand abbreviations (AB = Avrupa Birliği, TBMM, ...); on by default\n"
    "  ? or :help          this help\n"
    "  q, :q or Ctrl-D     quit\n"
    "query language:\n"
    "  \"exact phrase\"  =exactform  özbek*  a NEAR b  a NEAR/5 b  +required  -excluded\n"
    "  title:word  body:word  place:taşkent  category:ekonomi  source:aa  id:ID\n"
    "  date:2022  date:2022-03  date:2022-01-01..2022-06-30  date:2022..  date:..2021-06\n"
    "  words typed without Turkish letters (ozbekistan, disisleri) also find ö, ş, ı... spellings\n";

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() < 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

class LineReader {
public:
    LineReader() : tty_(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
        if (tty_) {
            history_ = history_path();
            std::error_code ec;
            std::filesystem::create_directories(std::filesystem::path(history_).parent_path(), ec);
            using_history();
            read_history(history_.c_str());
        }
    }
    ~LineReader() {
        if (tty_ && !history_.empty()) history_truncate_file(history_.c_str(), 2000);
    }
    std::optional<std::string> read(const char* prompt) {
        if (!tty_) {
            std::string line;
            if (!std::getline(std::cin, line)) return std::nullopt;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            std::cout << prompt << line << "\n";  // a readable transcript
            return line;
        }
        char* raw = readline(prompt);
        if (!raw) { std::cout << "\n"; return std::nullopt; }
        std::string line(raw);
        std::free(raw);
        std::string t = trim(line);
        if (!t.empty()) {
            HIST_ENTRY* last = history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
            if (!last || t != last->line) {
                add_history(t.c_str());
                FILE* f = std::fopen(history_.c_str(), "a");
                if (f) std::fclose(f);
                append_history(1, history_.c_str());
            }
        }
        return line;
    }
    bool tty() const { return tty_; }
private:
    bool tty_;
    std::string history_;
};

// Long output on a terminal goes through $PAGER (default less -R).
void page(const std::string& text, const Style& style) {
    std::size_t lines = 0;
    for (char c : text) lines += c == '\n';
    if (isatty(STDOUT_FILENO) && style.height > 0 && lines + 2 > style.height) {
        const char* env = std::getenv("PAGER");
        std::string pager = env && *env ? env : "less -R";
        std::fflush(stdout);
        std::cout.flush();
        if (FILE* p = popen(pager.c_str(), "w")) {
            std::fwrite(text.data(), 1, text.size(), p);
            if (pclose(p) == 0) return;
        }
    }
    std::cout << text << std::flush;
}

}  // namespace

std::string history_path() {
    namespace fs = std::filesystem;
    fs::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = fs::path(home) / ".local" / "share";
    else base = ".";
    return (base / "haber" / "history").string();
}

int run_interactive(search::Searcher& searcher, const InteractiveOptions& options) {
    LineReader reader;
    search::SearchOptions so = options.search;
    Style style = detect_style(options.color);
    std::optional<search::SearchResult> last;
    std::string last_query;
    std::string related_id;  // the last results are stories related to this article
    // Facet narrowing: the typed query and the filters added by :f, applied
    // one by one ("((base) f1) f2") so that filters on the same field AND.
    std::string base_query;
    std::vector<std::string> filters;
    std::vector<std::pair<const search::Facet*, const search::FacetValue*>> numbered;
    std::optional<search::SearchResult> facet_result;  // owns what `numbered` points into
    auto composed = [&]() {
        std::string q = base_query;
        for (const auto& f : filters) q = "(" + q + ") " + f;
        return q;
    };
    auto narrowed_description = [&]() {
        std::string d = base_query;
        for (const auto& f : filters) d += " \u2192 " + f;
        return d;
    };

    std::cout << "haber \u2014 " << searcher.doc_count() << (searcher.doc_count() == 1 ? " article" : " articles") << " \u00b7 " << kGreeting << "\n" << std::flush;

    auto run_query = [&](const std::string& q, std::size_t offset) {
        so.offset = offset;
        try {
            search::SearchResult r;
            if (!related_id.empty()) {
                auto rel = searcher.related(related_id, so);
                if (!rel) {
                    std::cout << "article " << related_id << " is no longer in the archive\n" << std::flush;
                    return;
                }
                r = std::move(*rel);
            } else {
                r = searcher.search(q, so);
            }
            last_query = q;
            last = std::move(r);
            std::cout << render_results(*last, style);
            std::cout << render_facets(*last, style);
            if (!last->suggestion.empty())
                std::cout << "y searches: " << last->suggestion.query << "\n";
            else if (last->total == 0)
                std::cout << "no matches \u2014 try fewer words, or --any style: a OR b\n";
        } catch (const search::QueryError& e) {
            std::cout << e.render() << "\n";
        }
        std::cout << std::flush;
    };

    while (true) {
        auto line = reader.read("haber> ");
        if (!line) break;
        std::string cmd = trim(*line);
        if (cmd.empty()) continue;
        try {
            if (cmd == "q" || cmd == ":q" || cmd == "quit" || cmd == ":quit" || cmd == "exit") break;
            if (cmd == "?" || cmd == ":help" || cmd == ":h" || cmd == "help") { std::cout << kHelp << std::flush; continue; }
            if (cmd == "n" || cmd == "p") {
                if (!last) { std::cout << "no query yet \u2014 type some words first\n" << std::flush; continue; }
                if (cmd == "n") {
                    if (last->offset + so.limit >= last->total) { std::cout << "no more results (" << last->total << (last->total == 1 ? " match" : " matches") << ")\n" << std::flush; continue; }
                    run_query(last_query, last->offset + so.limit);
                } else {
                    if (last->offset == 0) { std::cout << "already on the first page\n" << std::flush; continue; }
                    run_query(last_query, last->offset >= so.limit ? last->offset - so.limit : 0);
                }
                continue;
            }
            if ((cmd == "y" || cmd == ":y") && last && !last->suggestion.empty()) {
                // The suggestion was made for the query with its :f filters;
                // it becomes the new base query.
                base_query = last->suggestion.query;
                related_id.clear();
                filters.clear();
                numbered.clear();
                run_query(base_query, 0);
                continue;
            }
            if (cmd == ":y") { std::cout << "no suggestion to accept\n" << std::flush; continue; }
            bool related_cmd = cmd.rfind("r ", 0) == 0 || cmd.rfind(":related", 0) == 0;
            if (related_cmd) {
                std::string arg = trim(cmd.substr(cmd[0] == 'r' ? 2 : 8));
                if (!last) { std::cout << "no query yet \u2014 type some words first\n" << std::flush; continue; }
                if (!all_digits(arg)) { std::cout << "usage: r N (stories related to hit N)\n" << std::flush; continue; }
                cmd = arg;
            }
            if (all_digits(cmd)) {
                if (!last) { std::cout << "no query yet \u2014 type some words first\n" << std::flush; continue; }
                std::size_t n = std::stoul(cmd);
                if (n == 0 || n > last->total) { std::cout << "no hit " << n << " (" << last->total << (last->total == 1 ? " match" : " matches") << ")\n" << std::flush; continue; }
                const search::Hit* hit = nullptr;
                for (const auto& h : last->hits)
                    if (h.rank == n) hit = &h;
                std::optional<search::SearchResult> one;
                if (!hit) {
                    search::SearchOptions o1 = so;
                    o1.offset = n - 1;
                    o1.limit = 1;
                    if (related_id.empty()) one = searcher.search(last_query, o1);
                    else if (auto rel = searcher.related(related_id, o1)) one = std::move(*rel);
                    if (!one->hits.empty()) hit = &one->hits.front();
                }
                if (!hit) { std::cout << "no hit " << n << "\n" << std::flush; continue; }
                if (related_cmd) {
                    related_id = hit->article.id;
                    std::string title = hit->article.title;
                    std::cout << "related to: " << title << " (" << related_id << ")\n";
                    filters.clear();
                    numbered.clear();
                    base_query.clear();
                    run_query("", 0);
                    continue;
                }
                std::string text = render_article(hit->article, searcher.analyzer(), last->parsed.highlight, style);
                page(text, style);
                continue;
            }
            if (cmd == ":all") {
                so.collapse_versions = !so.collapse_versions;
                std::cout << (!so.collapse_versions ? "showing every version of a story\n"
                                              : "showing each story once (\"+N versions\")\n");
                if (last) run_query(last_query, 0);
                std::cout << std::flush;
                continue;
            }
            if (cmd == ":v" || cmd.rfind(":v ", 0) == 0) {
                std::string arg = trim(cmd.substr(2));
                if (!last) { std::cout << "no query yet \u2014 type some words first\n" << std::flush; continue; }
                if (!all_digits(arg) || std::stoul(arg) == 0) { std::cout << "usage: :v N (N: a hit number)\n" << std::flush; continue; }
                std::size_t n = std::stoul(arg);
                std::optional<search::SearchResult> one;
                const search::Hit* hit = nullptr;
                for (const auto& h : last->hits)
                    if (h.rank == n) hit = &h;
                if (!hit && n <= last->total) {
                    search::SearchOptions o1 = so;
                    o1.offset = n - 1;
                    o1.limit = 1;
                    one = searcher.search(last_query, o1);
                    if (!one->hits.empty()) hit = &one->hits.front();
                }
                if (!hit) { std::cout << "no hit " << n << "\n" << std::flush; continue; }
                auto list = searcher.versions(hit->article.id);
                if (!list) { std::cout << "hit " << n << " is no longer in the database\n" << std::flush; continue; }
                page(render_versions(*list, style), style);
                continue;
            }
            if (cmd == ":explain" || cmd == "?q") {
                if (!last) { std::cout << "no query yet\n" << std::flush; continue; }
                std::cout << last->parsed.describe() << std::flush;
                continue;
            }
            if (cmd.rfind(":sort", 0) == 0 || cmd.rfind(":rank", 0) == 0) {
                std::string arg = trim(cmd.substr(5));
                auto s = search::parse_sort(arg);
                if (!s) { std::cout << "usage: " << cmd.substr(0, 5) << " relevance|recency|date|date-asc (now " << search::sort_name(so.sort) << ")\n" << std::flush; continue; }
                so.sort = *s;
                std::cout << "sorting by " << search::sort_name(so.sort) << "\n";
                if (last) run_query(last_query, 0);
                std::cout << std::flush;
                continue;
            }
            if (cmd.rfind(":synonyms", 0) == 0) {
                std::string arg = trim(cmd.substr(9));
                if (arg != "on" && arg != "off") {
                    std::cout << "usage: :synonyms on|off (now " << (so.synonyms ? "on" : "off") << ")\n" << std::flush;
                    continue;
                }
                so.synonyms = arg == "on";
                std::cout << "synonyms " << arg << "\n";
                if (last) run_query(last_query, 0);
                std::cout << std::flush;
                continue;
            }
            if (cmd.rfind(":limit", 0) == 0) {
                std::string arg = trim(cmd.substr(6));
                if (!all_digits(arg) || std::stoul(arg) == 0) { std::cout << "usage: :limit N\n" << std::flush; continue; }
                so.limit = std::stoul(arg);
                if (last) run_query(last_query, 0);
                continue;
            }
            if (cmd == ":facets" || cmd == ":facet") {
                if (!last) { std::cout << "no query yet \u2014 type some words first\n" << std::flush; continue; }
                if (!related_id.empty()) { std::cout << "facets count a search's matches; type a query first\n" << std::flush; continue; }
                search::SearchOptions fo = so;
                fo.offset = 0;
                fo.limit = 1;
                if (fo.facets == 0) fo.facets = 10;
                try {
                    facet_result = searcher.search(last_query, fo);
                } catch (const search::QueryError& e) {
                    std::cout << e.render() << "\n" << std::flush;
                    continue;
                }
                std::cout << facet_result->total << (facet_result->total == 1 ? " match" : " matches")
                          << " for " << narrowed_description() << "\n"
                          << render_facets_numbered(*facet_result, style, &numbered)
                          << (numbered.empty() ? "" : ":f N narrows by value N\n") << std::flush;
                continue;
            }
            if (cmd == ":f" || cmd.rfind(":f ", 0) == 0) {
                if (!last) { std::cout << "no query yet \u2014 type some words first\n" << std::flush; continue; }
                if (!related_id.empty()) { std::cout << ":f narrows a search; type a query first\n" << std::flush; continue; }
                std::string arg = trim(cmd.substr(2));
                if (arg.empty()) {
                    if (filters.empty()) std::cout << "no filters (:facets lists values; :f category=ekonomi narrows)\n";
                    else std::cout << "search: " << narrowed_description() << "\n";
                    std::cout << std::flush;
                    continue;
                }
                if (arg == "-") {
                    if (filters.empty()) { std::cout << "no filter to remove\n" << std::flush; continue; }
                    std::cout << "removed " << filters.back() << "\n";
                    filters.pop_back();
                } else {
                    std::string filter;
                    if (all_digits(arg)) {
                        std::size_t n = std::stoul(arg);
                        if (n == 0 || n > numbered.size()) {
                            std::cout << "no facet value " << n << (numbered.empty() ? " (run :facets first)" : "") << "\n" << std::flush;
                            continue;
                        }
                        filter = search::facet_filter(*numbered[n - 1].first, *numbered[n - 1].second);
                    } else {
                        std::size_t eq = arg.find('=');
                        if (eq == std::string::npos) eq = arg.find(':');
                        if (eq == std::string::npos || eq == 0 || eq + 1 >= arg.size()) {
                            std::cout << "usage: :f FIELD=VALUE (category, place, source, year, month, date), :f N, :f -\n" << std::flush;
                            continue;
                        }
                        std::string field = trim(arg.substr(0, eq)), value = trim(arg.substr(eq + 1));
                        if (field == "year" || field == "month") field = "date";
                        if (field != "date" && field != "category" && field != "place" && field != "source") {
                            std::cout << "cannot narrow by " << field << " (category, place, source, year, month, date)\n" << std::flush;
                            continue;
                        }
                        search::Facet f;
                        f.field = field;
                        filter = search::facet_filter(f, {value, 0});
                    }
                    // Check the filter parses before adding it.
                    try {
                        (void)searcher.parse("(" + composed() + ") " + filter, so);
                    } catch (const search::QueryError& e) {
                        std::cout << "cannot add " << filter << ": " << e.reason() << "\n" << std::flush;
                        continue;
                    }
                    filters.push_back(filter);
                }
                numbered.clear();  // the numbers belonged to the previous result
                std::cout << "narrowed: " << narrowed_description() << "\n" << std::flush;
                run_query(composed(), 0);
                continue;
            }
            if (cmd.front() == ':') { std::cout << "unknown command " << cmd << " (? for help)\n" << std::flush; continue; }
            base_query = cmd;
            related_id.clear();
            filters.clear();
            numbered.clear();
            run_query(cmd, 0);
        } catch (const search::DatabaseError& e) {
            std::cout << "error: " << e.what() << "\n" << std::flush;
        }
    }
    return 0;
}

}  // namespace haber::cli
