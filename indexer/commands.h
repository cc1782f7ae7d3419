// haber-index's commands, chosen from a table by the options: delete
// articles, store synonym rules alone, or index inputs (indexing.h).
#pragma once

#include <optional>

#include "analysis/stemmer.h"
#include "options.h"

namespace haber::indexer {

// Runs the command the options ask for; returns the exit status.
int run_index_command(const IndexCli& options);

// The stemmer of the database at options.db if it has one, else
// --stemmer, else the default; nullopt (reported) if they conflict.
std::optional<analysis::StemConfig> choose_stemmer(const IndexCli& options);

}  // namespace haber::indexer
