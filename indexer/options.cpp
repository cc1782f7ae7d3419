#include "options.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "analysis/stemmer.h"
#include "exit_status.h"
#include "ingest/jsonl.h"
#include "paths.h"

#ifndef HABER_VERSION
#define HABER_VERSION "0.0.0"
#endif

namespace haber::indexer {

namespace {

constexpr const char* kFooter =
    "Examples:\n"
    "  haber-index                            index the bundled sample corpus\n"
    "  haber-index arsiv/                     every article file under arsiv/\n"
    "  haber-index --db /srv/haber.db haberler.jsonl.gz\n"
    "  zcat dump.jsonl.gz | haber-index -     JSON Lines on stdin\n"
    "  haber-index --field title=headline --field body=content.text export.jsonl\n"
    "  haber-index --db /srv/haber.db --delete ID...   delete articles by id\n"
    "  haber-index --db /srv/haber.db --synonyms kisaltmalar.txt   store synonym rules\n"
    "\n"
    "Database: --db, else $HABER_DB, else $XDG_DATA_HOME/haber/haber.db (~/.local/share/haber/haber.db).\n"
    "Exit status: 0 all indexed; 1 some input skipped (the rest is indexed); 2 usage or data error\n"
    "(bad option, database cannot be created or is locked); 130 interrupted (what was read is committed).\n"
    "With --delete: 0 all deleted, 1 some id not found (the others are deleted), 2 error.";

struct Raw {
    std::string db, format = "auto", max_size = "16M", memory = "256M";
    std::vector<std::string> fields;
    std::string synonyms;
};

void add_options(CLI::App& app, IndexCli& o, Raw& raw) {
    app.add_option("PATH", o.paths, "files, directories or '-' for stdin (default: the bundled sample corpus)");
    app.add_option("--db", raw.db, "database directory (default: $HABER_DB or the XDG data dir)");
    app.add_option("--format", raw.format, "input format: auto, text, jsonl or xml (IPTC NITF / NewsML-G2)")
        ->check(CLI::IsMember({"auto", "text", "jsonl", "xml"}))->capture_default_str();
    app.add_option("--field", raw.fields,
                   "JSONL key mapping OURS=THEIRS (repeatable; dotted THEIRS for nested keys), e.g. --field title=headline")
        ->allow_extra_args(false);
    app.add_option("--commit-every", o.commit_every, "commit every N articles (an existing database)")
        ->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--max-article-size", raw.max_size,
                   "longest JSONL line or text or XML file read, in bytes (suffixes k, M, G)")->capture_default_str();
    app.add_flag("-q,--quiet", o.quiet, "no progress bar, warnings or summary; errors only");
    app.add_option("-j,--jobs", o.jobs,
                   "parallel writers when creating a new database (shards merged at the end); "
                   "an existing database is updated by one writer")
        ->check(CLI::Range(1u, 64u))->capture_default_str();
    app.add_option("--memory", raw.memory, "memory for indexing buffers when creating a new database (suffixes k, M, G)")
        ->capture_default_str();
    app.add_option("--stemmer", o.stemmer,
                   "stemming strategy of a new database: " + analysis::StemConfig{}.name() +
                       " (default, chosen by benchmarks/quality), snowball, prefixN, snowball+prefixN, none");
    app.add_option("--delete", o.delete_ids,
                   "delete the articles with these ids from an existing database (committed at once); "
                   "no PATH is indexed")->expected(1, -1);
    app.add_option("--synonyms", raw.synonyms,
                   "store the synonym rules in FILE in the database, replacing those stored before (lines "
                   "'AB, Avrupa Birliği' or 'TCMB => Merkez Bankası'; an empty file removes them); every "
                   "haber-search of the database uses them. Without PATH nothing is indexed");
}

// The settings that are checked before any database is touched; false
// (reported) on a bad one.
bool resolve(const CLI::App& app, const Raw& raw, IndexCli& o) {
    o.db = resolve_db_path(raw.db);
    o.deleting = app.get_option("--delete")->count() > 0;
    if (app.get_option("--synonyms")->count() > 0) o.synonyms = raw.synonyms;
    o.reader.format = *ingest::parse_format(raw.format);
    for (const auto& spec : raw.fields) {
        if (auto err = ingest::add_field_mapping(o.reader.fields, spec)) {
            print_error(kIndexProgram, "--field: " + *err);
            return false;
        }
    }
    auto max_size = parse_size(raw.max_size);
    if (!max_size) {
        print_error(kIndexProgram, "--max-article-size: expected a positive size such as 16777216 or 16M, got '" +
                                       raw.max_size + "'");
        return false;
    }
    o.reader.max_article_size = *max_size;
    auto memory = parse_size(raw.memory);
    if (!memory) {
        print_error(kIndexProgram, "--memory: expected a positive size such as 1G or 512M, got '" + raw.memory + "'");
        return false;
    }
    o.memory = *memory;
    if (o.deleting && !o.paths.empty()) {
        print_error(kIndexProgram, "--delete takes article ids, not input paths; run the deletion and the indexing separately");
        return false;
    }
    return true;
}

}  // namespace

std::optional<std::size_t> parse_size(const std::string& s) {
    std::size_t pos = 0;
    unsigned long long n;
    try {
        n = std::stoull(s, &pos);
    } catch (...) {
        return std::nullopt;
    }
    std::string unit = s.substr(pos);
    for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    unsigned long long mult = 1;
    if (unit.empty() || unit == "b") mult = 1;
    else if (unit == "k" || unit == "kb" || unit == "kib") mult = 1ull << 10;
    else if (unit == "m" || unit == "mb" || unit == "mib") mult = 1ull << 20;
    else if (unit == "g" || unit == "gb" || unit == "gib") mult = 1ull << 30;
    else return std::nullopt;
    if (n == 0) return std::nullopt;
    return static_cast<std::size_t>(n * mult);
}

std::optional<int> parse_index_cli(int argc, char** argv, IndexCli& o) {
    CLI::App app{"adds Turkish news articles to the haber search database.\n"
                 "Reads plain-text articles (one a file), JSON Lines (.jsonl/.json/.ndjson),\n"
                 "IPTC NITF 3.x and NewsML-G2 XML (.xml/.nitf/.newsml),\n"
                 "gzip-compressed files, directory trees and stdin ('-').",
                 kIndexProgram};
    app.footer(kFooter);
    // One column wider than CLI11's 30, so "--max-article-size TEXT=16M"
    // and its description do not run together.
    app.get_formatter()->column_width(32);
    app.set_version_flag("--version", std::string(kIndexProgram) + " " + HABER_VERSION);
    o.jobs = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    Raw raw;
    add_options(app, o, raw);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(kIndexProgram, std::string(e.what()) + " (see --help)");
        return exit_status::kError;
    }
    if (!resolve(app, raw, o)) return exit_status::kError;
    return std::nullopt;
}

}  // namespace haber::indexer
