#include "support/synthetic.h"

#include <array>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace haber::test {

namespace {

constexpr std::array<const char*, 32> kWords = {
    "Merkez",    "Bankası",   "faiz",      "kararını",   "açıkladı",  "dolar",      "euro",      "borsa",
    "yükseldi",  "geriledi",  "Ankara'da", "İstanbul'da", "bakanlık", "toplantı",   "ihracat",   "rekor",
    "deprem",    "büyüklüğünde", "öğrenciler", "sınav",  "hükümet",   "açıklamasında", "şirket",  "yatırım",
    "enflasyon", "beklentisi", "Türkiye'nin", "ekonomi", "piyasalar", "haftaya",    "güçlü",     "başladı"};

// A small deterministic generator (xorshift), so the text depends on the serial only.
struct Rng {
    std::uint64_t s;
    explicit Rng(std::uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull) {}
    std::uint64_t next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

}  // namespace

Article synthetic_article(const std::string& id, int serial, int version) {
    Rng rng(static_cast<std::uint64_t>(serial) + 1);
    Article a;
    a.id = id;
    a.title = std::string(kWords[rng.below(kWords.size())]) + " " + kWords[rng.below(kWords.size())] + " haberi " +
              std::to_string(serial) + " (sürüm " + std::to_string(version) + ")";
    std::string body = "Ajans";
    std::size_t words = 12 + rng.below(29);
    for (std::size_t i = 0; i < words; ++i) {
        body += ' ';
        if (i == words / 2)
            body += std::to_string(serial);
        else
            body += kWords[rng.below(kWords.size())];
    }
    a.body = body + ".";
    a.date = "2024-" + std::string(serial % 12 < 9 ? "0" : "") + std::to_string(serial % 12 + 1) + "-" +
             std::string(serial % 28 < 9 ? "0" : "") + std::to_string(serial % 28 + 1);
    a.source = "AA";
    return a;
}

std::string jsonl_line(const Article& a) {
    return nlohmann::json{{"id", a.id}, {"title", a.title}, {"body", a.body}, {"date", a.date}, {"source", a.source}}
               .dump() +
           "\n";
}

std::string plain_text(const Article& a) { return a.title + "\n\n" + a.body + "\n"; }

}  // namespace haber::test
