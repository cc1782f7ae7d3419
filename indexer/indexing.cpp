#include "indexing.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>

#include "commands.h"
#include "exit_status.h"
#include "index/bulk_loader.h"
#include "index/index_writer.h"
#include "paths.h"
#include "progress.h"

namespace haber::indexer {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_signal(int sig) {
    g_interrupted = sig;
    std::signal(sig, SIG_DFL);  // a second Ctrl-C ends the program at once
}

void install_signal_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a blocked read of stdin returns
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

void fail(const std::string& message) { print_error(kIndexProgram, message); }

// Where articles go: a BulkLoader for a new database (built aside and moved
// into place at the end, so a failed or killed run leaves none), else an
// IndexWriter committing every --commit-every articles.
struct Sink {
    std::unique_ptr<index::BulkLoader> bulk;
    std::unique_ptr<index::IndexWriter> writer;
    std::size_t build_failures = 0;  // articles the analysis could not handle
    std::string fatal;               // a database error: reading stops
};

struct Totals {
    ingest::ReadStats read;
    std::size_t articles = 0, files = 0, input_errors = 0;
    std::uint64_t bytes = 0;
};

struct Finished {
    std::size_t added = 0, replaced = 0;
    unsigned long long doc_count = 0;
    bool created = true;  // false: a new database with nothing in it was not made
};

Sink open_sink(const IndexCli& o, const analysis::Analyzer& analyzer) {
    Sink s;
    if (index::BulkLoader::can_bulk_load(o.db))
        s.bulk = std::make_unique<index::BulkLoader>(o.db, analyzer, index::BulkLoaderOptions{o.jobs, o.memory});
    else {
        // A build killed after moving the database into place left its work directory.
        index::BulkLoader::remove_abandoned_work_dir(o.db);
        s.writer = std::make_unique<index::IndexWriter>(o.db, analyzer, index::IndexWriterOptions{o.commit_every});
    }
    return s;
}

// Adds one article; false when reading should stop (a fatal error or Ctrl-C).
bool add(Sink& sink, Article&& a, const ingest::DiagnosticSink& report, const std::string& where) {
    try {
        if (sink.bulk) {
            sink.bulk->add(std::move(a));
            return !g_interrupted;
        }
        index::IndexWriter::Prepared prepared;
        try {
            prepared = sink.writer->prepare(a);
        } catch (const std::exception& e) {
            ++sink.build_failures;
            report({where, 0, "article '" + a.id + "' could not be analysed: " + e.what(), ingest::Diagnostic::Error});
            return !g_interrupted;
        }
        sink.writer->write(std::move(prepared));
    } catch (const std::exception& e) {  // the database: fatal
        sink.fatal = e.what();
        return false;
    }
    return !g_interrupted;
}

// Reads every input into the sink, drawing the progress line.
Totals read_inputs(const IndexCli& o, Sink& sink) {
    Totals t;
    const bool tty = isatty(STDERR_FILENO) && !o.quiet;
    std::unique_ptr<ProgressBar> bar;
    auto report = [&](const ingest::Diagnostic& d) {
        if (g_interrupted) return;  // reads cut short by the signal are not input errors
        if (d.severity == ingest::Diagnostic::Warning && o.quiet) return;
        if (bar) bar->clear();
        std::cerr << ingest::format_diagnostic(d) << "\n";
    };
    std::vector<std::string> paths = o.paths;
    if (paths.empty()) paths.push_back(bundled_corpus_path());
    auto inputs = ingest::collect_inputs(paths, [&](const ingest::Diagnostic& d) {
        if (d.severity == ingest::Diagnostic::Error) ++t.input_errors;
        report(d);
    });
    std::uint64_t total_bytes = 0;
    bool unknown_size = false;
    for (const auto& in : inputs) {
        total_bytes += in.size;
        unknown_size = unknown_size || in.path == "-";
    }
    bar = std::make_unique<ProgressBar>(tty, unknown_size ? 0 : total_bytes, sink.bulk ? o.jobs : 0);
    std::uint64_t offset = 0;
    const ingest::InputFile* current = nullptr;
    ingest::ReadCallbacks cb;
    cb.diagnostic = report;
    cb.progress = [&](std::uint64_t off) {
        offset = off;
        bar->update(t.bytes + off, t.articles);
    };
    cb.article = [&](Article&& a) {
        std::size_t failures = sink.build_failures;
        bool go_on = add(sink, std::move(a), report, current->display);
        if (sink.fatal.empty() && sink.build_failures == failures) ++t.articles;
        bar->update(t.bytes + offset, t.articles);
        return go_on;
    };
    for (const auto& in : inputs) {
        if (g_interrupted || !sink.fatal.empty()) break;
        current = &in;
        offset = 0;
        ++t.files;
        ingest::ReadStats s = ingest::read_input(in, o.reader, cb);
        t.read += s;
        t.bytes += s.bytes;
    }
    bar->update(t.bytes, t.articles, true);
    bar->clear();
    return t;
}

// Commits (or merges the shards of) what was read.
Finished finish(const IndexCli& o, Sink& sink) {
    Finished f;
    const bool tty = isatty(STDERR_FILENO) && !o.quiet;
    if (sink.bulk) {
        if (tty) std::cerr << "merging " << plural(o.jobs, "shard", "shards") << " into " << o.db << "\u2026\r" << std::flush;
        index::BulkLoadResult r = sink.bulk->finish();
        f.added = r.added;
        f.replaced = r.replaced;
        f.doc_count = r.doc_count;
        f.created = r.created;
        if (tty) std::cerr << "\x1b[2K";
    } else {
        sink.writer->commit();
        f.added = sink.writer->added();
        f.replaced = sink.writer->replaced();
        f.doc_count = sink.writer->doc_count();
    }
    return f;
}

void print_summary(const IndexCli& o, const Totals& t, const Finished& f, std::size_t skipped, double secs,
                   bool parallel) {
    char rate[160];
    std::snprintf(rate, sizeof rate, "%.1f MB in %.1f s, %.0f articles/s", t.bytes / 1e6, secs,
                  secs > 0 ? t.articles / secs : 0.0);
    std::string line = "indexed " + plural(t.articles, "article", "articles") + " (" + std::to_string(f.added) +
                       " new, " + std::to_string(f.replaced) + " replaced) from " + plural(t.files, "file", "files") +
                       ", " + rate + "; " + std::to_string(skipped) + " skipped";
    if (t.read.fields_skipped > 0)
        line += " (and " + plural(t.read.fields_skipped, "field", "fields") + " of the wrong type)";
    if (!f.created && !o.synonyms) {
        std::cerr << line << "\nno database created at " << o.db << ": nothing was indexed\n";
        return;
    }
    std::cerr << line << "\ndatabase: " << o.db << " (" << plural(f.doc_count, "article", "articles")
              << (parallel && o.jobs > 1 ? ", built by " + std::to_string(o.jobs) + " parallel writers" : std::string())
              << ")\n";
}

}  // namespace

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool load_synonyms(const IndexCli& o, search::SynonymList& rules, std::size_t& problems) {
    std::vector<std::string> lines;
    try {
        rules.load_file(*o.synonyms, lines);
    } catch (const std::exception& e) {
        fail(e.what());
        return false;
    }
    for (const auto& p : lines) print_notice(kIndexProgram, p);
    problems = lines.size();
    return true;
}

std::size_t store_synonyms(const std::string& db_path, const analysis::Analyzer& analyzer,
                           const search::SynonymList& rules) {
    index::IndexWriter w(db_path, analyzer, index::IndexWriterOptions{0});
    std::size_t n = rules.store(w.database());
    w.commit();
    return n;
}

int index_inputs(const IndexCli& o) {
    search::SynonymList rules;  // read (and reported) before indexing, stored after it
    std::size_t synonym_problems = 0;
    if (o.synonyms && !load_synonyms(o, rules, synonym_problems)) return exit_status::kError;
    auto config = choose_stemmer(o);
    if (!config) return exit_status::kError;
    analysis::Analyzer analyzer(*config);
    Sink sink;
    try {
        sink = open_sink(o, analyzer);
    } catch (const std::exception& e) {
        fail(e.what());
        return exit_status::kError;
    }
    install_signal_handlers();
    auto start = std::chrono::steady_clock::now();
    Totals t = read_inputs(o, sink);
    Finished f;
    try {
        f = finish(o, sink);
    } catch (const std::exception& e) {
        if (sink.fatal.empty()) sink.fatal = e.what();
    }
    if (!sink.fatal.empty()) {
        fail(sink.fatal);
        return exit_status::kError;
    }
    const bool parallel = sink.bulk != nullptr;
    if (o.synonyms) {
        try {
            sink = {};  // one writer at a time: the bulk loader's lock and the writer go first
            std::size_t n = store_synonyms(o.db, analyzer, rules);
            if (!o.quiet) std::cerr << "stored " << plural(n, "synonym rule", "synonym rules") << " from " << *o.synonyms << "\n";
        } catch (const std::exception& e) {
            fail(e.what());
            return exit_status::kError;
        }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t skipped = t.read.skipped + sink.build_failures;
    if (g_interrupted) print_notice(kIndexProgram, "interrupted; the articles read so far are committed");
    if (!o.quiet) print_summary(o, t, f, skipped, secs, parallel);
    if (g_interrupted) return exit_status::kInterrupted;
    bool partial = skipped > 0 || t.read.errors > 0 || t.read.fields_skipped > 0 || t.input_errors > 0 ||
                   synonym_problems > 0;
    return partial ? exit_status::kNothing : exit_status::kOk;
}

}  // namespace haber::indexer
