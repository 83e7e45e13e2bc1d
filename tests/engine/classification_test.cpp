// Class breaks: Fisher-Jenks against a published example and against brute force; quantile and
// equal interval edge cases; manual breaks; nulls excluded and counted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "engine/classify/classification.hpp"
#include "layers/error.hpp"

namespace atlante {
namespace {

// The grouping a set of breaks makes of sorted values.
std::vector<std::size_t> groups(const std::vector<double>& sorted,
                                const std::vector<double>& breaks) {
    std::vector<std::size_t> out;
    for (double v : sorted) out.push_back(*class_of(v, breaks));
    return out;
}

double total_ssd(const std::vector<double>& sorted, const std::vector<std::size_t>& group) {
    double total = 0;
    for (std::size_t g = 0; g <= group.back(); ++g) {
        double sum = 0, sq = 0, n = 0;
        for (std::size_t i = 0; i < sorted.size(); ++i)
            if (group[i] == g) sum += sorted[i], sq += sorted[i] * sorted[i], n += 1;
        if (n > 0) total += sq - sum * sum / n;
    }
    return total;
}

TEST(FisherJenks, PublishedExample) {
    // The jenkspy documentation's example: breaks 1.2 | 2.3 | 5.0 | 7.8 as class upper bounds,
    // i.e. classes {1.2, 1.3, 2.3}, {3.9 … 5.0}, {7.1 … 7.8}.
    std::vector<double> v{1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3};
    const Classification c = classify(v, ClassMethod::FisherJenks, 3);
    EXPECT_THAT(c.breaks, ::testing::ElementsAre(1.2, 3.9, 7.1, 7.8));
}

TEST(FisherJenks, OptimalAgainstBruteForce) {
    // Every split of 9 sorted values into 3 classes: none beats Fisher-Jenks.
    const std::vector<double> v{1, 2, 2.5, 7, 8, 8.2, 13, 20, 21};
    const std::vector<double> breaks = fisher_jenks_breaks(v, 3);
    const double best = total_ssd(v, groups(v, breaks));
    for (std::size_t a = 1; a < v.size(); ++a)
        for (std::size_t b = a + 1; b < v.size(); ++b) {
            std::vector<std::size_t> g(v.size());
            for (std::size_t i = 0; i < v.size(); ++i) g[i] = i < a ? 0 : i < b ? 1 : 2;
            EXPECT_LE(best, total_ssd(v, g) + 1e-9) << a << " " << b;
        }
}

// The textbook dynamic programme, every start of the last class tried: O(k n²).
std::vector<double> textbook_breaks(const std::vector<double>& v, std::size_t k) {
    const std::size_t n = v.size();
    const auto ssd = [&](std::size_t from, std::size_t to) {
        double sum = 0, sq = 0;
        for (std::size_t i = from; i < to; ++i) sum += v[i], sq += v[i] * v[i];
        return sq - sum * sum / static_cast<double>(to - from);
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> cost(k + 1, std::vector<double>(n + 1, inf));
    std::vector<std::vector<std::size_t>> start(k + 1, std::vector<std::size_t>(n + 1, 0));
    cost[0][0] = 0;
    for (std::size_t c = 1; c <= k; ++c)
        for (std::size_t j = c; j <= n; ++j)
            for (std::size_t i = c - 1; i < j; ++i)
                if (cost[c - 1][i] + ssd(i, j) < cost[c][j] - 1e-9 * (1 + cost[c][j]))
                    cost[c][j] = cost[c - 1][i] + ssd(i, j), start[c][j] = i;
    std::vector<double> breaks(k + 1);
    breaks[0] = v.front();
    breaks[k] = v.back();
    for (std::size_t c = k, end = n; c > 1; end = start[c][end], --c)
        breaks[c - 1] = v[start[c][end]];
    return breaks;
}

TEST(FisherJenks, DivideAndConquerFindsTheTextbookOptimum) {
    // Skewed like populations, and with many ties; the same total squared deviation as the
    // O(k n²) programme (the breaks themselves may differ only between equally good splits).
    std::uint32_t seed = 11;
    const auto next = [&seed] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    for (int t = 0; t < 200; ++t) {
        std::vector<double> v(5 + next() % 300);
        for (double& x : v)
            x = t % 2 ? std::exp(static_cast<double>(next() % 1000) / 100) : next() % 12;
        std::sort(v.begin(), v.end());
        const std::size_t k = 2 + next() % 7;
        const std::vector<double> fast = fisher_jenks_breaks(v, k), slow = textbook_breaks(v, k);
        const double a = total_ssd(v, groups(v, fast)), b = total_ssd(v, groups(v, slow));
        EXPECT_LE(a, b + 1e-9 * (1 + b)) << "case " << t;
    }
}

TEST(Classify, FewerDistinctValuesThanClasses) {
    const Classification c = classify({3, 3, 5, 5, 5}, ClassMethod::FisherJenks, 5);
    EXPECT_THAT(c.breaks, ::testing::ElementsAre(3, 5, 5));
    const Classification q = classify({3, 3, 5, 5, 5}, ClassMethod::Quantile, 4);
    EXPECT_EQ(q.breaks.front(), 3);
    EXPECT_EQ(q.breaks.back(), 5);
    EXPECT_TRUE(std::is_sorted(q.breaks.begin(), q.breaks.end()));
    EXPECT_EQ(std::adjacent_find(q.breaks.begin(), q.breaks.end()),
              q.breaks.end());  // ties collapse
}

TEST(Classify, AllEqualValues) {
    for (ClassMethod m :
         {ClassMethod::EqualInterval, ClassMethod::Quantile, ClassMethod::FisherJenks}) {
        const Classification c = classify({4, 4, 4}, m, 3);
        EXPECT_THAT(c.breaks, ::testing::ElementsAre(4, 4));
        EXPECT_EQ(class_of(4, c.breaks), 0u);
    }
}

TEST(Classify, NullsAreExcludedAndCounted) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Classification c = classify({0, nan, 10, nan, 5}, ClassMethod::EqualInterval, 2);
    EXPECT_EQ(c.excluded, 2u);
    EXPECT_THAT(c.breaks, ::testing::ElementsAre(0, 5, 10));
    EXPECT_FALSE(class_of(nan, c.breaks));
}

TEST(Classify, QuantileSplitsByRank) {
    const Classification c = classify({1, 2, 3, 4, 5, 6, 7, 8}, ClassMethod::Quantile, 4);
    EXPECT_THAT(c.breaks, ::testing::ElementsAre(1, 3, 5, 7, 8));
}

TEST(Classify, ManualBreaksAndClosedOpenClasses) {
    const std::vector<double> plan{-65, -20, -10, 0, 10, 20, 65};
    const Classification c = classify({}, ClassMethod::Manual, 0, plan);
    EXPECT_EQ(c.breaks, plan);
    EXPECT_EQ(class_of(-10, plan), 2u);  // a bound belongs to the class above it
    EXPECT_EQ(class_of(0, plan), 3u);
    EXPECT_EQ(class_of(65, plan), 5u);  // the top bound closes the last class
    EXPECT_FALSE(class_of(70, plan));
    EXPECT_THROW(classify({}, ClassMethod::Manual, 0, {3, 1}), Error);
}

}  // namespace
}  // namespace atlante
