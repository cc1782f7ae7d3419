#include "ingest/byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace haber::ingest {

namespace {
constexpr std::size_t kChunk = 256 * 1024;
}

ByteSource::~ByteSource() {
    if (inflating_) inflateEnd(&zs_);
    if (fd_ >= 0) ::close(fd_);
}

bool ByteSource::open(const std::string& path) {
    fd_ = path == "-" ? ::dup(0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        error_ = std::strerror(errno);
        return false;
    }
    in_.resize(kChunk);
    zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
    zs_.avail_in = 0;
    // The gzip magic bytes decide; a read error surfaces here.
    if (!ensure_input(2)) return false;
    compressed_ = zs_.avail_in >= 2 && zs_.next_in[0] == 0x1f && zs_.next_in[1] == 0x8b;
    if (compressed_) {
        if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) {
            error_ = "cannot allocate a decompression stream";
            return false;
        }
        inflating_ = true;
    }
    return true;
}

std::size_t ByteSource::fill_input() {
    if (input_end_ || failed()) return 0;
    if (zs_.next_in != reinterpret_cast<Bytef*>(in_.data())) {
        std::memmove(in_.data(), zs_.next_in, zs_.avail_in);
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
    }
    ssize_t got = ::read(fd_, in_.data() + zs_.avail_in, in_.size() - zs_.avail_in);
    if (got < 0) {  // also EINTR: Ctrl-C ends a read that waits on a pipe
        error_ = std::strerror(errno);
        return 0;
    }
    if (got == 0) input_end_ = true;
    zs_.avail_in += static_cast<uInt>(got);
    raw_read_ += static_cast<std::uint64_t>(got);
    return static_cast<std::size_t>(got);
}

bool ByteSource::ensure_input(std::size_t k) {
    while (zs_.avail_in < k && fill_input() > 0) {
    }
    return !failed();
}

std::size_t ByteSource::read(char* dst, std::size_t n) {
    if (fd_ < 0 || done_ || failed() || n == 0) return 0;
    if (n > INT_MAX) n = INT_MAX;
    std::size_t got = compressed_ ? read_inflated(dst, n) : read_direct(dst, n);
    if (got == 0) done_ = true;
    return got;
}

std::size_t ByteSource::read_direct(char* dst, std::size_t n) {
    if (zs_.avail_in > 0) {  // what open() looked at first
        std::size_t k = std::min<std::size_t>(n, zs_.avail_in);
        std::memcpy(dst, zs_.next_in, k);
        zs_.next_in += k;
        zs_.avail_in -= static_cast<uInt>(k);
        return k;
    }
    if (input_end_) return 0;
    ssize_t got = ::read(fd_, dst, n);
    if (got < 0) {
        error_ = std::strerror(errno);
        return 0;
    }
    if (got == 0) input_end_ = true;
    raw_read_ += static_cast<std::uint64_t>(got);
    return static_cast<std::size_t>(got);
}

std::size_t ByteSource::read_inflated(char* dst, std::size_t n) {
    zs_.next_out = reinterpret_cast<Bytef*>(dst);
    zs_.avail_out = static_cast<uInt>(n);
    while (zs_.avail_out > 0) {
        bool have_output = zs_.avail_out < n;  // returned rather than waiting for more input
        if (member_end_) {
            // Another gzip member, or the end: bytes that are not gzip are
            // ignored (those read count as consumed; no more are read).
            if (have_output || !ensure_input(2)) break;
            if (zs_.avail_in < 2 || zs_.next_in[0] != 0x1f || zs_.next_in[1] != 0x8b) {
                zs_.avail_in = 0;
                break;
            }
            inflateReset(&zs_);
            member_end_ = false;
        }
        if (zs_.avail_in == 0) {
            if (have_output) break;
            if (fill_input() == 0) {
                if (!failed()) {
                    truncated_ = true;
                    error_ = "unexpected end of gzip stream";
                }
                break;
            }
        }
        int ret = inflate(&zs_, Z_NO_FLUSH);
        if (ret == Z_STREAM_END) {
            member_end_ = true;
        } else if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT) {
            error_ = std::string("corrupt gzip stream: ") + (zs_.msg ? zs_.msg : "compressed data error");
            break;
        } else if (ret == Z_MEM_ERROR) {
            error_ = "out of memory while decompressing";
            break;
        }
    }
    return n - zs_.avail_out;
}

std::uint64_t ByteSource::raw_offset() const { return raw_read_ - zs_.avail_in; }

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
