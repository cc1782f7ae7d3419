// Feeds a fuzzer's bytes to haber's file reader (ingest::read_input) as a
// file of the given format: an in-memory file (memfd) opened by its
// /proc/self/fd path, so the whole path a real file takes is exercised
// (gzip detection, binary check, line splitting, size limits).
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/reader.h"

namespace haber::fuzz {

inline void read_as(const std::uint8_t* data, std::size_t size, ingest::Format format, const char* name) {
    int fd = memfd_create("haber-fuzz", MFD_CLOEXEC);
    if (fd < 0) __builtin_trap();
    for (std::size_t done = 0; done < size;) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) __builtin_trap();
        done += static_cast<std::size_t>(w);
    }
    ingest::InputFile in{"/proc/self/fd/" + std::to_string(fd), name, name, size, std::string("fuzz/") + name};
    ingest::ReaderOptions options;
    options.format = format;
    options.max_article_size = 1 << 20;
    ingest::ReadCallbacks cb;
    std::size_t chars = 0;
    cb.article = [&](Article&& a) {
        // Touch every field, as the indexer would.
        chars += a.id.size() + a.title.size() + a.lead.size() + a.body.size() + a.date.size() + a.place.size() +
                 a.category.size() + a.source.size() + a.url.size() + a.author.size();
        return true;
    };
    cb.diagnostic = [&](const ingest::Diagnostic& d) { chars += ingest::format_diagnostic(d).size(); };
    ingest::read_input(in, options, cb);
    close(fd);
}

}  // namespace haber::fuzz
