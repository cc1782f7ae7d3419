#include "ingest/reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "analysis/utf8.h"
#include "dates.h"
#include "index/schema.h"
#include "ingest/byte_source.h"
#include "ingest/char_refs.h"
#include "ingest/iptc_xml.h"
#include "ingest/plain_text.h"

namespace haber::ingest {

namespace fs = std::filesystem;

std::string format_diagnostic(const Diagnostic& d) {
    std::string s = d.file;
    if (d.line > 0) s += ":" + std::to_string(d.line);
    s += d.severity == Diagnostic::Warning ? ": warning: " : ": error: ";
    s += d.message;
    return s;
}

std::optional<Format> parse_format(std::string_view name) {
    if (name == "auto") return Format::Auto;
    if (name == "text" || name == "txt") return Format::Text;
    if (name == "jsonl" || name == "json" || name == "ndjson") return Format::Jsonl;
    if (name == "xml" || name == "nitf" || name == "newsml") return Format::Xml;
    return std::nullopt;
}

ReadStats& ReadStats::operator+=(const ReadStats& o) {
    articles += o.articles;
    skipped += o.skipped;
    errors += o.errors;
    warnings += o.warnings;
    fields_skipped += o.fields_skipped;
    bytes += o.bytes;
    stopped = stopped || o.stopped;
    return *this;
}

bool looks_binary(std::string_view head, bool any_nul) {
    if (head.empty()) return false;
    if (any_nul && std::memchr(head.data(), '\0', head.size())) return true;
    std::size_t odd = 0;
    for (std::size_t i = 0; i < head.size();) {
        unsigned char c = static_cast<unsigned char>(head[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
                 c != 0x1b) || c == 0x7f)
                ++odd;
            ++i;
            continue;
        }
        std::size_t j = i;
        char32_t cp = utf8::next(head, j);
        if (cp == 0xFFFD && j - i == 1 && head.size() - i > 3) ++odd;
        i = j;
    }
    return odd * 10 > head.size() * 3;  // more than 30% of the bytes are not text
}

// ---------------------------------------------------------------------------
// Collecting inputs

namespace {

bool skipped_name(const std::string& name) {
    if (name.empty() || name[0] == '.' || name.back() == '~') return true;
    // A corpus directory's documentation is not an article.
    std::string lower;
    for (char c : name) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    for (const char* doc : {"readme", "license", "licence", "copying", "notice", "changelog"})
        if (lower.rfind(doc, 0) == 0) return true;
    return lower.ends_with(".md");
}

struct Walker {
    const DiagnosticSink& diagnostic;
    std::vector<InputFile>& out;
    std::set<std::pair<dev_t, ino_t>> visited;

    void report(const std::string& file, std::string message) {
        if (diagnostic) diagnostic({file, 0, std::move(message), Diagnostic::Error});
    }

    bool first_visit(const fs::path& dir) {
        struct stat st;
        if (::stat(dir.c_str(), &st) != 0) return true;
        return visited.insert({st.st_dev, st.st_ino}).second;
    }

    void walk(const fs::path& dir, const std::string& display, const std::string& id) {
        if (!first_visit(dir)) return;  // a symlink back into a walked directory
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            report(display, "cannot read directory: " + ec.message());
            return;
        }
        std::vector<std::string> names;
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) break;
            std::string name = it->path().filename().string();
            if (!skipped_name(name)) names.push_back(std::move(name));
        }
        if (ec) report(display, "cannot read directory: " + ec.message());
        std::sort(names.begin(), names.end());
        for (const auto& name : names) {
            fs::path p = dir / name;
            std::string d = display.empty() || display.back() == '/' ? display + name : display + "/" + name;
            std::string child_id = id.empty() ? name : id + "/" + name;
            std::error_code sec;
            fs::file_status st = fs::status(p, sec);  // follows symlinks
            if (sec) {
                if (fs::is_symlink(fs::symlink_status(p, sec)))
                    report(d, "broken symbolic link");
                else
                    report(d, "cannot access: " + sec.message());
                continue;
            }
            if (fs::is_directory(st)) {
                walk(p, d, child_id);
            } else if (fs::is_regular_file(st)) {
                std::error_code zec;
                auto size = fs::file_size(p, zec);
                out.push_back({p.string(), d, child_id, zec ? 0 : static_cast<std::uint64_t>(size), child_id});
            }
            // Sockets, FIFOs and devices inside a tree are not articles: ignored.
        }
    }
};

}  // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths,
                                      const DiagnosticSink& diagnostic) {
    std::vector<InputFile> out;
    Walker walker{diagnostic, out, {}};
    for (const auto& arg : paths) {
        if (arg == "-") {
            out.push_back({"-", "<stdin>", "stdin", 0, "stdin"});
            continue;
        }
        std::error_code ec;
        fs::file_status st = fs::status(arg, ec);
        if (ec || !fs::exists(st)) {
            walker.report(arg, ec && ec != std::errc::no_such_file_or_directory
                                   ? "cannot access: " + ec.message()
                                   : std::string("no such file or directory"));
            continue;
        }
        fs::path abs = fs::absolute(arg, ec).lexically_normal();
        if (abs.filename().empty() && abs.has_parent_path()) abs = abs.parent_path();
        std::string name = abs.filename().string();
        if (fs::is_directory(st)) {
            walker.walk(arg, arg, name);
        } else if (!fs::is_regular_file(st)) {
            // Opening a FIFO waits for a writer, a device may never end.
            walker.report(arg, std::string("not a regular file (") +
                                   (fs::is_fifo(st) ? "a named pipe" : fs::is_socket(st) ? "a socket" : "a device") +
                                   "), skipped; pipe data into haber-index - to index it from stdin");
        } else {
            std::error_code zec;
            auto size = fs::is_regular_file(st) ? fs::file_size(arg, zec) : 0;
            // Its folder and name, as if the folder had been named: d1/a.txt
            // and d2/a.txt named together stay two articles.
            std::string file = name.empty() ? arg : name;
            std::string folder = abs.parent_path().filename().string();
            std::string id = folder.empty() ? file : folder + "/" + file;
            out.push_back({arg, arg, id, zec ? 0 : static_cast<std::uint64_t>(size), id});
        }
    }
    return out;
}

// ---------------------------------------------------------------------------
// Reading

namespace {

constexpr std::size_t kHead = 8192;

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool jsonl_extension(const std::string& path) {
    std::string p = lower(fs::path(path).filename().string());
    if (p.size() > 3 && p.ends_with(".gz")) p.resize(p.size() - 3);
    return p.ends_with(".jsonl") || p.ends_with(".json") || p.ends_with(".ndjson");
}

bool text_extension(const std::string& path) {
    std::string p = lower(fs::path(path).filename().string());
    if (p.size() > 3 && p.ends_with(".gz")) p.resize(p.size() - 3);
    return p.ends_with(".txt");
}

bool xml_extension(const std::string& path) {
    std::string p = lower(fs::path(path).filename().string());
    if (p.size() > 3 && p.ends_with(".gz")) p.resize(p.size() - 3);
    return p.ends_with(".xml") || p.ends_with(".nitf") || p.ends_with(".newsml");
}

// First non-space byte (after a BOM) is '{'.
bool starts_like_json(std::string_view head) {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    for (char c : head) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        return c == '{';
    }
    return false;
}

bool blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
    return true;
}

std::string mib(std::size_t bytes) {
    if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

class FileReader {
public:
    FileReader(const InputFile& in, const ReaderOptions& opt, const ReadCallbacks& cb)
        : in_(in), opt_(opt), cb_(cb) {}

    ReadStats run() {
        if (!src_.open(in_.path)) {
            error(0, "cannot open: " + src_.error());
            ++stats_.skipped;
            return stats_;
        }
        std::string head = read_head();
        if (blank(head)) {
            if (src_.failed()) {
                error(0, damage_message(0));
                ++stats_.skipped;
                finish();
                return stats_;
            } else if (head.size() == kHead) {
                // Very long run of whitespace: let the format reader decide.
            } else {
                warning(0, "empty file");
                finish();
                return stats_;
            }
        }
        bool utf16_xml = (opt_.format == Format::Auto || opt_.format == Format::Xml) &&
                         looks_like_utf16_xml(head);
        Format f = format_of(head);
        // JSON Lines are judged line by line: a NUL byte costs its line only.
        if (!utf16_xml && looks_binary(head, f != Format::Jsonl)) {
            error(0, "binary file, skipped");
            ++stats_.skipped;
            finish();
            return stats_;
        }
        if (f == Format::Jsonl) read_jsonl(std::move(head));
        else if (f == Format::Xml) read_xml(std::move(head));
        else read_text(std::move(head));
        finish();
        return stats_;
    }

private:
    void report(Diagnostic::Severity sev, std::size_t line, std::string msg) {
        if (sev == Diagnostic::Error) ++stats_.errors;
        else ++stats_.warnings;
        if (cb_.diagnostic) cb_.diagnostic({in_.display, line, std::move(msg), sev});
    }
    void error(std::size_t line, std::string msg) { report(Diagnostic::Error, line, std::move(msg)); }
    void warning(std::size_t line, std::string msg) { report(Diagnostic::Warning, line, std::move(msg)); }

    void progress() {
        if (cb_.progress) cb_.progress(src_.raw_offset());
    }

    void finish() {
        stats_.bytes = src_.raw_offset();
        if (in_.size > stats_.bytes && in_.path != "-" && !stats_.stopped) stats_.bytes = in_.size;
        progress();
    }

    // --format, else by the file name, else by the first bytes.
    Format format_of(std::string_view head) const {
        if (opt_.format != Format::Auto) return opt_.format;
        if (jsonl_extension(in_.path)) return Format::Jsonl;
        if (text_extension(in_.path)) return Format::Text;
        if (looks_like_utf16_xml(head) || xml_extension(in_.path) || looks_like_iptc_xml(head)) return Format::Xml;
        return starts_like_json(head) ? Format::Jsonl : Format::Text;
    }

    // The first kHead bytes (fewer at the end of the input), to tell the
    // format by; for JSON Lines the first whole line is enough, so that
    // from a pipe the first article is indexed as soon as its line arrives.
    std::string read_head() {
        std::string s(kHead, '\0');
        std::size_t got = 0;
        while (got < kHead) {
            std::size_t r = src_.read(s.data() + got, kHead - got);
            if (r == 0) break;
            got += r;
            std::string_view head(s.data(), got);
            auto text = head.find_first_not_of(" \t\r\n\f\v");
            bool whole_line = text != std::string_view::npos && head.find('\n', text) != std::string_view::npos;
            if (got < kHead && whole_line && format_of(head) == Format::Jsonl) break;
        }
        s.resize(got);
        return s;
    }

    std::string read_up_to(std::size_t n) {
        std::string s(n, '\0');
        std::size_t got = 0;
        while (got < n) {
            std::size_t r = src_.read(s.data() + got, n - got);
            if (r == 0) break;
            got += r;
        }
        s.resize(got);
        return s;
    }

    std::string damage_message(std::size_t lines) {
        if (src_.truncated()) return "truncated gzip stream after line " + std::to_string(lines);
        return src_.error() + " (after line " + std::to_string(lines) + ")";
    }

    // Dates: YYYY-MM-DD or ISO date-time, stored as YYYY-MM-DD.
    void check_date(Article& a, std::size_t line) {
        if (a.date.empty()) return;
        std::string iso = dates::iso(a.date);
        if (iso.empty()) warning(line, "invalid date '" + a.date + "' ignored (expected YYYY-MM-DD or ISO 8601)");
        a.date = iso;
    }

    bool deliver(Article&& a) {
        ++stats_.articles;
        if (!cb_.article(std::move(a))) {
            stats_.stopped = true;
            return false;
        }
        return true;
    }

    // Reads the rest of a one-article file into `buf`, up to the size limit.
    // False (reported, counted as skipped) if it is too large or unreadable.
    bool read_whole(std::string& buf, const char* what) {
        std::size_t limit = opt_.max_article_size;
        if (buf.size() <= limit) buf += read_up_to(limit + 1 - buf.size());
        progress();
        if (buf.size() > limit) {
            error(0, std::string(what) + " larger than " + mib(limit) + " (--max-article-size), skipped");
            ++stats_.skipped;
            return false;
        }
        if (src_.failed()) {
            error(0, (src_.truncated() ? std::string("truncated gzip stream") : src_.error()) +
                         ", file skipped");
            ++stats_.skipped;
            return false;
        }
        return true;
    }

    void read_text(std::string text) {
        if (!read_whole(text, "article")) return;
        if (auto bad = utf8::first_invalid(text)) {
            auto lc = utf8::line_col(text, *bad);
            error(lc.line, "invalid UTF-8 at column " + std::to_string(lc.column) + ", file skipped");
            ++stats_.skipped;
            return;
        }
        Article a = parse_plain_text(text);
        if (a.title.empty() && a.body.empty()) {
            warning(0, "empty file");
            return;
        }
        a.id = in_.id;
        deliver(std::move(a));
    }

    // One XML document (NITF, NewsML-G2 newsItem or newsMessage), read
    // whole up to the size limit and parsed by libxml2.
    void read_xml(std::string doc) {
        if (!read_whole(doc, "XML document")) return;
        IptcXmlResult r = parse_iptc_xml(doc, in_.display, in_.id, [this](const Diagnostic& d) {
            report(d.severity, d.line, d.message);
        });
        stats_.skipped += r.skipped;
        for (auto& a : r.articles)
            if (!deliver(std::move(a))) return;
    }

    void read_jsonl(std::string head) {
        LineReader lines(src_, opt_.max_article_size, std::move(head));
        std::string_view line;
        std::size_t no = 0;
        bool warned_id = false;
        for (;;) {
            auto status = lines.next(line, no);
            if (status == LineReader::Status::End) break;
            progress();
            if (status == LineReader::Status::TooLong) {
                error(no, "line longer than " + mib(opt_.max_article_size) +
                              " (--max-article-size), skipped");
                ++stats_.skipped;
                continue;
            }
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
            if (blank(line)) continue;
            if (auto nul = line.find('\0'); nul != std::string_view::npos) {
                auto lc = utf8::line_col(line, nul);
                error(no, "NUL byte at column " + std::to_string(lc.column) + ", line skipped");
                ++stats_.skipped;
                continue;
            }
            if (auto bad = utf8::first_invalid(line)) {
                auto lc = utf8::line_col(line, *bad);
                error(no, "invalid UTF-8 at column " + std::to_string(lc.column) + ", line skipped");
                ++stats_.skipped;
                continue;
            }
            JsonLineResult r = parse_json_line(line, opt_.fields);
            if (!r.article) {
                error(no, r.error + ", line skipped");
                ++stats_.skipped;
                continue;
            }
            for (const auto& why : r.skipped_fields) {
                warning(no, why);
                ++stats_.fields_skipped;
            }
            Article& a = *r.article;
            // CMS exports keep HTML character references (g&ouml;re); not
            // in id, url and date, which are not prose.
            for (std::string* text : {&a.title, &a.lead, &a.body, &a.place, &a.category, &a.source, &a.author})
                if (text->find('&') != std::string::npos) *text = decode_char_refs(*text);
            if (a.title.empty() && a.body.empty() && a.lead.empty()) {
                warning(no, "article has no title and no body, skipped");
                ++stats_.skipped;
                continue;
            }
            if (r.id_missing) {
                const std::string& base = in_.record_base.empty() ? in_.id : in_.record_base;
                a.id = base + ":" + std::to_string(no);
                if (!warned_id) {
                    warning(no, "article without an id; ids derived as \"" + base +
                                    ":LINE\" (reported once per file)");
                    warned_id = true;
                }
            }
            check_date(a, no);
            if (!deliver(std::move(a))) return;
        }
        if (src_.failed()) {
            error(0, damage_message(lines.lines_read()));
            ++stats_.skipped;
        }
    }

    const InputFile& in_;
    const ReaderOptions& opt_;
    const ReadCallbacks& cb_;
    ByteSource src_;
    ReadStats stats_;
};

}  // namespace

ReadStats read_input(const InputFile& input, const ReaderOptions& options,
                     const ReadCallbacks& callbacks) {
    return FileReader(input, options, callbacks).run();
}

std::vector<Article> read_all(const std::vector<std::string>& paths, const ReaderOptions& options,
                              std::vector<Diagnostic>* diagnostics, ReadStats* stats) {
    std::vector<Article> out;
    ReadStats total;
    std::size_t collect_errors = 0;
    DiagnosticSink sink = [&](const Diagnostic& d) {
        if (diagnostics) diagnostics->push_back(d);
    };
    auto inputs = collect_inputs(paths, [&](const Diagnostic& d) {
        ++collect_errors;
        sink(d);
    });
    total.errors += collect_errors;
    ReadCallbacks cb;
    cb.article = [&](Article&& a) {
        out.push_back(std::move(a));
        return true;
    };
    cb.diagnostic = sink;
    for (const auto& in : inputs) total += read_input(in, options, cb);
    if (stats) *stats = total;
    return out;
}

}  // namespace haber::ingest
