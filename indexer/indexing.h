// Indexing inputs into a database: a new one bulk-loaded by parallel shard
// writers and merged at the end, an existing one updated in place; the
// progress line, Ctrl-C (commit what was read, exit 130), the summary.
#pragma once

#include <string>

#include "analysis/analyzer.h"
#include "options.h"
#include "search/synonyms.h"

namespace haber::indexer {

// "1 file", "2 files": n and the word for it.
std::string plural(std::size_t n, const char* one, const char* many);

// Indexes options.paths (the bundled corpus if none) into options.db, then
// stores --synonyms if given. Returns the exit status.
int index_inputs(const IndexCli& options);

// Reads --synonyms FILE into `rules`, reporting bad lines (counted in
// `problems`); false (reported) if the file cannot be read.
bool load_synonyms(const IndexCli& options, search::SynonymList& rules, std::size_t& problems);

// Replaces the synonym rules stored in the database at `db_path` (creating
// it if needed); returns how many were stored. Throws on database errors.
std::size_t store_synonyms(const std::string& db_path, const analysis::Analyzer& analyzer,
                           const search::SynonymList& rules);

}  // namespace haber::indexer
