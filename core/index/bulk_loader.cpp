#include "index/bulk_loader.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <functional>

#include <xapian.h>

#include "index/index_writer.h"
#include "index/schema.h"
#include "index/versions.h"

namespace haber::index {

namespace fs = std::filesystem;

namespace {
constexpr std::size_t kQueueCapacity = 512;  // articles waiting per shard
// Resident memory per byte of uncommitted text. Measured: kemik-42bin in
// two shards that never committed (41 MB of text each) peaked at 1.54 GB
// RSS, about 17 bytes a byte plus the program; 20 leaves headroom.
constexpr std::size_t kMemoryPerTextByte = 20;
}  // namespace

bool BulkLoader::can_bulk_load(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return true;
    if (!fs::is_directory(path, ec)) return false;
    if (fs::is_empty(path, ec)) return true;
    try {
        return Xapian::Database(path).get_doccount() == 0;
    } catch (const Xapian::Error&) {
        return false;
    }
}

std::string BulkLoader::work_dir_of(const std::string& path) {
    fs::path t = fs::path(path).lexically_normal();
    if (t.filename().empty()) t = t.parent_path();  // "db/"
    fs::path parent = t.has_parent_path() ? t.parent_path() : fs::path(".");
    return (parent / ("." + t.filename().string() + ".shards")).string();
}

void BulkLoader::remove_abandoned_work_dir(const std::string& path) {
    const std::string dir = work_dir_of(path);
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    ::close(fd);
}

namespace {

bool is_xapian_database(const std::string& path) {
    std::error_code ec;
    return fs::exists(fs::path(path) / "iamglass", ec) || fs::exists(fs::path(path) / "iamchert", ec);
}

}  // namespace

BulkLoader::BulkLoader(std::string target, const analysis::Analyzer& analyzer, BulkLoaderOptions options)
    : target_(std::move(target)), analyzer_(analyzer), options_(options) {
    if (!can_bulk_load(target_))
        throw IndexError("database " + target_ + " already holds articles; bulk loading needs a new one");
    fs::path t = fs::path(target_).lexically_normal();
    if (t.filename().empty()) t = t.parent_path();  // "db/"
    fs::path parent = t.has_parent_path() ? t.parent_path() : fs::path(".");
    work_dir_ = work_dir_of(target_);
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw IndexError("cannot create the directory of database " + target_ + ": " + ec.message());
    fs::create_directories(work_dir_, ec);
    if (ec) throw IndexError("cannot create " + work_dir_ + ": " + ec.message());
    // One build of this database at a time: the lock on the work directory.
    work_lock_ = ::open(work_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (work_lock_ < 0) throw IndexError("cannot open " + work_dir_ + ": " + std::strerror(errno));
    if (::flock(work_lock_, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        ::close(work_lock_);
        work_lock_ = -1;
        if (err == EWOULDBLOCK)
            throw IndexError("database " + target_ + " is being built by another haber-index (" + work_dir_ +
                             " is locked); wait for it to finish and try again");
        throw IndexError("cannot lock " + work_dir_ + ": " + std::strerror(err));
    }
    // The build that held the lock before may have finished meanwhile.
    struct stat held {}, now {};
    if (::fstat(work_lock_, &held) != 0 || ::stat(work_dir_.c_str(), &now) != 0 || held.st_ino != now.st_ino ||
        held.st_dev != now.st_dev || !can_bulk_load(target_)) {
        ::close(work_lock_);
        work_lock_ = -1;
        throw IndexError("database " + target_ + " was just built by another haber-index; run again to update it");
    }
    try {
        if (is_xapian_database(target_)) {
            target_lock_ = std::make_unique<Xapian::WritableDatabase>(open_writable(target_));
            if (target_lock_->get_doccount() != 0)
                throw IndexError("database " + target_ + " already holds articles; bulk loading needs a new one");
        }
    } catch (...) {
        // No destructor runs for a constructor that throws: leave nothing.
        target_lock_.reset();
        fs::remove_all(work_dir_, ec);
        ::close(work_lock_);
        work_lock_ = -1;
        throw;
    }
    clear_work_dir();  // shards of a run that was killed
    if (options_.shards < 1) options_.shards = 1;
    // Commits are ours, by memory; keep Xapian from flushing every 10,000
    // documents on its own (set before any writer thread starts).
    if (!std::getenv("XAPIAN_FLUSH_THRESHOLD")) setenv("XAPIAN_FLUSH_THRESHOLD", "10000000", 1);
    for (unsigned i = 0; i < options_.shards; ++i) {
        auto shard = std::make_unique<Shard>();
        shard->path = work_dir_ + "/" + std::to_string(i);
        shards_.push_back(std::move(shard));
    }
    for (auto& shard : shards_) shard->thread = std::thread([this, s = shard.get()] { run_shard(*s); });
}

BulkLoader::~BulkLoader() {
    stop_all();
    std::error_code ec;
    if (!finished_ && work_lock_ >= 0) fs::remove_all(work_dir_, ec);
    if (work_lock_ >= 0) ::close(work_lock_);
}

void BulkLoader::clear_work_dir() {
    std::error_code ec;
    for (fs::directory_iterator it(work_dir_, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code rec;
        fs::remove_all(it->path(), rec);
    }
}

void BulkLoader::stop_all() {
    for (auto& shard : shards_) {
        {
            std::lock_guard lock(shard->mu);
            shard->closed = true;
        }
        shard->not_empty.notify_all();
        shard->not_full.notify_all();
    }
    for (auto& shard : shards_)
        if (shard->thread.joinable()) shard->thread.join();
}

void BulkLoader::run_shard(Shard& shard) {
    try {
        // Commit by memory, not by count: a batch of long articles must not
        // outgrow the budget.
        IndexWriterOptions wo;
        wo.commit_every = 0;
        wo.group_versions = false;  // a shard cannot see the others: grouped after the merge
        IndexWriter writer(shard.path, analyzer_, wo);
        const std::size_t budget = options_.memory_bytes / shards_.size() / kMemoryPerTextByte;
        std::size_t pending_text = 0;
        for (;;) {
            Article a;
            {
                std::unique_lock lock(shard.mu);
                shard.not_empty.wait(lock, [&] { return !shard.queue.empty() || shard.closed; });
                if (shard.queue.empty()) break;
                a = std::move(shard.queue.front());
                shard.queue.pop_front();
            }
            shard.not_full.notify_one();
            pending_text += a.title.size() + a.lead.size() + a.body.size();
            if (writer.add(a)) ++shard.replaced;
            else ++shard.added;
            if (pending_text > budget) {
                writer.commit();
                pending_text = 0;
            }
        }
        writer.commit();
    } catch (...) {
        std::lock_guard lock(shard.mu);
        shard.error = std::current_exception();
        shard.queue.clear();
        shard.not_full.notify_all();
    }
}

void BulkLoader::add(Article&& article) {
    Shard& shard = *shards_[std::hash<std::string>{}(article.id) % shards_.size()];
    std::unique_lock lock(shard.mu);
    shard.not_full.wait(lock, [&] { return shard.queue.size() < kQueueCapacity || shard.error; });
    if (shard.error) std::rethrow_exception(shard.error);
    shard.queue.push_back(std::move(article));
    lock.unlock();
    shard.not_empty.notify_one();
}

BulkLoadResult BulkLoader::finish() {
    stop_all();
    BulkLoadResult result;
    for (auto& shard : shards_) {
        if (shard->error) std::rethrow_exception(shard->error);
        result.added += shard->added;
        result.replaced += shard->replaced;
    }
    if (result.added == 0 && !target_lock_) {
        // Nothing read (bad or empty input, interrupted at once): an empty
        // database would answer every search with 0 hits; make none.
        std::error_code ec;
        fs::remove_all(work_dir_, ec);
        finished_ = true;
        return result;
    }
    auto t0 = std::chrono::steady_clock::now();
    std::string merged = work_dir_ + "/merged";
    try {
        // Story versions across all shards, written into the shards before
        // the merge: compaction then writes them compactly, where updating
        // the merged database would rewrite (and bloat) its blocks.
        {
            Xapian::Database all;
            for (auto& shard : shards_) all.add_database(Xapian::Database(shard->path));
            auto keys = versions::compute_groups(all);
            const Xapian::docid n = static_cast<Xapian::docid>(shards_.size());
            std::vector<std::vector<std::pair<Xapian::docid, std::string>>> per_shard(shards_.size());
            for (auto& [docid, key] : keys) per_shard[(docid - 1) % n].emplace_back((docid - 1) / n + 1, key);
            for (std::size_t i = 0; i < shards_.size(); ++i) {
                if (per_shard[i].empty()) continue;
                Xapian::WritableDatabase shard(shards_[i]->path, Xapian::DB_OPEN);
                for (const auto& [local, key] : per_shard[i]) versions::set_group(shard, local, key);
                shard.commit();
            }
            result.grouping_seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        }
        Xapian::Database all;
        // An empty database at the target goes in too, so what it already
        // holds besides articles (synonym rules stored by haber-index
        // --synonyms) survives.
        if (target_lock_) all.add_database(Xapian::Database(target_));
        for (auto& shard : shards_) all.add_database(Xapian::Database(shard->path));
        all.compact(merged);
        // Complete before it takes the target's place.
        Xapian::WritableDatabase db(merged, Xapian::DB_OPEN);
        db.set_metadata(schema::kMetaStemmer, analyzer_.stem_config().name());
        db.set_metadata(schema::kMetaSchemaVersion, schema::kSchemaVersion);
        db.commit();
        result.doc_count = db.get_doccount();
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot merge shards into " + target_ + ": " + xapian_message(e));
    }
    std::error_code ec;
    // The shards go before the move: a run killed after it leaves only an
    // empty work directory (which the next run removes), not a copy of the
    // archive.
    for (auto& shard : shards_) fs::remove_all(shard->path, ec);
    target_lock_.reset();  // the merged database takes the place of the empty one
    if (fs::exists(target_, ec)) {
        if (!can_bulk_load(target_))
            throw IndexError("database " + target_ + " was written to by another program during the build; "
                             "this build is abandoned");
        fs::remove_all(target_, ec);
    }
    fs::rename(merged, target_, ec);
    if (ec) throw IndexError("cannot move the merged database to " + target_ + ": " + ec.message());
    result.created = true;
    fs::remove_all(work_dir_, ec);
    result.merge_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    finished_ = true;
    return result;
}

}  // namespace haber::index
