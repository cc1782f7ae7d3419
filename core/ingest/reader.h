// Input readers: turn files, directory trees and stdin (plain text, JSON
// Lines, IPTC NITF / NewsML-G2 XML, gzip-compressed or not) into haber::Articles. No terminal output:
// problems are reported as Diagnostics and reading goes on with the rest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "ingest/diagnostic.h"
#include "ingest/jsonl.h"

namespace haber::ingest {

// Auto: by extension (.jsonl/.json/.ndjson, .txt, .xml/.nitf/.newsml; also
// with .gz), else by content ('{' → JSON Lines; a nitf, newsItem or
// newsMessage root element → XML), else plain text.
enum class Format { Auto, Text, Jsonl, Xml };
std::optional<Format> parse_format(std::string_view name);  // "auto", "text", "jsonl", "xml"

inline constexpr std::size_t kDefaultMaxArticleSize = std::size_t{16} << 20;  // 16 MiB

struct ReaderOptions {
    Format format = Format::Auto;
    FieldMap fields;                                      // JSONL key mapping
    std::size_t max_article_size = kDefaultMaxArticleSize;  // longest line / text or XML file read
};

struct InputFile {
    std::string path;        // to open; "-" is standard input
    std::string display;     // for messages: as the user named it, "<stdin>" for "-"
    std::string id;          // a plain-text article's id; base of derived XML ids
    std::uint64_t size = 0;  // bytes on disk (0 if unknown, e.g. stdin)
    // Base of the ids derived for JSON Lines records without one ("BASE:LINE"):
    // the path relative to the named directory's parent, as `id`; for a file
    // named itself, its folder and name ("d1/x.jsonl"), as if the folder had
    // been named, so that d1/x.jsonl and d2/x.jsonl do not replace each
    // other's records. Empty: `id`.
    std::string record_base;
};

// Expands PATH arguments: a file as given (id and record_base: its folder's
// name and its file name, "d1/a.txt", as if the folder had been named); a directory
// walked recursively in sorted order (ids relative to its parent directory,
// hidden files, names ending in '~' and README*/LICENSE*/*.md skipped,
// directory symlinks followed once); "-" for stdin. Paths that do not exist or cannot be read are
// reported (Error) and left out, and so are named FIFOs, sockets and devices
// (reading them could block for ever; '-' reads a pipe).
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths,
                                      const DiagnosticSink& diagnostic);

struct ReadStats {
    std::size_t articles = 0;  // delivered to the article callback
    std::size_t skipped = 0;   // files, lines or articles left out because of a problem
    std::size_t errors = 0;    // Error diagnostics reported
    std::size_t warnings = 0;  // Warning diagnostics reported
    std::size_t fields_skipped = 0;  // JSON fields of the wrong type left out (articles kept)
    std::uint64_t bytes = 0;   // raw (compressed) bytes consumed
    bool stopped = false;      // the article callback asked to stop
    ReadStats& operator+=(const ReadStats& o);
};

struct ReadCallbacks {
    std::function<bool(Article&&)> article;                  // return false to stop reading
    DiagnosticSink diagnostic;                               // optional
    std::function<void(std::uint64_t raw_offset)> progress;  // optional; bytes of this file consumed
};

// Reads one input. Never throws for bad input.
ReadStats read_input(const InputFile& input, const ReaderOptions& options,
                     const ReadCallbacks& callbacks);

// Convenience (tests, tools): collect_inputs + read_input over all paths.
std::vector<Article> read_all(const std::vector<std::string>& paths,
                              const ReaderOptions& options = {},
                              std::vector<Diagnostic>* diagnostics = nullptr,
                              ReadStats* stats = nullptr);

// Heuristic on the first bytes of a file: NUL bytes or mostly non-text.
// With `any_nul` false, a NUL byte is one more odd byte: a JSON Lines file
// with a NUL in one line is text, its line reported and skipped.
bool looks_binary(std::string_view head, bool any_nul = true);

}  // namespace haber::ingest
