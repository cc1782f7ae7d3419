// Builds a new database with several Xapian writers in parallel, one shard
// each, then merges the shards into the target with Xapian's compaction.
// Articles are routed by a hash of their id, so a repeated id lands in the
// same shard and replaces as it would with one writer. For fresh databases
// only: an existing database is updated with IndexWriter.
//
// Everything is built in a hidden work directory beside the target
// (".NAME.shards", locked while a build runs) and the merged database is
// renamed into place complete, at the very end: a run that fails or is
// killed before that leaves no database (only the work directory, which the
// next build clears).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"

namespace haber::index {

struct BulkLoaderOptions {
    unsigned shards = 2;
    // Memory for Xapian's buffers of uncommitted documents, all shards
    // together; each shard commits when its share is used up. Xapian 1.4
    // indexes faster in small batches: on kemik-42bin with 2 shards, 64 MB,
    // 128 MB and 256 MB all took 45-50 s, 1 GB took 76 s.
    std::size_t memory_bytes = std::size_t{256} << 20;
};

struct BulkLoadResult {
    bool created = false;  // false: nothing was indexed, and no database was made
    std::size_t added = 0, replaced = 0;
    double merge_seconds = 0;     // includes grouping_seconds
    double grouping_seconds = 0;  // story versions of the merged database
    unsigned long long doc_count = 0;
};

class BulkLoader {
public:
    // `target` must not hold a non-empty database. Throws IndexError.
    BulkLoader(std::string target, const analysis::Analyzer& analyzer, BulkLoaderOptions options = {});
    ~BulkLoader();  // abandons the shards if finish() was not called
    BulkLoader(const BulkLoader&) = delete;
    BulkLoader& operator=(const BulkLoader&) = delete;

    // Queues an article for its shard; blocks while that shard's queue is
    // full. Throws IndexError if a shard writer failed.
    void add(Article&& article);
    // Waits for the writers, merges the shards, moves the merged database
    // into the target's place, removes the shards. With no article added
    // (and no empty database already at the target) no database is made.
    // Throws IndexError.
    BulkLoadResult finish();

    // True if `path` holds no database or an empty one (bulk loading allowed).
    static bool can_bulk_load(const std::string& path);
    // The work directory of a build of `path` ("dir/.NAME.shards").
    static std::string work_dir_of(const std::string& path);
    // Removes the work directory a build of `path` left when it was killed
    // after moving the database into place, unless a build holds it. Called
    // by a run that updates the database.
    static void remove_abandoned_work_dir(const std::string& path);

private:
    struct Shard {
        std::string path;
        std::mutex mu;
        std::condition_variable not_full, not_empty;
        std::deque<Article> queue;
        bool closed = false;
        std::size_t added = 0, replaced = 0;
        std::exception_ptr error;
        std::thread thread;
    };
    void run_shard(Shard& shard);
    void stop_all();

    void clear_work_dir();

    std::string target_;
    // An empty database already at the target (it may hold stored synonym
    // rules, merged in): its write lock is held from start to merge.
    std::unique_ptr<Xapian::WritableDatabase> target_lock_;
    std::string work_dir_;
    int work_lock_ = -1;  // flock()ed descriptor of work_dir_: one build at a time
    const analysis::Analyzer& analyzer_;
    BulkLoaderOptions options_;
    std::vector<std::unique_ptr<Shard>> shards_;
    bool finished_ = false;
};

}  // namespace haber::index
