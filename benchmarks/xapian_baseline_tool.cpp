// haber-xapian-baseline: Xapian used out of the box, the yardstick haber is
// compared with. TermGenerator + Stem("turkish") (positional, STEM_SOME),
// QueryParser with the same stemmer, its default flags and AND between words
// (as haber-search); no Turkish
// handling at all. Subcommands: `index` and `count`.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "ingest/reader.h"

int main(int argc, char** argv) {
    CLI::App app{"Plain Xapian baseline (no Turkish handling) for comparisons"};
    app.require_subcommand(1);
    std::string db_path;
    std::vector<std::string> inputs, queries;

    auto* index = app.add_subcommand("index", "index JSONL/text inputs with TermGenerator + Stem(\"turkish\")");
    index->add_option("--db", db_path, "database directory")->required();
    index->add_option("inputs", inputs, "files or directories")->required();

    auto* count = app.add_subcommand("count", "print the exact number of matches of each query (QueryParser defaults)");
    count->add_option("--db", db_path, "database directory")->required();
    count->add_option("queries", queries, "queries")->required();
    CLI11_PARSE(app, argc, argv);

    try {
        if (index->parsed()) {
            auto t0 = std::chrono::steady_clock::now();
            Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
            Xapian::TermGenerator tg;
            tg.set_stemmer(Xapian::Stem("turkish"));
            std::size_t n = 0, bytes = 0;
            haber::ingest::ReadCallbacks cb;
            cb.article = [&](haber::Article&& a) {
                Xapian::Document doc;
                tg.set_document(doc);
                tg.index_text(a.title, 1, "S");
                tg.index_text(a.title);
                tg.increase_termpos();
                tg.index_text(a.lead);
                tg.increase_termpos();
                tg.index_text(a.body);
                doc.set_data(a.title);
                std::string idterm = "Q" + a.id.substr(0, 240);
                doc.add_boolean_term(idterm);
                db.replace_document(idterm, doc);
                bytes += a.title.size() + a.lead.size() + a.body.size();
                ++n;
                return true;
            };
            for (const auto& in : haber::ingest::collect_inputs(inputs, {}))
                haber::ingest::read_input(in, {}, cb);
            db.commit();
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::fprintf(stderr, "plain xapian: indexed %zu articles, %.1f MB in %.1f s, %.0f articles/s\n", n,
                         static_cast<double>(bytes) / 1e6, s, static_cast<double>(n) / s);
        } else {
            Xapian::Database db(db_path);
            Xapian::QueryParser qp;
            qp.set_database(db);
            qp.set_stemmer(Xapian::Stem("turkish"));
            qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
            qp.add_prefix("title", "S");
            // AND, like haber-search, so that count differences come from analysis alone.
            qp.set_default_op(Xapian::Query::OP_AND);
            Xapian::Enquire enquire(db);
            for (const auto& q : queries) {
                try {
                    enquire.set_query(qp.parse_query(q));
                    Xapian::MSet m = enquire.get_mset(0, 0, db.get_doccount());
                    std::cout << m.get_matches_estimated() << "\t" << q << "\n";
                } catch (const Xapian::QueryParserError& e) {
                    std::cout << "error\t" << q << "\t" << e.get_msg() << "\n";
                }
            }
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "haber-xapian-baseline: " << e.get_description() << "\n";
        return 1;
    }
    return 0;
}
