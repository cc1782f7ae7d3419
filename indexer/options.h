// haber-index's command line: every option, its default, and the checks
// that need no database (sizes, field mappings, format).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ingest/reader.h"

namespace haber::indexer {

inline constexpr const char* kIndexProgram = "haber-index";

struct IndexCli {
    std::string db;                      // resolved: --db, $HABER_DB or the XDG default
    std::vector<std::string> paths;      // empty: the bundled corpus (unless only --synonyms)
    ingest::ReaderOptions reader;        // --format, --field, --max-article-size
    std::string stemmer;                 // --stemmer ("" : the database's, or the default)
    std::size_t memory = 256u << 20;     // --memory
    unsigned jobs = 1;                   // -j
    std::size_t commit_every = 2000;
    bool quiet = false;
    bool deleting = false;               // --delete given
    std::vector<std::string> delete_ids;
    std::optional<std::string> synonyms; // --synonyms FILE
};

// Parses argv into `out`. Returns an exit status when the program should
// stop here (--help, --version: 0; a usage error, already reported: 2),
// nullopt to go on.
std::optional<int> parse_index_cli(int argc, char** argv, IndexCli& out);

// "16777216", "16M", "16MiB", "512k", "1G"; nullopt if not a positive size.
std::optional<std::size_t> parse_size(const std::string& s);

}  // namespace haber::indexer
