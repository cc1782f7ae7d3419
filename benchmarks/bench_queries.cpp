#include "bench_queries.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace haber::bench {

const std::vector<std::string>& known_classes() {
    static const std::vector<std::string> k{"term_high", "term_medium", "term_low", "and2",       "or2",
                                            "phrase",    "field",       "ascii",    "sorted_date", "realistic"};
    return k;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool valid_class(std::string_view c) {
    return !c.empty() && std::all_of(c.begin(), c.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
    });
}

}  // namespace

std::vector<BenchQuery> parse_query_tsv(std::string_view content, const std::string& name) {
    std::vector<BenchQuery> out;
    std::size_t line_no = 0;
    if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);  // BOM
    while (!content.empty()) {
        auto nl = content.find('\n');
        std::string_view line = content.substr(0, nl);
        content = nl == std::string_view::npos ? std::string_view{} : content.substr(nl + 1);
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::string_view t = trim(line);
        if (t.empty() || t.front() == '#') continue;
        auto where = name + ":" + std::to_string(line_no) + ": ";
        auto tab = line.find('\t');
        if (tab == std::string_view::npos)
            throw QueryFileError(where + "expected class<TAB>query, found no tab in \"" + std::string(t) + "\"");
        std::string_view cls = trim(line.substr(0, tab));
        std::string_view rest = line.substr(tab + 1);
        std::string_view query = trim(rest.substr(0, rest.find('\t')));
        if (!valid_class(cls))
            throw QueryFileError(where + "bad class \"" + std::string(cls) +
                                 "\" (expected a lowercase name such as term_high)");
        if (query.empty()) throw QueryFileError(where + "empty query for class " + std::string(cls));
        out.push_back(BenchQuery{std::string(cls), std::string(query), name, line_no});
    }
    return out;
}

std::vector<BenchQuery> read_query_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw QueryFileError("cannot read query file " + path + ": " + std::strerror(errno));
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw QueryFileError("cannot read query file " + path + ": read error");
    auto q = parse_query_tsv(ss.str(), path);
    if (q.empty()) throw QueryFileError(path + ": no queries (expected class<TAB>query lines)");
    return q;
}

std::vector<std::string> classes_in_order(const std::vector<BenchQuery>& queries) {
    std::vector<std::string> out;
    for (const auto& k : known_classes())
        if (std::any_of(queries.begin(), queries.end(), [&](const BenchQuery& q) { return q.cls == k; }))
            out.push_back(k);
    for (const auto& q : queries)
        if (std::find(out.begin(), out.end(), q.cls) == out.end()) out.push_back(q.cls);
    return out;
}

}  // namespace haber::bench
