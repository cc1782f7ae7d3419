// Streaming input over a file or stdin, gunzipping transparently (zlib
// detects the gzip magic bytes itself), and a line reader on top of it that
// never holds more than a configured number of bytes of one line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <zlib.h>

namespace haber::ingest {

class ByteSource {
public:
    ByteSource() = default;
    ~ByteSource();
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    // Opens a path, or standard input for "-". On failure returns false and
    // sets error().
    bool open(const std::string& path);

    // Reads up to n decompressed bytes; 0 at end of input or on error.
    std::size_t read(char* dst, std::size_t n);

    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }
    bool truncated() const { return truncated_; }   // gzip stream ended early
    bool compressed() const { return compressed_; }
    std::uint64_t raw_offset() const;               // bytes consumed from the file

private:
    gzFile gz_ = nullptr;
    bool compressed_ = false;
    bool truncated_ = false;
    bool eof_ = false;
    std::string error_;
};

// Splits a ByteSource into lines ('\n'; a trailing '\r' is kept for the
// caller to strip). Lines longer than max_line are skipped while streaming.
class LineReader {
public:
    enum class Status { Line, TooLong, End };

    LineReader(ByteSource& src, std::size_t max_line, std::string initial = {});

    // Next line into `line` (valid until the next call). `number` is its
    // 1-based line number. A last line without '\n' is returned only if the
    // source ended cleanly (not on a truncated or corrupt stream).
    Status next(std::string_view& line, std::size_t& number);

    // Number of the last line read completely.
    std::size_t lines_read() const { return line_no_; }

private:
    bool fill();
    ByteSource& src_;
    std::size_t max_line_;
    std::string buf_;
    std::size_t pos_ = 0;
    std::size_t scan_ = 0;  // bytes from pos_ already known to hold no '\n'
    std::size_t line_no_ = 0;
    bool eof_ = false;
};

}  // namespace haber::ingest
