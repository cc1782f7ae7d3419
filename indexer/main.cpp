// haber-index: reads Turkish news articles (plain text, JSON Lines, IPTC XML,
// gzip, stdin) and adds them to the haber database. The options are in
// options.cpp, the commands in commands.cpp, indexing in indexing.cpp.
#include "commands.h"
#include "options.h"

int main(int argc, char** argv) {
    haber::indexer::IndexCli options;
    if (auto stop = haber::indexer::parse_index_cli(argc, argv, options)) return *stop;
    return haber::indexer::run_index_command(options);
}
