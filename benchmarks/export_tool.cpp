// haber-export: writes the articles haber-index would read from PATH... as
// JSON Lines, so that peer systems index exactly the same articles and text
// (benchmarks/quality/). Inputs are read through the core's ingest Reader
// with haber-index's default options: same ids (a directory's plain-text
// files get ids relative to its parent, "ttc-3600/ekonomi/001.txt"), same
// title/lead/body/place as haber sees them. An id read twice keeps the last
// article at the place of the first, as re-indexing an id does in haber.
//
//   haber-export [--out FILE] [--no-title] PATH...
//
// --no-title: the title is dropped (the headline view of the quality
// evaluation indexes articles without their headline); an article left with
// no lead and no body is not written, as haber-index would skip it.
// Output fields: id, title, lead, body, place, and date, category, source,
// url, author when set (so that haber-index can read the export back).
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "article.h"
#include "ingest/reader.h"

int main(int argc, char** argv) {
    using namespace haber;
    CLI::App app{"haber-export: the articles haber-index reads from PATH..., as JSON Lines for peer systems"};
    std::vector<std::string> paths;
    std::string out_path = "-";
    bool no_title = false;
    app.add_option("PATH", paths, "files or directories, named as for haber-index")->required();
    app.add_option("-o,--out", out_path, "output file ('-': stdout)")->capture_default_str();
    app.add_flag("--no-title", no_title, "drop titles; skip articles left without lead and body");
    CLI11_PARSE(app, argc, argv);

    // Errors are printed (the input is then not what haber-index reads either);
    // warnings (e.g. "no title and no body, skipped") are counted only.
    std::size_t errors = 0, warnings = 0;
    auto print = [&](const ingest::Diagnostic& d) {
        if (d.severity == ingest::Diagnostic::Error) {
            ++errors;
            std::cerr << ingest::format_diagnostic(d) << "\n";
        } else {
            ++warnings;
        }
    };
    std::vector<ingest::InputFile> inputs = ingest::collect_inputs(paths, print);

    std::vector<Article> articles;
    std::unordered_map<std::string, std::size_t> by_id;
    std::size_t replaced = 0, dropped = 0;
    ingest::ReaderOptions options;  // haber-index's defaults
    ingest::ReadCallbacks cb;
    cb.diagnostic = print;
    cb.article = [&](Article&& a) {
        if (no_title) {
            a.title.clear();
            if (a.lead.empty() && a.body.empty()) {
                ++dropped;
                return true;
            }
        }
        auto [it, fresh] = by_id.emplace(a.id, articles.size());
        if (fresh) {
            articles.push_back(std::move(a));
        } else {
            articles[it->second] = std::move(a);
            ++replaced;
        }
        return true;
    };
    for (const auto& in : inputs) ingest::read_input(in, options, cb);

    std::ofstream file;
    if (out_path != "-") {
        file.open(out_path, std::ios::binary);
        if (!file) {
            std::cerr << "haber-export: cannot write " << out_path << "\n";
            return 2;
        }
    }
    std::ostream& out = out_path == "-" ? std::cout : file;
    for (const Article& a : articles) {
        nlohmann::ordered_json j;
        for (const auto& f : kArticleFields) {
            // id, title, lead, body and place always; the others when set.
            bool always = f.name == "id" || f.name == "title" || f.name == "lead" || f.name == "body" ||
                          f.name == "place";
            if (always || !(a.*f.member).empty()) j[std::string(f.name)] = a.*f.member;
        }
        out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    out.flush();
    if (!out) {
        std::cerr << "haber-export: write error\n";
        return 2;
    }
    std::cerr << "haber-export: " << articles.size() << " articles from " << inputs.size() << " input(s)";
    if (replaced) std::cerr << ", " << replaced << " repeated ids (last kept)";
    if (dropped) std::cerr << ", " << dropped << " left without text (no title) and not written";
    if (errors) std::cerr << ", " << errors << " input errors";
    if (warnings) std::cerr << ", " << warnings << " warnings";
    std::cerr << "\n";
    return errors ? 1 : 0;
}
