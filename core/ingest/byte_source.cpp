#include "ingest/byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

namespace haber::ingest {

namespace {
constexpr std::size_t kChunk = 256 * 1024;
}

ByteSource::~ByteSource() {
    if (gz_) gzclose(gz_);
}

bool ByteSource::open(const std::string& path) {
    int fd;
    if (path == "-") {
        fd = ::dup(0);
    } else {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) {
        error_ = std::strerror(errno);
        return false;
    }
    gz_ = gzdopen(fd, "rb");
    if (!gz_) {
        ::close(fd);
        error_ = "cannot allocate a decompression stream";
        return false;
    }
    gzbuffer(gz_, kChunk);
    compressed_ = gzdirect(gz_) == 0;
    // gzdirect() peeks at the input; a read error surfaces here.
    int errnum = Z_OK;
    const char* msg = gzerror(gz_, &errnum);
    if (errnum == Z_ERRNO) {
        error_ = std::strerror(errno);
        return false;
    } else if (errnum != Z_OK && errnum != Z_BUF_ERROR) {
        error_ = msg ? msg : "read error";
        return false;
    }
    return true;
}

std::size_t ByteSource::read(char* dst, std::size_t n) {
    if (!gz_ || eof_ || failed()) return 0;
    if (n > INT_MAX) n = INT_MAX;
    int got = gzread(gz_, dst, static_cast<unsigned>(n));
    if (got < 0 || static_cast<std::size_t>(got) < n) {
        int errnum = Z_OK;
        const char* msg = gzerror(gz_, &errnum);
        if (errnum == Z_BUF_ERROR) {
            truncated_ = true;
            error_ = "unexpected end of gzip stream";
        } else if (errnum == Z_ERRNO) {
            error_ = std::strerror(errno);
        } else if (errnum != Z_OK) {
            error_ = std::string("corrupt gzip stream: ") + (msg ? msg : "unknown error");
        }
        if (got <= 0) {
            eof_ = true;
            return 0;
        }
    }
    return static_cast<std::size_t>(got);
}

std::uint64_t ByteSource::raw_offset() const {
    if (!gz_) return 0;
    z_off_t off = gzoffset(gz_);
    // A pipe (stdin) has no file offset: count the bytes read from it
    // instead (uncompressed, for gzip on a pipe).
    if (off < 0) off = gztell(gz_);
    return off < 0 ? 0 : static_cast<std::uint64_t>(off);
}

LineReader::LineReader(ByteSource& src, std::size_t max_line, std::string initial)
    : src_(src), max_line_(max_line), buf_(std::move(initial)) {}

bool LineReader::fill() {
    if (eof_) return false;
    if (pos_ > 0) {
        buf_.erase(0, pos_);
        pos_ = 0;
    }
    std::size_t old = buf_.size();
    buf_.resize(old + kChunk);
    std::size_t got = src_.read(buf_.data() + old, kChunk);
    buf_.resize(old + got);
    if (got == 0) eof_ = true;
    return got > 0;
}

LineReader::Status LineReader::next(std::string_view& line, std::size_t& number) {
    for (;;) {
        std::size_t avail = buf_.size() - pos_;
        const char* start = buf_.data() + pos_;
        const void* nl = avail > scan_ ? std::memchr(start + scan_, '\n', avail - scan_) : nullptr;
        if (nl) {
            std::size_t len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
            number = ++line_no_;
            pos_ += len + 1;
            scan_ = 0;
            if (len > max_line_) return Status::TooLong;
            line = std::string_view(start, len);
            return Status::Line;
        }
        scan_ = avail;
        if (avail > max_line_) {
            // Over-long line: drop what we hold and stream past its end.
            number = ++line_no_;
            buf_.clear();
            pos_ = scan_ = 0;
            while (fill()) {
                const void* p = std::memchr(buf_.data(), '\n', buf_.size());
                if (p) {
                    pos_ = static_cast<std::size_t>(static_cast<const char*>(p) - buf_.data()) + 1;
                    return Status::TooLong;
                }
                buf_.clear();
            }
            return Status::TooLong;
        }
        if (!fill()) {
            avail = buf_.size() - pos_;
            if (avail == 0 || src_.failed()) {
                pos_ = buf_.size();
                return Status::End;
            }
            line = std::string_view(buf_.data() + pos_, avail);
            pos_ = buf_.size();
            scan_ = 0;
            number = ++line_no_;
            return Status::Line;
        }
    }
}

}  // namespace haber::ingest
