// Reproducible random numbers for the benchmark generators: xoshiro256**
// seeded by splitmix64. Portable, unlike std:: distributions, so a seed gives
// the same corpus and query files on every platform.
#pragma once

#include <array>
#include <cstdint>

namespace haber::bench {

class Rng {
public:
    // Independent streams for one seed (e.g. one per article).
    Rng(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
        for (auto& v : s_) v = splitmix64(x);
    }
    std::uint64_t next() {
        std::uint64_t r = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
        s_[2] ^= s_[0]; s_[3] ^= s_[1]; s_[1] ^= s_[2]; s_[0] ^= s_[3];
        s_[2] ^= t; s_[3] = rotl(s_[3], 45);
        return r;
    }
    // Uniform in [0, n), n > 0 (Lemire's multiply-shift; bias < n / 2^64).
    std::uint64_t below(std::uint64_t n) {
        __extension__ typedef unsigned __int128 u128;
        return static_cast<std::uint64_t>((static_cast<u128>(next()) * n) >> 64);
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    template <class V> const auto& pick(const V& v) { return v[below(v.size())]; }

private:
    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> s_;
};

}  // namespace haber::bench
