// Class breaks for graduated (choropleth) maps: equal interval, quantile, Fisher-Jenks natural
// breaks (exact, optimal: Fisher 1958, "On grouping for maximum homogeneity"; Jenks 1977) and
// manual breaks. Breaks are k + 1 ascending bounds; class i holds values in [b_i, b_{i+1}),
// the last class also holds its upper bound (closed-open, documented for the plan's ranges).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace atlante {

enum class ClassMethod { EqualInterval, Quantile, FisherJenks, Manual };

std::optional<ClassMethod> class_method_from_string(
    const std::string& name);  // equal, quantile, jenks, manual

struct Classification {
    std::vector<double> breaks;  // k + 1 bounds (fewer classes than asked when values are few)
    std::size_t excluded = 0;    // NaN (null) values left out
};

// `values` may hold NaN (nulls): they are excluded and counted. `classes` >= 1. For Manual,
// `manual_breaks` are used as given (ascending, at least 2).
Classification classify(std::vector<double> values, ClassMethod method, std::size_t classes,
                        const std::vector<double>& manual_breaks = {});

// The class of a value under `breaks` (closed-open, last class closed); nullopt outside or NaN.
std::optional<std::size_t> class_of(double value, const std::vector<double>& breaks);

// Exact Fisher-Jenks breaks of sorted values into k classes (k <= distinct values).
std::vector<double> fisher_jenks_breaks(const std::vector<double>& sorted, std::size_t k);

}  // namespace atlante
