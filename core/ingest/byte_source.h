// Streaming input over a file or stdin, gunzipping transparently (gzip
// magic bytes at the start; concatenated gzip members are read as one
// stream, trailing bytes that are not gzip are ignored, as zlib's gzread does),
// and a line reader on top of it that never holds more than a configured
// number of bytes of one line.
//
// A read returns what the input has ready (at least one byte unless the
// input has ended): from a pipe, lines reach the caller as they arrive
// instead of after a buffer's worth of them.
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

    // Reads up to n decompressed bytes, waiting only while none are
    // ready; 0 at end of input or on error.
    std::size_t read(char* dst, std::size_t n);

    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }
    bool truncated() const { return truncated_; }   // gzip stream ended early
    bool compressed() const { return compressed_; }
    // Bytes consumed from the file or pipe (compressed bytes for gzip).
    std::uint64_t raw_offset() const;

private:
    std::size_t fill_input();      // one read(2) more into the input buffer; 0 at end or on error
    bool ensure_input(std::size_t k);  // at least k bytes buffered unless the input ends first
    std::size_t read_direct(char* dst, std::size_t n);
    std::size_t read_inflated(char* dst, std::size_t n);

    int fd_ = -1;
    std::string in_;        // raw input; zs_.next_in/avail_in: what is not consumed yet
    z_stream zs_{};
    bool inflating_ = false;   // zs_ initialised for gzip
    bool member_end_ = false;  // a gzip member ended; another may follow
    std::uint64_t raw_read_ = 0;
    bool compressed_ = false;
    bool truncated_ = false;
    bool input_end_ = false;   // read(2) returned 0
    bool done_ = false;        // no more output
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
