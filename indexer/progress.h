// The progress line haber-index draws on stderr when it is a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace haber::indexer {

class ProgressBar {
public:
    // total_bytes 0: unknown (no percentage or ETA). merge_shards > 0: the
    // shards of a new database are merged after reading, which the ETA
    // names (its length is not known in advance).
    ProgressBar(bool enabled, std::uint64_t total_bytes, unsigned merge_shards = 0);
    // Redraws at most ~10 times a second unless `force`.
    void update(std::uint64_t bytes_done, std::size_t articles, bool force = false);
    // Erases the line (before other messages are printed, and at the end).
    void clear();
    bool enabled() const { return enabled_; }

private:
    void draw();
    bool enabled_;
    std::uint64_t total_;
    unsigned merge_shards_;
    std::uint64_t bytes_ = 0;
    std::size_t articles_ = 0;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace haber::indexer
