// Throughput of the analysis chain, stage by stage and whole, in bytes/s of
// the stage's input (SetBytesProcessed), on the bundled corpus.
#include <benchmark/benchmark.h>

#include "analysis/analyzer.h"
#include "analysis/apostrophe.h"
#include "analysis/case_folder.h"
#include "analysis/normalizer.h"
#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"
#include "index/document_builder.h"
#include "micro_corpus.h"

namespace {

using haber::micro::corpus;
namespace an = haber::analysis;

void BM_normalize(benchmark::State& state) {
    const auto& c = corpus();
    an::Normalizer n;
    for (auto _ : state) benchmark::DoNotOptimize(n.normalize(c.raw));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(c.raw.size()));
}
BENCHMARK(BM_normalize)->Unit(benchmark::kMillisecond);

void BM_tokenize(benchmark::State& state) {
    const auto& c = corpus();
    an::Tokenizer t;
    for (auto _ : state) benchmark::DoNotOptimize(t.tokenize(c.normalized));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(c.normalized.size()));
}
BENCHMARK(BM_tokenize)->Unit(benchmark::kMillisecond);

void BM_turkish_lower(benchmark::State& state) {
    const auto& c = corpus();
    for (auto _ : state)
        for (const auto& t : c.tokens) benchmark::DoNotOptimize(an::turkish_lower(t.text));
    state.SetBytesProcessed(state.iterations() * c.token_bytes);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.tokens.size()));
}
BENCHMARK(BM_turkish_lower)->Unit(benchmark::kMillisecond);

void BM_strip_apostrophe_suffix(benchmark::State& state) {
    const auto& c = corpus();
    for (auto _ : state)
        for (const auto& w : c.lowered) benchmark::DoNotOptimize(an::strip_apostrophe_suffix(w));
    state.SetBytesProcessed(state.iterations() * c.lowered_bytes);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.lowered.size()));
}
BENCHMARK(BM_strip_apostrophe_suffix)->Unit(benchmark::kMillisecond);

// Arg: 0 = the default (prefix6), 1 = snowball.
void BM_stem(benchmark::State& state) {
    const auto& c = corpus();
    const char* name = state.range(0) == 0 ? "prefix6" : "snowball";
    an::Stemmer s(*an::StemConfig::parse(name));
    state.SetLabel(name);
    for (auto _ : state)
        for (const auto& w : c.stripped) benchmark::DoNotOptimize(s.stem(w));
    state.SetBytesProcessed(state.iterations() * c.stripped_bytes);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.stripped.size()));
}
BENCHMARK(BM_stem)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ascii_fold(benchmark::State& state) {
    const auto& c = corpus();
    for (auto _ : state)
        for (const auto& w : c.stripped) benchmark::DoNotOptimize(an::ascii_fold(w));
    state.SetBytesProcessed(state.iterations() * c.stripped_bytes);
}
BENCHMARK(BM_ascii_fold)->Unit(benchmark::kMillisecond);

// Stages 2-6 (tokenise … ASCII variant) over normalised text.
void BM_Analyzer_analyze(benchmark::State& state) {
    const auto& c = corpus();
    an::Analyzer a;
    for (auto _ : state) benchmark::DoNotOptimize(a.analyze(c.normalized));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(c.normalized.size()));
}
BENCHMARK(BM_Analyzer_analyze)->Unit(benchmark::kMillisecond);

// The whole chain, raw text in: normalise + analyse.
void BM_Analyzer_whole_chain(benchmark::State& state) {
    const auto& c = corpus();
    an::Analyzer a;
    for (auto _ : state) benchmark::DoNotOptimize(a.analyze(a.normalize(c.raw)));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(c.raw.size()));
}
BENCHMARK(BM_Analyzer_whole_chain)->Unit(benchmark::kMillisecond);

// Article → Xapian::Document (everything haber-index does per article but the write).
void BM_DocumentBuilder_build(benchmark::State& state) {
    const auto& c = corpus();
    an::Analyzer a;
    haber::DocumentBuilder b(a);
    std::int64_t bytes = 0;
    for (const auto& art : c.articles)
        bytes += static_cast<std::int64_t>(art.title.size() + art.lead.size() + art.body.size());
    for (auto _ : state)
        for (const auto& art : c.articles) benchmark::DoNotOptimize(b.build(art));
    state.SetBytesProcessed(state.iterations() * bytes);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.articles.size()));
}
BENCHMARK(BM_DocumentBuilder_build)->Unit(benchmark::kMillisecond);

}  // namespace
