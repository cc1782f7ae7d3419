// haber-search's commands (search, --count, --show, --versions, --related,
// --analyze, --list-synonyms, interactive mode), chosen from a table by the
// options given, and the mapping of failures to the exit statuses of
// core/exit_status.h.
#pragma once

#include "options.h"

namespace haber::cli {

// Runs the command the options ask for; returns the exit status.
int run_search_command(const SearchCli& options);

}  // namespace haber::cli
