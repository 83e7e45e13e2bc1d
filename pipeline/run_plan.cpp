#include "pipeline/run_plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "layers/error.hpp"

namespace atlante {
namespace {

std::vector<const Step*> direct_needs(const Project& project, const Step& step) {
    std::vector<const Step*> out;
    for (const SourceUse& use : step.sources(project))
        for (const Step* maker : project.producers(use.source))
            if (maker != &step && std::find(out.begin(), out.end(), maker) == out.end())
                out.push_back(maker);
    return out;
}

const Step* wanted_step(const Project& project, const std::string& kind, const std::string& name) {
    if (const Step* step = project.find(kind, name)) return step;
    std::string names;
    for (const Step* s : project.of_kind(kind)) names += (names.empty() ? "" : ", ") + s->name();
    throw Error(ErrorContext{project.file, {}, {}, {}},
                "no " + kind + " named '" + name + "' (" + kind +
                    "s: " + (names.empty() ? "none" : names) + ")");
}

}  // namespace

RunPlan plan_run(const Project& project, const std::string& only_kind,
                 const std::string& only_name) {
    std::map<const Step*, std::vector<const Step*>> needs;
    for (const auto& step : project.steps) needs[step.get()] = direct_needs(project, *step);

    // What to run: everything, or the one step and, transitively, what it reads.
    std::set<const Step*> wanted;
    if (only_kind.empty()) {
        for (const auto& step : project.steps) wanted.insert(step.get());
    } else {
        std::vector<const Step*> todo{wanted_step(project, only_kind, only_name)};
        while (!todo.empty()) {
            const Step* s = todo.back();
            todo.pop_back();
            if (!wanted.insert(s).second) continue;
            for (const Step* n : needs[s]) todo.push_back(n);
        }
    }

    // Kahn's algorithm, taking ready steps in the project's order.
    RunPlan plan;
    std::map<const Step*, std::size_t> index;
    while (plan.steps.size() < wanted.size()) {
        const Step* next = nullptr;
        for (const auto& step : project.steps) {
            const Step* s = step.get();
            if (!wanted.count(s) || index.count(s)) continue;
            const auto& n = needs[s];
            if (std::all_of(n.begin(), n.end(),
                            [&](const Step* d) { return index.count(d) > 0; })) {
                next = s;
                break;
            }
        }
        if (!next) {
            std::string cycle;
            for (const auto& step : project.steps)
                if (wanted.count(step.get()) && !index.count(step.get()))
                    cycle += (cycle.empty() ? "" : ", ") + step->label();
            throw Error(ErrorContext{project.file, {}, {}, {}},
                        "these steps read each other's outputs in a circle: " + cycle);
        }
        index[next] = plan.steps.size();
        plan.steps.push_back(next);
        std::vector<std::size_t> from;
        for (const Step* d : needs[next]) from.push_back(index.at(d));
        plan.needs.push_back(std::move(from));
    }
    return plan;
}

}  // namespace atlante
