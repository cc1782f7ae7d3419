#include "index/index_writer.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "index/schema.h"
#include "index/versions.h"

namespace haber::index {

namespace fs = std::filesystem;

std::optional<std::string> existing_stemmer(const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return std::nullopt;
    try {
        Xapian::Database db(path);
        std::string name = db.get_metadata(schema::kMetaStemmer);
        if (name.empty()) {
            if (db.get_doccount() == 0) return std::nullopt;
            return schema::stem_config_of(db).name();
        }
        return name;
    } catch (const Xapian::Error&) {
        return std::nullopt;
    }
}

Xapian::WritableDatabase open_writable(const std::string& path) {
    fs::path p(path);
    std::error_code ec;
    if (p.has_parent_path() && !p.parent_path().empty()) {
        fs::create_directories(p.parent_path(), ec);
        if (ec)
            throw IndexError("cannot create the directory of database " + path + ": " +
                             ec.message());
    }
    if (fs::exists(p, ec) && !fs::is_directory(p, ec))
        throw IndexError("cannot create database " + path + ": a file of that name exists");
    try {
        return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& e) {
        // "Unable to get write lock on DB: already locked" is another writer;
        // "...: Couldn't open lockfile: Permission denied" (or "Read-only
        // file system") is a database this user cannot write.
        const std::string& msg = e.get_msg();
        if (msg.find("already locked") != std::string::npos)
            throw IndexError("database " + path +
                             " is locked: another haber-index is writing to it; wait for it to "
                             "finish and try again");
        std::string reason = msg.substr(msg.rfind(": ") == std::string::npos ? 0 : msg.rfind(": ") + 2);
        throw IndexError("cannot write to database " + path + ": " + reason +
                         " (it cannot be changed: read-only, or owned by another user)");
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open or create database " + path + ": " + xapian_message(e));
    }
}

std::string xapian_message(const Xapian::Error& e) {
    std::string msg = e.get_msg();
    const char* reason = e.get_error_string();
    if (reason && *reason && msg.find(reason) == std::string::npos) msg += std::string(" (") + reason + ")";
    return msg;
}

IndexWriter::IndexWriter(const std::string& path, const analysis::Analyzer& analyzer,
                         IndexWriterOptions options)
    : path_(path), analyzer_(analyzer), builder_(analyzer), options_(options) {
    // Xapian commits by itself every XAPIAN_FLUSH_THRESHOLD (10000) changes,
    // read from the environment when the database opens (Xapian 1.4 has no
    // API for it); keep commits at our batch ends. The variable is set only
    // while opening, so the process environment is left as it was.
    if (options_.commit_every > 10000 && !std::getenv("XAPIAN_FLUSH_THRESHOLD")) {
        setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options_.commit_every + 1).c_str(), 1);
        try {
            db_ = open_writable(path);
        } catch (...) {
            unsetenv("XAPIAN_FLUSH_THRESHOLD");
            throw;
        }
        unsetenv("XAPIAN_FLUSH_THRESHOLD");
    } else {
        db_ = open_writable(path);
    }
    try {
        std::string ours = analyzer_.stem_config().name();
        std::string stemmer = db_.get_metadata(schema::kMetaStemmer);
        std::string version = db_.get_metadata(schema::kMetaSchemaVersion);
        if (stemmer.empty() && db_.get_doccount() > 0) stemmer = schema::stem_config_of(db_).name();
        if (!stemmer.empty() && stemmer != ours)
            throw IndexError("database " + path + " was built with stemmer '" + stemmer +
                             "', not '" + ours +
                             "'; a database keeps the stemmer it was created with (index into a "
                             "new database to change it)");
        if (!version.empty() && version != schema::kSchemaVersion)
            throw IndexError("database " + path + " has schema version " + version +
                             "; this haber-index writes version " + schema::kSchemaVersion +
                             "; rebuild it: remove " + path + " and index again, or index into a new database with --db");
        created_ = stemmer.empty() && version.empty() && db_.get_doccount() == 0;
        if (stemmer.empty() || version.empty()) {
            db_.set_metadata(schema::kMetaStemmer, ours);
            db_.set_metadata(schema::kMetaSchemaVersion, schema::kSchemaVersion);
            db_.commit();
        }
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot initialise database " + path + ": " + xapian_message(e));
    }
}

IndexWriter::~IndexWriter() {
    try {
        if (pending_ > 0) {
            regroup_touched();
            db_.commit();
        }
    } catch (...) {
    }
}

void IndexWriter::note_old_group(const std::string& term) {
    if (!options_.group_versions) return;
    for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) {
        std::string key = db_.get_document(*p).get_value(schema::kGroupSlot);
        if (!key.empty()) old_group_keys_.insert(key);
    }
}

void IndexWriter::regroup_touched() {
    if (!options_.group_versions || (touched_ids_.empty() && old_group_keys_.empty())) return;
    auto t0 = std::chrono::steady_clock::now();
    std::vector<Xapian::docid> seeds;
    for (const auto& id : touched_ids_) {
        std::string term = schema::id_term(id);
        for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) seeds.push_back(*p);
    }
    for (const auto& key : old_group_keys_)
        for (Xapian::docid d : versions::group_members(db_, key)) seeds.push_back(d);
    versions::regroup(db_, seeds);
    touched_ids_.clear();
    old_group_keys_.clear();
    grouping_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

IndexWriter::Prepared IndexWriter::prepare(const Article& article) const {
    Prepared p;
    p.id = article.id;
    p.doc = builder_.build(article, &p.folds);
    return p;
}

bool IndexWriter::write(Prepared&& p) {
    if (p.id.empty()) throw IndexError("article without an id");
    std::string term = schema::id_term(p.id);
    bool exists;
    try {
        // replace_document(term) costs a third of the indexing time even when
        // the id is new; term_exists also sees this batch's uncommitted
        // documents, so add_document is safe for ids not seen before.
        exists = db_.term_exists(term);
        if (exists) {
            note_old_group(term);
            db_.replace_document(term, p.doc);
        } else {
            p.doc.add_boolean_term(term);  // DocumentBuilder adds it too; no-op then
            db_.add_document(p.doc);
        }
        for (const auto& [fold, stem] : p.folds) {
            std::string key = fold;
            key += '\0';
            key += stem;
            if (folds_written_.insert(std::move(key)).second) db_.add_synonym(schema::fold_key(fold), stem);
        }
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot write to database " + path_ + ": " + xapian_message(e));
    }
    if (options_.group_versions) touched_ids_.insert(p.id);
    if (exists) ++replaced_;
    else ++added_;
    if (++pending_ >= options_.commit_every && options_.commit_every > 0) commit();
    return exists;
}

bool IndexWriter::remove(const std::string& id) {
    if (id.empty()) return false;
    std::string term = schema::id_term(id);
    try {
        if (!db_.term_exists(term)) return false;
        note_old_group(term);
        db_.delete_document(term);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot delete from database " + path_ + ": " + xapian_message(e));
    }
    ++deleted_;
    if (++pending_ >= options_.commit_every && options_.commit_every > 0) commit();
    return true;
}

void IndexWriter::commit() {
    try {
        regroup_touched();
        db_.commit();
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot commit to database " + path_ + ": " + xapian_message(e));
    }
    pending_ = 0;
}

}  // namespace haber::index
