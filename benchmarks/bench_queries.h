// Benchmark query files: TSV, '#' comment lines and blank lines ignored, then
// one `class<TAB>query` a line, the query in haber-search syntax (further
// tab-separated columns are ignored). Classes used by the generator:
// term_high term_medium term_low and2 or2 phrase field ascii sorted_date
// realistic; others are accepted and reported after these.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace haber::bench {

struct BenchQuery {
    std::string cls;     // "term_high"
    std::string text;    // "ankara"
    std::string file;    // as named on the command line
    std::size_t line = 0;
};

// "FILE:LINE: reason" or "cannot read FILE: reason".
class QueryFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws QueryFileError; an empty file (no queries) is an error too.
std::vector<BenchQuery> read_query_file(const std::string& path);
std::vector<BenchQuery> parse_query_tsv(std::string_view content, const std::string& name);

// The agreed classes, in report order.
const std::vector<std::string>& known_classes();
// Class names of `queries`: known ones in report order, then the others in
// order of first appearance.
std::vector<std::string> classes_in_order(const std::vector<BenchQuery>& queries);

}  // namespace haber::bench
