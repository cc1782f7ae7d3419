// haber-search: full-text search over a haber archive index. The options are
// in options.cpp, the commands in commands.cpp, interactive mode in
// interactive.cpp; README "Using it" describes them.
#include "commands.h"
#include "options.h"

int main(int argc, char** argv) {
    haber::cli::SearchCli options;
    if (auto stop = haber::cli::parse_search_cli(argc, argv, options)) return *stop;
    return haber::cli::run_search_command(options);
}
