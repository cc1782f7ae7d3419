// Writes articles into a Xapian database following the schema. Analysis
// (prepare) is kept apart from the Xapian write (write) so that a parallel
// version can run prepare() in worker threads and feed one writer.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/document_builder.h"

namespace haber::index {

// Fatal problems: cannot create or open the database, locked by another
// writer, built with another stemmer or schema version.
class IndexError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct IndexWriterOptions {
    // Articles per commit (0: only at the end). Xapian 1.4 indexes faster in
    // small batches: kemik-42bin took 74 s with 2000, 86 s with 5000, 149 s
    // with 20000.
    std::size_t commit_every = 2000;
    // Keep story-version groups (index/versions.h) right at every commit, for
    // the articles written or deleted since the last one. Off for the shard
    // writers of BulkLoader, which cannot see the other shards: it regroups
    // the merged database once.
    bool group_versions = true;
};

// Opens or creates a writable database (and its parent directories), with
// clear IndexErrors for a location that cannot be created, a database locked
// by another writer, and one that cannot be written (read-only).
Xapian::WritableDatabase open_writable(const std::string& path);

// Xapian's message with the system's reason when it has one: "Error writing
// block 24 (No space left on device)".
std::string xapian_message(const Xapian::Error& e);

// The stemmer name recorded in the database at `path`; nullopt if there is
// no readable database there (or none recorded).
std::optional<std::string> existing_stemmer(const std::string& path);

class IndexWriter {
public:
    struct Prepared {
        std::string id;
        Xapian::Document doc;
        Folds folds;  // fold table pairs (index/document_builder.h)
    };

    // Opens or creates the database (and its parent directories). Throws IndexError.
    IndexWriter(const std::string& path, const analysis::Analyzer& analyzer,
                IndexWriterOptions options = {});
    ~IndexWriter();  // commits what is pending
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // Analysis only; const and thread-safe.
    Prepared prepare(const Article& article) const;
    // Adds or replaces the document with this id; commits every
    // commit_every articles. Returns true if an existing document was replaced.
    bool write(Prepared&& prepared);
    bool add(const Article& article) { return write(prepare(article)); }
    // Deletes the article with this id (counts toward commit_every like a
    // write). Returns false if there is none. Throws IndexError.
    bool remove(const std::string& id);

    // Regroups the story versions touched since the last commit, then
    // commits. Throws IndexError.
    void commit();

    std::size_t added() const { return added_; }        // new documents
    std::size_t replaced() const { return replaced_; }  // documents replaced
    std::size_t deleted() const { return deleted_; }    // documents deleted by remove()
    std::size_t pending() const { return pending_; }    // written since the last commit
    Xapian::doccount doc_count() const { return db_.get_doccount(); }
    bool created() const { return created_; }            // the database was new
    const std::string& path() const { return path_; }
    Xapian::WritableDatabase& database() { return db_; }
    double grouping_seconds() const { return grouping_seconds_; }  // spent regrouping versions

private:
    std::string path_;
    const analysis::Analyzer& analyzer_;
    DocumentBuilder builder_;
    IndexWriterOptions options_;
    Xapian::WritableDatabase db_;
    bool created_ = false;
    std::size_t added_ = 0, replaced_ = 0, deleted_ = 0, pending_ = 0;
    // Since the last commit: ids written, and the group keys the replaced or
    // deleted articles had (their old groups must be recomputed too).
    std::set<std::string> touched_ids_, old_group_keys_;
    // Fold pairs this writer has put in the fold table ("fold\0stem"): each
    // is added once a run, not once a token.
    std::unordered_set<std::string> folds_written_;
    double grouping_seconds_ = 0;
    void note_old_group(const std::string& id_term);
    void regroup_touched();
};

}  // namespace haber::index
