#include "micro_corpus.h"

#include <cstdio>
#include <cstdlib>

#include "analysis/apostrophe.h"
#include "analysis/case_folder.h"
#include "analysis/normalizer.h"
#include "ingest/reader.h"

namespace haber::micro {

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus c;
        std::string dir = std::string(HABER_SOURCE_DIR) + "/corpus";
        c.articles = ingest::read_all({dir + "/aa-sample", dir + "/tr-financial-200.jsonl"});
        if (c.articles.empty()) {
            std::fprintf(stderr, "haber-micro: no articles in %s (aa-sample, tr-financial-200.jsonl)\n", dir.c_str());
            std::exit(2);
        }
        for (const auto& a : c.articles) {
            for (const auto* f : {&a.title, &a.lead, &a.body}) {
                if (f->empty()) continue;
                c.raw += *f;
                c.raw += "\n\n";
            }
        }
        c.normalized = analysis::Normalizer().normalize(c.raw);
        c.tokens = analysis::Tokenizer().tokenize(c.normalized);
        for (const auto& t : c.tokens) {
            c.token_bytes += static_cast<std::int64_t>(t.text.size());
            c.lowered.push_back(analysis::turkish_lower(t.text));
            c.lowered_bytes += static_cast<std::int64_t>(c.lowered.back().size());
            c.stripped.push_back(analysis::strip_apostrophe_suffix(c.lowered.back()));
            c.stripped_bytes += static_cast<std::int64_t>(c.stripped.back().size());
        }
        std::fprintf(stderr, "haber-micro: %zu articles, %.2f MB of text, %zu tokens\n", c.articles.size(),
                     static_cast<double>(c.raw.size()) / 1e6, c.tokens.size());
        return c;
    }();
    return c;
}

}  // namespace haber::micro
