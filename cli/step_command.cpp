#include "cli/step_command.hpp"

#include "layers/error.hpp"
#include "pipeline/options/toml_options.hpp"

namespace atlante {
namespace {

std::string subcommand_name(const std::string& step) {
    std::string name = step;
    for (char& c : name)
        if (c == '_') c = '-';
    return name;
}

// "--radius-m NUMBER (m)  TOR radius [1 to 100000; default 1500]"
std::string flag_help(const BoundOption& o) {
    std::string text = o.spec.help;
    std::string details;
    if (o.spec.range.bounded() && o.spec.type != OptionType::Boolean)
        details += o.spec.range.text() + (o.spec.unit.empty() ? "" : " " + o.spec.unit);
    if (!o.spec.choices.empty()) {
        std::string list;
        for (const std::string& c : o.spec.choices)
            list += (list.empty() ? "" : ", ") + (c.empty() ? "''" : c);
        details += (details.empty() ? "" : "; ") + list;
    }
    const bool has_default = !(o.fallback.is_string() && o.fallback.get<std::string>().empty()) &&
                             !(o.fallback.is_array() && o.fallback.empty()) &&
                             !(o.fallback.is_object() && o.fallback.empty());
    if (has_default)
        details += (details.empty() ? "" : "; ") + std::string("default ") + o.fallback.dump();
    return details.empty() ? text : text + " [" + details + "]";
}

std::string type_label(const OptionSpec& spec) {
    switch (spec.type) {
        case OptionType::Number:
            return spec.unit.empty() ? "NUMBER" : "NUMBER(" + spec.unit + ")";
        case OptionType::Integer:
            return "INTEGER";
        case OptionType::Boolean:
            return "";
        case OptionType::Choice:
            return "WORD";
        case OptionType::NumberList:
            return "N,N,…";
        case OptionType::TextList:
            return "TEXT (repeat the flag)";
        case OptionType::NumberTable:
            return "NAME=N,…";
        case OptionType::Source:
            return "SOURCE";
        case OptionType::Color:
            return "COLOUR";
        case OptionType::ColorList:
            return "COLOUR,…";
        case OptionType::Tables:
            return "'{ key = value, … }' (repeat the flag)";
        case OptionType::Text:
            return "TEXT";
    }
    return "VALUE";
}

bool is_list(OptionType type) {
    return type == OptionType::NumberList || type == OptionType::TextList ||
           type == OptionType::NumberTable || type == OptionType::ColorList ||
           type == OptionType::Tables;
}

}  // namespace

StepCommand::StepCommand(CLI::App& app, const StepKind& kind, bool standalone) : kind_(kind) {
    command_ = app.add_subcommand(subcommand_name(kind.name), kind.description);
    std::unique_ptr<Step> schema = kind.make();
    OptionSet options;
    schema->declare(options);
    add_flags(options, standalone);
}

void StepCommand::add_flags(OptionSet& options, bool standalone) {
    for (const BoundOption& o : options.entries()) {
        if (!o.spec.in_cli) continue;
        std::string names = cli_flag(o.spec.key);
        for (const std::string& alias : o.spec.aliases) names += "," + alias;
        std::vector<std::string>& values = given_[o.spec.key];
        CLI::Option* flag = nullptr;
        if (o.spec.type == OptionType::Boolean) {
            // --include-metro, or --include-metro=false
            flag = command_->add_flag(names, values, flag_help(o));
        } else {
            flag = command_->add_option(names, values, flag_help(o))
                       ->expected(1)
                       ->allow_extra_args(false)
                       ->type_name(type_label(o.spec));
            if (is_list(o.spec.type)) flag->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        }
        if (standalone && o.spec.required) flag->required();
        if (o.spec.type != OptionType::Source) continue;
        for (const SourceReadKey& k : source_read_keys())
            command_
                ->add_option(cli_flag(o.spec.key + "." + k.key), given_[o.spec.key + "." + k.key],
                             "reading " + cli_flag(o.spec.key) + ": " + k.help)
                ->expected(1)
                ->allow_extra_args(false)
                ->type_name("TEXT");
    }
}

void StepCommand::apply(Step& step) const {
    OptionSet options;
    step.declare(options);
    // A step of the command line alone: errors name the flag (a project's keeps its file).
    if (step.origin.file.empty()) step.origin = OptionOrigin{};
    for (BoundOption& o : options.entries()) {
        const auto it = given_.find(o.spec.key);
        const bool given = it != given_.end() && !it->second.empty();
        const std::string flag = cli_flag(o.spec.key);
        try {
            if (given && o.spec.type == OptionType::Tables) {
                o.tables.clear();
                for (const std::string& text : it->second)
                    o.tables.append(
                        [&](OptionSet& element) { read_inline_table(element, text, flag); });
            } else if (given) {
                o.store(value_from_text(o.spec, it->second));
            }
            if (o.spec.type != OptionType::Source) continue;
            SourceRef source = std::get<SourceRef>(o.load());
            for (const SourceReadKey& k : source_read_keys()) {
                const auto sub = given_.find(o.spec.key + "." + k.key);
                if (sub != given_.end() && !sub->second.empty())
                    source.reading(k.key) = sub->second.front();
            }
            check_reading(source);
            o.store(source);
        } catch (const OptionValueError& e) {
            throw UsageError(flag + ": " + e.what());
        }
        if (given) step.origin.given.insert(o.spec.key);
    }
    step.finish_options();
}

}  // namespace atlante
