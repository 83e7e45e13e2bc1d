#include "pipeline/options/option_set.hpp"

namespace atlante {
namespace {

template <class T>
BoundOption bound(const std::string& key, OptionType type, std::string help, T& target) {
    BoundOption o;
    o.spec.key = key;
    o.spec.type = type;
    o.spec.help = std::move(help);
    o.store = [&target](const OptionValue& v) { target = std::get<T>(v); };
    o.load = [&target]() -> OptionValue { return target; };
    return o;
}

// Sets `value` at the dotted `key` of `object`, making the sub-objects on the way.
void set_at(nlohmann::ordered_json& object, const std::string& key, nlohmann::ordered_json value) {
    nlohmann::ordered_json* at = &object;
    std::size_t start = 0;
    for (std::size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
        at = &(*at)[key.substr(start, dot - start)];
        start = dot + 1;
    }
    (*at)[key.substr(start)] = std::move(value);
}

}  // namespace

OptionSpec& OptionSet::add(BoundOption option) {
    if (option.spec.type != OptionType::Tables) option.fallback = value_json(option.load());
    entries_.push_back(std::move(option));
    return entries_.back().spec;
}

OptionSpec& OptionSet::number(const std::string& key, double& target, std::string help) {
    return add(bound(key, OptionType::Number, std::move(help), target));
}

OptionSpec& OptionSet::text(const std::string& key, std::string& target, std::string help) {
    return add(bound(key, OptionType::Text, std::move(help), target));
}

OptionSpec& OptionSet::boolean(const std::string& key, bool& target, std::string help) {
    return add(bound(key, OptionType::Boolean, std::move(help), target));
}

OptionSpec& OptionSet::choice(const std::string& key, std::string& target,
                              std::vector<std::string> choices, std::string help) {
    OptionSpec& spec = add(bound(key, OptionType::Choice, std::move(help), target));
    spec.choices = std::move(choices);
    return spec;
}

OptionSpec& OptionSet::numbers(const std::string& key, std::vector<double>& target,
                               std::string help) {
    return add(bound(key, OptionType::NumberList, std::move(help), target));
}

OptionSpec& OptionSet::texts(const std::string& key, std::vector<std::string>& target,
                             std::string help) {
    return add(bound(key, OptionType::TextList, std::move(help), target));
}

OptionSpec& OptionSet::number_table(const std::string& key, std::map<std::string, double>& target,
                                    std::string help) {
    return add(bound(key, OptionType::NumberTable, std::move(help), target));
}

OptionSpec& OptionSet::source(const std::string& key, SourceRef& target, std::string help) {
    return add(bound(key, OptionType::Source, std::move(help), target));
}

OptionSpec& OptionSet::color(const std::string& key, std::optional<Color>& target,
                             std::string help) {
    BoundOption o;
    o.spec.key = key;
    o.spec.type = OptionType::Color;
    o.spec.help = std::move(help);
    o.store = [&target](const OptionValue& v) {
        const Color c = parse_color(std::get<std::string>(v));
        target = c.a > 0 ? std::optional<Color>(c) : std::nullopt;
    };
    o.load = [&target]() -> OptionValue {
        return target ? format_color(*target) : std::string("none");
    };
    return add(std::move(o));
}

OptionSpec& OptionSet::colors(const std::string& key, std::vector<Color>& target,
                              std::string help) {
    BoundOption o;
    o.spec.key = key;
    o.spec.type = OptionType::ColorList;
    o.spec.help = std::move(help);
    o.store = [&target](const OptionValue& v) {
        target.clear();
        for (const std::string& c : std::get<std::vector<std::string>>(v))
            target.push_back(parse_color(c));
    };
    o.load = [&target]() -> OptionValue {
        std::vector<std::string> texts;
        for (const Color& c : target) texts.push_back(format_color(c));
        return texts;
    };
    return add(std::move(o));
}

BoundOption* OptionSet::find(const std::string& key) {
    for (BoundOption& o : entries_)
        if (o.spec.key == key) return &o;
    return nullptr;
}

std::vector<std::string> OptionSet::keys() const {
    std::vector<std::string> out;
    for (const BoundOption& o : entries_) out.push_back(o.spec.key);
    return out;
}

nlohmann::ordered_json OptionSet::json() {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (BoundOption& o : entries_) {
        if (o.spec.type != OptionType::Tables) {
            set_at(out, o.spec.key, value_json(o.load()));
            continue;
        }
        nlohmann::ordered_json elements = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < o.tables.size(); ++i)
            o.tables.element(i, [&](OptionSet& set) { elements.push_back(set.json()); });
        set_at(out, o.spec.key, std::move(elements));
    }
    return out;
}

}  // namespace atlante
