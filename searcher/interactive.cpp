// haber-search's interactive session: a prompt (line_editor.h), a table of
// commands, and the state they share (the last results, facet narrowing,
// "related to" browsing). Pages of results are fitted to the window's height
// (page_fit.h) and re-measured before each one, so a resize shows on the next.
#include "interactive.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "explain_output.h"
#include "line_editor.h"
#include "page_fit.h"

namespace haber::cli {

namespace {

constexpr const char* kGreeting =
    "type words to search \u00b7 n/p next/previous page \u00b7 a number opens that hit \u00b7 ? help \u00b7 q quit";

constexpr const char* kHelp =
    "commands:\n"
    "  WORDS...            search (every word counts, all of them first; AND, OR, NOT, ( ) for exact)\n"
    "  n / p               next / previous page of results (a page fits the window)\n"
    "  N                   open hit number N in full\n"
    "  r N  or  :related N  stories related to hit N (more like this); n/p page them\n"
    "  :v N                list every version of the story of hit N (\"+2 versions\"), oldest first\n"
    "  :all                every version of a story as its own hit; again: each story once\n"
    "  :explain  or  ?q    how the last query was understood\n"
    "  :explain N          why hit N scored what it did (BM25 parts per word and field)\n"
    "  :sort relevance|date|date-asc|recency\n"
    "  :rank relevance|recency|date   (recency: BM25 with a boost for newer stories)\n"
    "  :facets             counts of all matches by year, month, category, place, source (numbered)\n"
    "  :f FIELD=VALUE      narrow the search: :f category=ekonomi, :f year=2022, :f month=2022-03,\n"
    "                      :f place=new york, :f source=aa (also date=..., any query filter)\n"
    "  :f N                narrow by value N of the last :facets list\n"
    "  :f -                remove the last narrowing filter; :f shows them\n"
    "  :limit N            at most N hits per page\n"
    "  y  or  :y           search the \"Did you mean\" suggestion of the last query\n"
    "  :synonyms on|off    expand abbreviations (AB = Avrupa Birliği, TBMM, ...); on by default\n"
    "  ? or :help          this help\n"
    "  q, :q, Ctrl-D       quit (Ctrl-C clears the line; twice on an empty line quits)\n"
    "query language:\n"
    "  \"exact phrase\"  =exactform  özbek*  a NEAR b  a NEAR/5 b  +required  -excluded\n"
    "  title:word  body:word  place:taşkent  category:ekonomi  source:aa  id:ID\n"
    "  date:2022  date:2022-03  date:2022-01-01..2022-06-30  date:2022..  date:..2021-06\n"
    "  words typed without Turkish letters (ozbekistan, disisleri) also find ö, ş, ı... spellings\n";

std::string trim(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() < 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

std::string matches_label(std::size_t n) { return std::to_string(n) + (n == 1 ? " match" : " matches"); }

// Long output on a terminal goes through $PAGER (default less -R).
void page(const std::string& text, const Style& style) {
    std::size_t lines = 0;
    for (char c : text) lines += c == '\n';
    if (isatty(STDOUT_FILENO) && style.height > 0 && lines + 2 > style.height) {
        const char* env = std::getenv("PAGER");
        std::string pager = env && *env ? env : "less -R";
        std::cout.flush();
        if (FILE* p = popen(pager.c_str(), "w")) {
            std::fwrite(text.data(), 1, text.size(), p);
            if (pclose(p) == 0) return;
        }
    }
    std::cout << text << std::flush;
}

class Session;
// What a command did: handled it, quit, or it was not this command after
// all (then the line is a query: "y" with no suggestion searches "y").
enum class Done { Handled, Quit, NotMine };
using Handler = Done (Session::*)(const std::string& arg);

struct Command {
    std::vector<std::string_view> names;
    bool takes_arg;
    Handler run;
};

class Session {
public:
    Session(search::Searcher& searcher, const InteractiveOptions& options)
        : searcher_(searcher), so_(options.search), color_(options.color) {}

    int run();

private:
    Done dispatch(const std::string& cmd);

    Done quit(const std::string&) { return Done::Quit; }
    Done help(const std::string&) { std::cout << kHelp; return Done::Handled; }
    Done next_page(const std::string&);
    Done previous_page(const std::string&);
    Done accept_suggestion(const std::string&);
    Done related(const std::string& arg);
    Done open_hit(const std::string& number);
    Done toggle_versions(const std::string&);
    Done list_versions(const std::string& arg);
    Done explain(const std::string& arg);
    Done sort(const std::string& arg);
    Done synonyms(const std::string& arg);
    Done limit(const std::string& arg);
    Done facets(const std::string&);
    Done narrow(const std::string& arg);
    Done search_for(const std::string& query);

    static const std::vector<Command>& commands();

    // Runs `q` (or the related stories) from `offset` and shows a page
    // fitted to the window.
    void run_query(const std::string& q, std::size_t offset);
    bool need_results();
    // Hit number n of the last results (fetched if not on the page).
    std::optional<search::Hit> hit(std::size_t n);
    Style style() const { return detect_style(color_); }
    std::string composed() const;
    std::string narrowed_description() const;
    Done add_filter(const std::string& arg);

    search::Searcher& searcher_;
    search::SearchOptions so_;
    ColorMode color_;
    std::optional<search::SearchResult> last_;
    std::string last_query_;
    std::vector<std::size_t> page_starts_;  // offsets of the pages shown before this one
    std::string related_id_;  // the last results are stories related to this article
    // Facet narrowing: the typed query and the filters added by :f, applied
    // one by one ("((base) f1) f2") so that filters on the same field AND.
    std::string base_query_;
    std::vector<std::string> filters_;
    std::vector<std::pair<const search::Facet*, const search::FacetValue*>> numbered_;
    std::optional<search::SearchResult> facet_result_;  // owns what `numbered_` points into
};

const std::vector<Command>& Session::commands() {
    static const std::vector<Command> table{
        {{"q", ":q", "quit", ":quit", "exit"}, false, &Session::quit},
        {{"?", ":help", ":h", "help"}, false, &Session::help},
        {{"n"}, false, &Session::next_page},
        {{"p"}, false, &Session::previous_page},
        {{"y", ":y"}, false, &Session::accept_suggestion},
        {{"r", ":related"}, true, &Session::related},
        {{":all"}, false, &Session::toggle_versions},
        {{":v"}, true, &Session::list_versions},
        {{":explain", "?q"}, true, &Session::explain},
        {{":sort", ":rank"}, true, &Session::sort},
        {{":synonyms"}, true, &Session::synonyms},
        {{":limit"}, true, &Session::limit},
        {{":facets", ":facet"}, false, &Session::facets},
        {{":f"}, true, &Session::narrow},
    };
    return table;
}

Done Session::dispatch(const std::string& cmd) {
    std::size_t sp = cmd.find_first_of(" \t");
    std::string name = cmd.substr(0, sp);
    std::string arg = sp == std::string::npos ? "" : trim(cmd.substr(sp));
    for (const auto& c : commands()) {
        for (std::string_view n : c.names) {
            if (n != name || (!c.takes_arg && !arg.empty())) continue;
            Done d = (this->*c.run)(c.takes_arg ? arg : std::string(name));
            if (d != Done::NotMine) return d;
        }
    }
    if (all_digits(cmd)) return open_hit(cmd);
    if (cmd.front() == ':') {
        std::cout << "unknown command " << cmd << " (? for help)\n";
        return Done::Handled;
    }
    return search_for(cmd);
}

int Session::run() {
    LineEditor editor;
    std::cout << "haber \u2014 " << searcher_.doc_count() << (searcher_.doc_count() == 1 ? " article" : " articles")
              << " \u00b7 " << kGreeting << "\n"
              << std::flush;
    bool interrupted_empty = false;  // the last input was a Ctrl-C on an empty line
    while (true) {
        LineInput in = editor.read("haber> ");
        if (in.kind == LineInput::End) break;
        if (in.kind == LineInput::Interrupted) {
            if (in.was_empty && interrupted_empty) break;
            interrupted_empty = in.was_empty;
            if (in.was_empty) std::cout << "(Ctrl-C again or Ctrl-D to quit)\n" << std::flush;
            continue;
        }
        interrupted_empty = false;
        std::string cmd = trim(in.text);
        if (cmd.empty()) continue;
        Done d = Done::Handled;
        try {
            d = dispatch(cmd);
        } catch (const search::DatabaseError& e) {
            std::cout << "haber-search: error: " << e.what() << "\n";
        }
        std::cout << std::flush;
        if (d == Done::Quit) break;
    }
    return 0;
}

bool Session::need_results() {
    if (last_) return true;
    std::cout << "no query yet \u2014 type some words first\n";
    return false;
}

void Session::run_query(const std::string& q, std::size_t offset) {
    so_.offset = offset;
    Style st = style();
    try {
        search::SearchResult r;
        if (!related_id_.empty()) {
            auto rel = searcher_.related(related_id_, so_);
            if (!rel) {
                std::cout << "article " << related_id_ << " is no longer in the archive\n";
                return;
            }
            r = std::move(*rel);
        } else {
            r = searcher_.search(q, so_);
        }
        last_query_ = q;
        // The header line and the page's footer are measured with the hits:
        // the echoed query line above and the prompt below stay in view.
        std::string text = fit_page(r, st, st.height > 2 ? st.height - 2 : 0);
        last_ = std::move(r);
        std::cout << text;
    } catch (const search::QueryError& e) {
        std::cout << e.render() << "\n";
    }
}

std::optional<search::Hit> Session::hit(std::size_t n) {
    for (const auto& h : last_->hits)
        if (h.rank == n) return h;
    if (n == 0 || n > last_->total) return std::nullopt;
    search::SearchOptions one = so_;
    one.offset = n - 1;
    one.limit = 1;
    std::optional<search::SearchResult> r;
    if (related_id_.empty()) r = searcher_.search(last_query_, one);
    else r = searcher_.related(related_id_, one);
    if (!r || r->hits.empty()) return std::nullopt;
    return r->hits.front();
}

Done Session::next_page(const std::string&) {
    if (!need_results()) return Done::Handled;
    std::size_t next = last_->offset + last_->hits.size();
    if (last_->hits.empty() || next >= last_->total) {
        std::cout << "no more results (" << matches_label(last_->total) << ")\n";
        return Done::Handled;
    }
    page_starts_.push_back(last_->offset);
    run_query(last_query_, next);
    return Done::Handled;
}

Done Session::previous_page(const std::string&) {
    if (!need_results()) return Done::Handled;
    if (last_->offset == 0) {
        std::cout << "already on the first page\n";
        return Done::Handled;
    }
    std::size_t back = 0;
    if (!page_starts_.empty()) {
        back = page_starts_.back();
        page_starts_.pop_back();
    }
    run_query(last_query_, back);
    return Done::Handled;
}

Done Session::accept_suggestion(const std::string& name) {
    if (!last_ || last_->suggestion.empty()) {
        if (name == "y") return Done::NotMine;  // "y" is then a word to search
        std::cout << "no suggestion to accept\n";
        return Done::Handled;
    }
    // The suggestion was made for the query with its :f filters; it becomes
    // the new base query.
    return search_for(last_->suggestion.query);
}

Done Session::related(const std::string& arg) {
    if (!need_results()) return Done::Handled;
    if (!all_digits(arg)) {
        std::cout << "usage: r N (stories related to hit N)\n";
        return Done::Handled;
    }
    std::size_t n = std::stoul(arg);
    auto h = hit(n);
    if (!h) {
        std::cout << "no hit " << n << " (" << matches_label(last_->total) << ")\n";
        return Done::Handled;
    }
    related_id_ = h->article.id;
    std::cout << "related to: " << h->article.title << " (" << related_id_ << ")\n";
    filters_.clear();
    numbered_.clear();
    base_query_.clear();
    page_starts_.clear();
    run_query("", 0);
    return Done::Handled;
}

Done Session::open_hit(const std::string& number) {
    if (!need_results()) return Done::Handled;
    std::size_t n = std::stoul(number);
    auto h = n == 0 || n > last_->total ? std::nullopt : hit(n);
    if (!h) {
        std::cout << "no hit " << n << " (" << matches_label(last_->total) << ")\n";
        return Done::Handled;
    }
    page(render_article(h->article, searcher_.analyzer(), last_->parsed.highlight, style()), style());
    return Done::Handled;
}

Done Session::toggle_versions(const std::string&) {
    so_.collapse_versions = !so_.collapse_versions;
    std::cout << (!so_.collapse_versions ? "showing every version of a story\n"
                                         : "showing each story once (\"+N versions\")\n");
    page_starts_.clear();
    if (last_) run_query(last_query_, 0);
    return Done::Handled;
}

Done Session::list_versions(const std::string& arg) {
    if (!need_results()) return Done::Handled;
    if (!all_digits(arg) || std::stoul(arg) == 0) {
        std::cout << "usage: :v N (N: a hit number)\n";
        return Done::Handled;
    }
    std::size_t n = std::stoul(arg);
    auto h = hit(n);
    if (!h) {
        std::cout << "no hit " << n << "\n";
        return Done::Handled;
    }
    auto list = searcher_.versions(h->article.id);
    if (!list) {
        std::cout << "hit " << n << " is no longer in the database\n";
        return Done::Handled;
    }
    page(render_versions(*list, style()), style());
    return Done::Handled;
}

Done Session::explain(const std::string& arg) {
    if (!last_) {
        std::cout << "no query yet\n";
        return Done::Handled;
    }
    if (arg.empty()) {
        std::cout << last_->parsed.describe();
        return Done::Handled;
    }
    std::optional<search::Hit> h;
    if (all_digits(arg)) h = hit(std::stoul(arg));
    if (!h) {
        std::cout << "usage: :explain N (N: a hit number; " << matches_label(last_->total) << ")\n";
        return Done::Handled;
    }
    // The hit's own result: its rank's page may have been fetched anew.
    auto e = search::explain_hit(searcher_.database(), *last_, *h, so_.ranking);
    std::cout << std::to_string(h->rank) << ".  " << h->article.title << "\n"
              << render_explanation(e, style(), 4);
    return Done::Handled;
}

Done Session::sort(const std::string& arg) {
    auto s = search::parse_sort(arg);
    if (!s) {
        std::cout << "usage: :sort relevance|recency|date|date-asc (now " << search::sort_name(so_.sort) << ")\n";
        return Done::Handled;
    }
    so_.sort = *s;
    std::cout << "sorting by " << search::sort_name(so_.sort) << "\n";
    page_starts_.clear();
    if (last_) run_query(last_query_, 0);
    return Done::Handled;
}

Done Session::synonyms(const std::string& arg) {
    if (arg != "on" && arg != "off") {
        std::cout << "usage: :synonyms on|off (now " << (so_.synonyms ? "on" : "off") << ")\n";
        return Done::Handled;
    }
    so_.synonyms = arg == "on";
    std::cout << "synonyms " << arg << "\n";
    page_starts_.clear();
    if (last_) run_query(last_query_, 0);
    return Done::Handled;
}

Done Session::limit(const std::string& arg) {
    if (!all_digits(arg) || std::stoul(arg) == 0 || std::stoul(arg) > 1000) {
        std::cout << "usage: :limit N (1 to 1000)\n";
        return Done::Handled;
    }
    so_.limit = std::stoul(arg);
    page_starts_.clear();
    if (last_) run_query(last_query_, 0);
    return Done::Handled;
}

std::string Session::composed() const {
    std::string q = base_query_;
    // ("(" + q) trips GCC 12's -Wrestrict false positive (PR 105329).
    for (const auto& f : filters_) q = std::string("(").append(q).append(") ").append(f);
    return q;
}

std::string Session::narrowed_description() const {
    std::string d = base_query_;
    for (const auto& f : filters_) d += " \u2192 " + f;
    return d;
}

Done Session::facets(const std::string&) {
    if (!need_results()) return Done::Handled;
    if (!related_id_.empty()) {
        std::cout << "facets count a search's matches; type a query first\n";
        return Done::Handled;
    }
    search::SearchOptions fo = so_;
    fo.offset = 0;
    fo.limit = 1;
    if (fo.facets == 0) fo.facets = 10;
    try {
        facet_result_ = searcher_.search(last_query_, fo);
    } catch (const search::QueryError& e) {
        std::cout << e.render() << "\n";
        return Done::Handled;
    }
    std::cout << matches_label(facet_result_->total) << " for " << narrowed_description() << "\n"
              << render_facets_numbered(*facet_result_, style(), &numbered_)
              << (numbered_.empty() ? "" : ":f N narrows by value N\n");
    return Done::Handled;
}

Done Session::narrow(const std::string& arg) {
    if (!need_results()) return Done::Handled;
    if (!related_id_.empty()) {
        std::cout << ":f narrows a search; type a query first\n";
        return Done::Handled;
    }
    if (arg.empty()) {
        if (filters_.empty()) std::cout << "no filters (:facets lists values; :f category=ekonomi narrows)\n";
        else std::cout << "search: " << narrowed_description() << "\n";
        return Done::Handled;
    }
    if (arg == "-") {
        if (filters_.empty()) {
            std::cout << "no filter to remove\n";
            return Done::Handled;
        }
        std::cout << "removed " << filters_.back() << "\n";
        filters_.pop_back();
    } else if (add_filter(arg) == Done::Handled) {
        return Done::Handled;  // refused, with a message
    }
    numbered_.clear();  // the numbers belonged to the previous result
    std::cout << "narrowed: " << narrowed_description() << "\n";
    page_starts_.clear();
    run_query(composed(), 0);
    return Done::Handled;
}

// Adds the filter `arg` names; Done::NotMine when added (the caller runs
// the narrowed search), Done::Handled when refused with a message.
Done Session::add_filter(const std::string& arg) {
    std::string filter;
    if (all_digits(arg)) {
        std::size_t n = std::stoul(arg);
        if (n == 0 || n > numbered_.size()) {
            std::cout << "no facet value " << n << (numbered_.empty() ? " (run :facets first)" : "") << "\n";
            return Done::Handled;
        }
        filter = search::facet_filter(*numbered_[n - 1].first, *numbered_[n - 1].second);
    } else {
        std::size_t eq = arg.find('=');
        if (eq == std::string::npos) eq = arg.find(':');
        if (eq == std::string::npos || eq == 0 || eq + 1 >= arg.size()) {
            std::cout << "usage: :f FIELD=VALUE (category, place, source, year, month, date), :f N, :f -\n";
            return Done::Handled;
        }
        std::string field = trim(arg.substr(0, eq)), value = trim(arg.substr(eq + 1));
        if (field == "year" || field == "month") field = "date";
        if (field != "date" && field != "category" && field != "place" && field != "source") {
            std::cout << "cannot narrow by " << field << " (category, place, source, year, month, date)\n";
            return Done::Handled;
        }
        search::Facet f;
        f.field = field;
        filter = search::facet_filter(f, {value, 0});
    }
    try {  // the filter must parse before it is added
        (void)searcher_.parse(std::string("(").append(composed()).append(") ").append(filter), so_);
    } catch (const search::QueryError& e) {
        std::cout << "cannot add " << filter << ": " << e.reason() << "\n";
        return Done::Handled;
    }
    filters_.push_back(filter);
    return Done::NotMine;
}

Done Session::search_for(const std::string& query) {
    base_query_ = query;
    related_id_.clear();
    filters_.clear();
    numbered_.clear();
    page_starts_.clear();
    run_query(query, 0);
    return Done::Handled;
}

}  // namespace

int run_interactive(search::Searcher& searcher, const InteractiveOptions& options) {
    Session session(searcher, options);
    return session.run();
}

}  // namespace haber::cli
