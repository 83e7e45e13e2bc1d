#include "pipeline/step.hpp"

namespace atlante {
namespace {

void collect_sources(OptionSet& set, const std::string& prefix, std::vector<SourceUse>& out) {
    for (BoundOption& o : set.entries()) {
        if (o.spec.type == OptionType::Source) {
            out.push_back({prefix + o.spec.key, std::get<SourceRef>(o.load())});
        } else if (o.spec.type == OptionType::Tables) {
            for (std::size_t i = 0; i < o.tables.size(); ++i)
                o.tables.element(i, [&](OptionSet& element) {
                    collect_sources(element, prefix + o.spec.key + "[" + std::to_string(i) + "].",
                                    out);
                });
        }
    }
}

}  // namespace

std::string step_text(const StepResult& result) {
    std::string out = result.summary;
    for (const std::string& w : result.warnings) out += "  note: " + w + "\n";
    return out;
}

OptionSet options_of(const Step& step) {
    OptionSet set;
    const_cast<Step&>(step).declare(set);
    return set;
}

std::vector<SourceUse> Step::more_sources(const Project&) const { return {}; }

std::vector<SourceUse> Step::sources(const Project& project) const {
    std::vector<SourceUse> out;
    OptionSet set = options_of(*this);
    collect_sources(set, "", out);
    for (SourceUse& use : more_sources(project)) out.push_back(std::move(use));
    return out;
}

nlohmann::ordered_json Step::options_json() const { return options_of(*this).json(); }

std::string Step::label() const {
    return kind().repeated ? kind().name + " " + name() : kind().name;
}

}  // namespace atlante
