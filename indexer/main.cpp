// haber-index: reads Turkish news articles (plain text, JSON Lines, gzip,
// stdin) and adds them to the haber database.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "analysis/analyzer.h"
#include "index/bulk_loader.h"
#include "index/index_writer.h"
#include "ingest/reader.h"
#include "paths.h"
#include "progress.h"
#include "search/synonyms.h"

#ifndef HABER_VERSION
#define HABER_VERSION "0.0.0"
#endif

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_signal(int sig) {
    g_interrupted = sig;
    // A second Ctrl-C ends the program at once.
    std::signal(sig, SIG_DFL);
}

void install_signal_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a blocked read of stdin returns
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

// "16777216", "16M", "16MiB", "512k", "1G".
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

void fail(const std::string& msg) { std::cerr << "haber-index: error: " << msg << "\n"; }

// Replaces the synonym rules stored in the database at `db_path` (creating
// it if needed). Throws on database errors.
std::size_t store_synonyms(const std::string& db_path, const haber::analysis::Analyzer& analyzer,
                           const haber::search::SynonymList& rules) {
    haber::index::IndexWriter w(db_path, analyzer, haber::index::IndexWriterOptions{0});
    std::size_t n = rules.store(w.database());
    w.commit();
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace haber;

    CLI::App app{"haber-index: adds Turkish news articles to the haber search database.\n"
                 "Reads plain-text articles (one a file), JSON Lines (.jsonl/.json/.ndjson),\n"
                 "IPTC NITF 3.x and NewsML-G2 XML (.xml/.nitf/.newsml),\n"
                 "gzip-compressed files, directory trees and stdin ('-')."};
    app.footer(
        "Examples:\n"
        "  haber-index                            index the bundled sample corpus\n"
        "  haber-index arsiv/                     every article file under arsiv/\n"
        "  haber-index --db /srv/haber.db haberler.jsonl.gz\n"
        "  zcat dump.jsonl.gz | haber-index -     JSON Lines on stdin\n"
        "  haber-index --field title=headline --field body=content.text export.jsonl\n"
        "  haber-index --db /srv/haber.db --delete ID...   delete articles by id\n"
        "  haber-index --db /srv/haber.db --synonyms kisaltmalar.txt   store synonym rules\n"
        "\n"
        "Database: --db, else $HABER_DB, else ~/.local/share/haber/haber.db.\n"
        "Exit status: 0 all indexed; 1 some input skipped (the rest is indexed);\n"
        "2 usage or fatal error; 130 interrupted (what was read is committed).\n"
        "With --delete: 0 all deleted, 1 some id not found (the others are deleted), 2 fatal error.");
    app.set_version_flag("--version", std::string("haber-index ") + HABER_VERSION);

    std::string db_opt, format_opt = "auto", stemmer_opt, max_size_opt, memory_opt = "256M";
    unsigned jobs = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::string> paths, field_specs, delete_ids;
    std::size_t commit_every = 2000;
    bool quiet = false;
    app.add_option("PATH", paths,
                   "files, directories or '-' for stdin (default: the bundled sample corpus)");
    app.add_option("--db", db_opt, "database directory (default: $HABER_DB or the XDG data dir)");
    app.add_option("--format", format_opt,
                   "input format: auto, text, jsonl or xml (IPTC NITF / NewsML-G2)")
        ->check(CLI::IsMember({"auto", "text", "jsonl", "xml"}))
        ->capture_default_str();
    app.add_option("--field", field_specs,
                   "JSONL key mapping OURS=THEIRS (repeatable; dotted THEIRS for nested keys), "
                   "e.g. --field title=headline")
        ->allow_extra_args(false);
    app.add_option("--commit-every", commit_every, "commit every N articles")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--max-article-size", max_size_opt,
                   "longest JSONL line or text or XML file read, in bytes (suffixes k, M, G; default 16M)");
    app.add_flag("-q,--quiet", quiet, "no progress bar, warnings or summary; errors only");
    app.add_option("-j,--jobs", jobs,
                   "parallel writers when creating a new database (shards merged at the end); "
                   "an existing database is updated by one writer")
        ->check(CLI::Range(1u, 64u))
        ->capture_default_str();
    app.add_option("--memory", memory_opt,
                   "memory for indexing buffers when creating a new database (suffixes k, M, G)")
        ->capture_default_str();
    app.add_option("--stemmer", stemmer_opt,
                   "stemming strategy of a new database: " + analysis::StemConfig{}.name() +
                       " (default, chosen by benchmarks/quality), snowball, prefixN, "
                       "snowball+prefixN, none");
    auto* delete_opt = app.add_option(
        "--delete", delete_ids,
        "delete the articles with these ids from an existing database (committed at once); "
        "no PATH is indexed")->expected(1, -1);
    std::string synonyms_opt;
    auto* synonyms_flag = app.add_option(
        "--synonyms", synonyms_opt,
        "store the synonym rules in FILE in the database, replacing those stored before (lines "
        "'AB, Avrupa Birliği' or 'TCMB => Merkez Bankası'; an empty file removes them); every "
        "haber-search of the database uses them. Without PATH nothing is indexed");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }

    if (delete_opt->count() > 0) {
        if (!paths.empty()) {
            fail("--delete takes article ids, not input paths; run the deletion and the indexing separately");
            return 2;
        }
        std::string db_path = resolve_db_path(db_opt);
        auto stemmer = index::existing_stemmer(db_path);
        std::error_code ec;
        bool is_db = std::filesystem::is_directory(db_path, ec);
        if (is_db) {
            try {
                Xapian::Database probe(db_path);
            } catch (const Xapian::Error&) {
                is_db = false;
            }
        }
        if (!is_db) {
            fail("no database at " + db_path + " to delete from");
            return 2;
        }
        analysis::StemConfig config;
        if (stemmer) {
            if (auto parsed = analysis::StemConfig::parse(*stemmer)) config = *parsed;
        }
        analysis::Analyzer del_analyzer(config);
        std::size_t missing = 0;
        unsigned long long left = 0;
        std::size_t deleted = 0;
        try {
            index::IndexWriter w(db_path, del_analyzer, index::IndexWriterOptions{0});
            for (const auto& id : delete_ids) {
                if (!w.remove(id)) {
                    ++missing;
                    std::cerr << "haber-index: no article with id '" << id << "' in " << db_path << "\n";
                }
            }
            w.commit();
            deleted = w.deleted();
            left = w.doc_count();
        } catch (const std::exception& e) {
            fail(e.what());
            return 2;
        }
        if (!quiet)
            std::cerr << "deleted " << deleted << (deleted == 1 ? " article" : " articles")
                      << (missing ? ", " + std::to_string(missing) + " not found" : std::string())
                      << "\ndatabase: " << db_path << " (" << left << " articles)\n";
        return missing > 0 ? 1 : 0;
    }

    // Synonym rules: read (and reported) before indexing, stored after it.
    search::SynonymList synonym_rules;
    std::size_t synonym_problems = 0;
    if (synonyms_flag->count() > 0) {
        std::vector<std::string> problems;
        try {
            synonym_rules.load_file(synonyms_opt, problems);
        } catch (const std::exception& e) {
            fail(e.what());
            return 2;
        }
        for (const auto& p : problems) std::cerr << "haber-index: " << p << "\n";
        synonym_problems = problems.size();
        if (paths.empty()) {
            std::string db_path = resolve_db_path(db_opt);
            analysis::StemConfig config;
            if (auto stemmer = index::existing_stemmer(db_path))
                if (auto parsed = analysis::StemConfig::parse(*stemmer)) config = *parsed;
            try {
                std::size_t n = store_synonyms(db_path, analysis::Analyzer(config), synonym_rules);
                if (!quiet)
                    std::cerr << "stored " << n << (n == 1 ? " synonym rule" : " synonym rules") << " from "
                              << synonyms_opt << (synonym_problems ? " (" + std::to_string(synonym_problems) +
                                                                          " bad lines skipped)" : std::string())
                              << "\ndatabase: " << db_path << "\n";
            } catch (const std::exception& e) {
                fail(e.what());
                return 2;
            }
            return synonym_problems > 0 ? 1 : 0;
        }
    }

    ingest::ReaderOptions reader_options;
    reader_options.format = *ingest::parse_format(format_opt);
    for (const auto& spec : field_specs) {
        if (auto err = ingest::add_field_mapping(reader_options.fields, spec)) {
            fail("--field: " + *err);
            return 2;
        }
    }
    if (!max_size_opt.empty()) {
        auto n = parse_size(max_size_opt);
        if (!n) {
            fail("--max-article-size: expected a positive size such as 16777216 or 16M, got '" +
                 max_size_opt + "'");
            return 2;
        }
        reader_options.max_article_size = *n;
    }

    // The database and its stemmer.
    std::string db_path = resolve_db_path(db_opt);
    analysis::StemConfig stem_config;
    auto existing = index::existing_stemmer(db_path);
    if (!stemmer_opt.empty()) {
        auto parsed = analysis::StemConfig::parse(stemmer_opt);
        if (!parsed) {
            fail("--stemmer: unknown stemmer '" + stemmer_opt +
                 "' (use snowball, prefixN, snowball+prefixN or none)");
            return 2;
        }
        if (existing && *existing != parsed->name()) {
            fail("--stemmer can only be chosen when creating a new database; " + db_path +
                 " was built with '" + *existing + "'");
            return 2;
        }
        stem_config = *parsed;
    } else if (existing) {
        auto parsed = analysis::StemConfig::parse(*existing);
        if (!parsed) {
            fail("database " + db_path + " was built with unknown stemmer '" + *existing + "'");
            return 2;
        }
        stem_config = *parsed;
    }

    auto memory = parse_size(memory_opt);
    if (!memory) {
        fail("--memory: expected a positive size such as 1G or 512M, got '" + memory_opt + "'");
        return 2;
    }

    // A new database is bulk-loaded by parallel shard writers; an existing
    // one is updated in place, committing every --commit-every articles.
    analysis::Analyzer analyzer(stem_config);
    std::unique_ptr<index::IndexWriter> writer;
    std::unique_ptr<index::BulkLoader> bulk;
    unsigned bulk_jobs = 0;  // parallel writers used, for the summary
    try {
        // A new database, with one writer too: built aside and moved into
        // place at the end, so a failed or killed run leaves none.
        if (index::BulkLoader::can_bulk_load(db_path))
            bulk = std::make_unique<index::BulkLoader>(db_path, analyzer,
                                                       index::BulkLoaderOptions{jobs, *memory});
        else {
            // A build killed after moving the database into place left its work directory.
            index::BulkLoader::remove_abandoned_work_dir(db_path);
            writer = std::make_unique<index::IndexWriter>(
                db_path, analyzer, index::IndexWriterOptions{commit_every});
        }
    } catch (const std::exception& e) {
        fail(e.what());
        return 2;
    }

    install_signal_handlers();
    auto start = std::chrono::steady_clock::now();

    if (paths.empty()) paths.push_back(bundled_corpus_path());

    bool tty = isatty(STDERR_FILENO) && !quiet;
    std::unique_ptr<indexer::ProgressBar> bar;
    std::size_t input_errors = 0;
    auto print = [&](const ingest::Diagnostic& d) {
        if (g_interrupted) return;  // reads cut short by the signal are not input errors
        if (d.severity == ingest::Diagnostic::Warning && quiet) return;
        if (bar) bar->clear();
        std::cerr << ingest::format_diagnostic(d) << "\n";
    };

    std::vector<ingest::InputFile> inputs = ingest::collect_inputs(paths, [&](const ingest::Diagnostic& d) {
        if (d.severity == ingest::Diagnostic::Error) ++input_errors;
        print(d);
    });
    std::uint64_t total_bytes = 0;
    bool unknown_size = false;
    for (const auto& in : inputs) {
        total_bytes += in.size;
        if (in.path == "-") unknown_size = true;
    }
    bar = std::make_unique<indexer::ProgressBar>(tty, unknown_size ? 0 : total_bytes);

    ingest::ReadStats totals;
    std::size_t articles = 0, build_failures = 0, files = 0;
    std::uint64_t bytes_before = 0;
    std::string fatal;

    ingest::ReadCallbacks cb;
    cb.diagnostic = print;
    std::uint64_t current_offset = 0;
    const ingest::InputFile* current = nullptr;
    cb.progress = [&](std::uint64_t off) {
        current_offset = off;
        bar->update(bytes_before + off, articles);
    };
    cb.article = [&](Article&& a) {
        try {
            if (bulk) {
                bulk->add(std::move(a));
            } else {
                index::IndexWriter::Prepared prepared;
                try {
                    prepared = writer->prepare(a);
                } catch (const std::exception& e) {
                    ++build_failures;
                    print({current->display, 0, "article '" + a.id + "' could not be analysed: " + e.what(),
                           ingest::Diagnostic::Error});
                    return !g_interrupted;
                }
                writer->write(std::move(prepared));
            }
        } catch (const std::exception& e) {  // the database: fatal
            fatal = e.what();
            return false;
        }
        ++articles;
        bar->update(bytes_before + current_offset, articles);
        return !g_interrupted;
    };

    for (const auto& in : inputs) {
        if (g_interrupted || !fatal.empty()) break;
        current = &in;
        current_offset = 0;
        ++files;
        ingest::ReadStats s = ingest::read_input(in, reader_options, cb);
        totals += s;
        bytes_before += s.bytes;
    }
    bar->update(bytes_before, articles, true);
    bar->clear();

    std::size_t added = 0, replaced = 0;
    unsigned long long doc_count = 0;
    bool created = true;  // false: a new database with nothing in it was not made
    try {
        if (bulk) {
            if (!quiet && tty) std::cerr << "merging " << jobs << " shards into " << db_path << "…\r" << std::flush;
            index::BulkLoadResult r = bulk->finish();
            added = r.added;
            replaced = r.replaced;
            doc_count = r.doc_count;
            created = r.created;
            if (!quiet && tty) std::cerr << "\x1b[2K";
        } else {
            writer->commit();
            added = writer->added();
            replaced = writer->replaced();
            doc_count = writer->doc_count();
        }
    } catch (const std::exception& e) {
        if (fatal.empty()) fatal = e.what();
    }
    if (!fatal.empty()) {
        fail(fatal);
        return 2;
    }
    if (synonyms_flag->count() > 0) {
        try {
            // One writer at a time: the bulk loader's lock and the writer go first.
            if (bulk) bulk_jobs = jobs;
            bulk.reset();
            writer.reset();
            std::size_t n = store_synonyms(db_path, analyzer, synonym_rules);
            if (!quiet) std::cerr << "stored " << n << (n == 1 ? " synonym rule" : " synonym rules") << " from " << synonyms_opt << "\n";
        } catch (const std::exception& e) {
            fail(e.what());
            return 2;
        }
    }

    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t skipped = totals.skipped + build_failures;
    if (g_interrupted)
        std::cerr << "haber-index: interrupted; the articles read so far are committed\n";
    if (!quiet) {
        char line[512];
        std::snprintf(line, sizeof line,
                      "indexed %zu articles (%zu new, %zu replaced) from %zu files, %.1f MB in "
                      "%.1f s, %.0f articles/s; %zu skipped",
                      articles, added, replaced, files, bytes_before / 1e6,
                      secs, secs > 0 ? articles / secs : 0.0, skipped);
        if (totals.fields_skipped > 0)
            std::snprintf(line + std::strlen(line), sizeof line - std::strlen(line), " (and %zu fields of the wrong type)",
                          totals.fields_skipped);
        if (!created && synonyms_flag->count() == 0)
            std::cerr << line << "\nno database created at " << db_path << ": nothing was indexed\n";
        else
            std::cerr << line << "\ndatabase: " << db_path << " (" << doc_count << " articles"
                      << ((bulk || bulk_jobs) && jobs > 1 ? ", built by " + std::to_string(jobs) + " parallel writers"
                                                          : std::string())
                      << ")\n";
    }
    if (g_interrupted) return 130;
    if (skipped > 0 || totals.errors > 0 || totals.fields_skipped > 0 || input_errors > 0 || synonym_problems > 0)
        return 1;
    return 0;
}
