// haber-search's interactive mode: a prompt (line_editor.h) over one
// Searcher, with pages fitted to the window, hit opening, facets, related
// stories. Ctrl-C clears the line; twice on an empty line, Ctrl-D or q quits.
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

}  // namespace haber::cli
