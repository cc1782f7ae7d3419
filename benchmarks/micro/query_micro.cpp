// The query side without a database: parsing realistic queries, and the
// Turkish-aware snippet of a real article.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "micro_corpus.h"
#include "search/query.h"
#include "search/searcher.h"
#include "search/snippet.h"

namespace {

namespace an = haber::analysis;
namespace se = haber::search;

const std::vector<std::string>& queries() {
    static const std::vector<std::string> q{
        "merkez bankası faiz",
        "\"dışişleri bakanı\"",
        "disisleri bakani",
        "category:ekonomi enflasyon date:2020..2022",
        "(borsa OR dolar) AND NOT kripto",
        "erdoğan NEAR/5 putin",
        "özbek* kazak*",
        "Türkiye'nin ihracatı rekor kırdı",
    };
    return q;
}

void BM_QueryParser_parse(benchmark::State& state) {
    an::Analyzer a;
    se::QueryParser p(a);
    const std::string& q = queries()[static_cast<std::size_t>(state.range(0))];
    state.SetLabel(q);
    for (auto _ : state) benchmark::DoNotOptimize(p.parse(q));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueryParser_parse)->DenseRange(0, 7)->Unit(benchmark::kMicrosecond);

// The longest article of the bundled corpus, normalised as stored, and a
// query whose words occur in it.
void BM_make_snippet(benchmark::State& state) {
    const auto& c = haber::micro::corpus();
    an::Analyzer a;
    const haber::Article* longest = &c.articles.front();
    for (const auto& art : c.articles)
        if (art.body.size() > longest->body.size()) longest = &art;
    haber::Article n = *longest;
    n.lead = a.normalize(n.lead);
    n.body = a.normalize(n.body);
    std::string text = se::Searcher::snippet_text(n);
    // Two words from the middle of the article and one from the end.
    auto toks = a.analyze(text);
    std::string q;
    for (std::size_t i : {toks.size() / 2, toks.size() / 2 + 7, toks.size() - 3})
        if (i < toks.size()) q += toks[i].surface + " ";
    se::ParseOptions any;
    any.any = true;
    se::ParsedQuery parsed = se::QueryParser(a).parse(q, any);
    state.SetLabel(std::to_string(text.size()) + " bytes, query: " + q);
    for (auto _ : state) benchmark::DoNotOptimize(se::make_snippet(a, text, parsed.highlight));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_make_snippet)->Unit(benchmark::kMicrosecond);

}  // namespace
