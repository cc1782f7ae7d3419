// haber-search's interactive mode: a readline prompt (plain std::getline when
// stdin is not a terminal) over one Searcher, with paging and hit opening.
#pragma once

#include "render.h"
#include "search/searcher.h"

namespace haber::cli {

struct InteractiveOptions {
    search::SearchOptions search;
    ColorMode color = ColorMode::Auto;
};

// Returns the process exit status.
int run_interactive(search::Searcher& searcher, const InteractiveOptions& options);

// ~/.local/share/haber/history (or $XDG_DATA_HOME/haber/history).
std::string history_path();

}  // namespace haber::cli
