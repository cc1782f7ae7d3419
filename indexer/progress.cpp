#include "progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace haber::indexer {

ProgressBar::ProgressBar(bool enabled, std::uint64_t total_bytes, unsigned merge_shards)
    : enabled_(enabled), total_(total_bytes), merge_shards_(merge_shards), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::uint64_t bytes_done, std::size_t articles, bool force) {
    if (!enabled_) return;
    bytes_ = bytes_done;
    articles_ = articles;
    auto now = std::chrono::steady_clock::now();
    if (!force && shown_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    if (!force && !shown_ && now - start_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw();
}

void ProgressBar::clear() {
    if (!enabled_ || !shown_) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    shown_ = false;
}

void ProgressBar::draw() {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double mb = bytes_ / 1e6;
    double rate = secs > 0 ? articles_ / secs : 0;
    double mbs = secs > 0 ? mb / secs : 0;
    char buf[256];
    std::string line = "\r";
    if (total_ > 0) {
        double frac = std::min(1.0, static_cast<double>(bytes_) / static_cast<double>(total_));
        int width = 20, fill = static_cast<int>(frac * width);
        line.append("[").append(static_cast<std::size_t>(fill), '#').append(static_cast<std::size_t>(width - fill), '-').append("]");
        std::snprintf(buf, sizeof buf, " %3d%%  %.1f/%.1f MB", static_cast<int>(frac * 100), mb,
                      total_ / 1e6);
        line += buf;
    } else {
        std::snprintf(buf, sizeof buf, "%.1f MB", mb);
        line += buf;
    }
    std::snprintf(buf, sizeof buf, "  %zu %s  %.0f articles/s  %.1f MB/s", articles_,
                  articles_ == 1 ? "article" : "articles", rate, mbs);
    line += buf;
    if (total_ > 0 && bytes_ > 0 && bytes_ < total_ && secs > 1) {
        double eta = secs * (static_cast<double>(total_ - bytes_) / static_cast<double>(bytes_));
        long e = static_cast<long>(eta + 0.5);
        std::snprintf(buf, sizeof buf, "  ETA %ld:%02ld", e / 60, e % 60);
        line += buf;
        if (merge_shards_ > 1) line.append(" + merging ").append(std::to_string(merge_shards_)).append(" shards");
    } else if (merge_shards_ > 1 && articles_ > 0) {
        line.append("  then merging ").append(std::to_string(merge_shards_)).append(" shards");
    }
    winsize ws{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10 && line.size() > ws.ws_col)
        line.resize(ws.ws_col);  // the line is ASCII: one byte per column (plus the '\r')
    line += "\x1b[K";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    shown_ = true;
}

}  // namespace haber::indexer
