#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace rolescope::bench {

// xoshiro256** seeded through splitmix64, with its own range mappings: the standard library's
// distributions differ between implementations, and a seed must give the same org everywhere.
class Rng
{
public:
    explicit Rng(std::uint64_t seed)
    {
        for (std::uint64_t &s : m_state) {
            seed += 0x9e3779b97f4a7c15ull;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            s = z ^ (z >> 31);
        }
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, n); n > 0.
    std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(real() * double(n)); }
    // Uniform in [lo, hi].
    int between(int lo, int hi) { return lo + static_cast<int>(below(std::uint64_t(hi - lo + 1))); }
    // Uniform in [0, 1).
    double real() { return double(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return real() < p; }
    // Standard normal (Box-Muller).
    double normal()
    {
        const double u = 1.0 - real();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * real());
    }

    template<typename Container>
    const auto &pick(const Container &c)
    {
        return c[static_cast<size_t>(below(c.size()))];
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_state[4];
};

// Ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent.
class ZipfSampler
{
public:
    ZipfSampler(size_t n = 1, double exponent = 1.0)
    {
        m_cdf.reserve(n);
        double sum = 0;
        for (size_t i = 0; i < n; ++i) {
            sum += 1.0 / std::pow(double(i + 1), exponent);
            m_cdf.push_back(sum);
        }
        for (double &c : m_cdf)
            c /= sum;
    }

    size_t sample(Rng &rng) const
    {
        const double u = rng.real();
        size_t lo = 0;
        size_t hi = m_cdf.size() - 1;
        while (lo < hi) {
            const size_t mid = (lo + hi) / 2;
            if (m_cdf[mid] < u)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    size_t size() const { return m_cdf.size(); }

private:
    std::vector<double> m_cdf;
};

} // namespace rolescope::bench
