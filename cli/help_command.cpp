#include "cli/help_command.hpp"

#include "layers/error.hpp"
#include "pipeline/options/nearest_name.hpp"
#include "pipeline/project.hpp"
#include "pipeline/step_registry.hpp"

namespace atlante {
namespace {

std::string subcommand(const StepKind& kind) {
    std::string name = kind.name;
    for (char& c : name)
        if (c == '_') c = '-';
    return name;
}

std::string type_text(const OptionSpec& spec) {
    return type_name(spec.type) + (spec.unit.empty() ? "" : " (" + spec.unit + ")");
}

// A JSON value as a planner reads it: 1500, not 1500.0; texts without quotes.
std::string plain(const nlohmann::ordered_json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return shortest_text(v.get<double>());
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) out += (out.empty() ? "" : ", ") + plain(item);
        return out;
    }
    if (v.is_object()) {
        std::string out;
        for (const auto& [k, item] : v.items())
            out += (out.empty() ? "" : ", ") + k + " = " + plain(item);
        return out;
    }
    return v.dump();
}

std::string default_text(const BoundOption& o) {
    return o.spec.required ? "required" : plain(o.fallback);
}

// The flag, or what stands for the key on the command line.
std::string flag_of(const OptionSpec& spec) {
    if (spec.in_cli) return cli_flag(spec.key);
    std::string out;
    for (const std::string& a : spec.aliases) out += (out.empty() ? "" : ", ") + a;
    return out;
}

std::string allowed_text(const OptionSpec& spec) {
    std::string out = spec.range.bounded() ? spec.range.text() : "";
    if (!spec.choices.empty()) {
        std::string list;
        for (const std::string& c : spec.choices)
            list += (list.empty() ? "" : ", ") + (c.empty() ? "\"\"" : c);
        out += (out.empty() ? "" : "; ") + list;
    }
    if (spec.increasing) out += (out.empty() ? "" : "; ") + std::string("increasing");
    if (spec.type == OptionType::Source)
        out += (out.empty() ? "" : "; ") +
               std::string(spec.catalog_layer.empty() ? ""
                                                      : "catalog = catalog:" + spec.catalog_layer);
    return out;
}

std::string markdown_cell(std::string text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

std::string code(const std::string& text) { return text.empty() ? "" : "`" + text + "`"; }

// `flags`: the options have flags of their own (not the elements of an array of tables).
void text_rows(OptionSet& options, const std::string& indent, std::string& out, bool flags = true) {
    for (BoundOption& o : options.entries()) {
        std::string line = indent;
        if (flags) {
            line += flag_of(o.spec).empty() ? "(project file only)" : flag_of(o.spec);
            if (o.spec.in_cli)
                for (const std::string& a : o.spec.aliases) line += ", " + a;
            line += "  ";
        }
        line += "[" + o.spec.key + "]  " + type_text(o.spec);
        if (const std::string d = default_text(o); !d.empty()) line += "; default " + d;
        if (const std::string a = allowed_text(o.spec); !a.empty()) line += "; " + a;
        out += line + "\n" + indent + "    " + o.spec.help + "\n";
        if (o.spec.type == OptionType::Source && flags) {
            std::string also, keys;
            for (const SourceReadKey& k : source_read_keys()) {
                also += (also.empty() ? "" : ", ") + cli_flag(o.spec.key + "." + k.key);
                keys += ", " + k.key + " = …";
            }
            out += indent + "    reading it: " + also + " (in the project file: " + o.spec.key +
                   " = { path = …" + keys + " })\n";
        }
        if (o.spec.type == OptionType::Tables)
            o.tables.schema([&](OptionSet& element) {
                out += indent + "    each table:\n";
                text_rows(element, indent + "      ", out, false);
            });
    }
}

// `flags`: the options have flags of their own (not the elements of an array of tables).
void markdown_rows(OptionSet& options, bool flags, std::string& out) {
    for (BoundOption& o : options.entries()) {
        if (o.spec.type == OptionType::Tables) continue;
        out += "| " + code(o.spec.key) + " | " + (flags ? code(flag_of(o.spec)) : "") + " | " +
               markdown_cell(type_text(o.spec)) + " | " + markdown_cell(default_text(o)) + " | " +
               markdown_cell(allowed_text(o.spec)) + " | " + markdown_cell(o.spec.help) + " |\n";
    }
}

const char* kHeader =
    "| key | flag | type | default | allowed | what |\n|---|---|---|---|---|---|\n";

}  // namespace

std::string steps_overview() {
    std::string out = "atlante's steps (each a table of a project file and a subcommand):\n";
    for (const StepKind* kind : step_kinds())
        out += "  " + kind->name + (kind->repeated ? " ([[" + kind->name + "]])" : "") + ": " +
               kind->description + "\n";
    out += "atlante help STEP lists a step's options.\n";
    return out;
}

std::string step_help(const std::string& name) {
    const StepKind* kind = step_kind(name);
    if (!kind) {
        std::vector<std::string> names{"project"};
        for (const StepKind* k : step_kinds()) names.push_back(k->name);
        if (name != "project")
            throw UsageError("help: no step '" + name + "'" + did_you_mean(name, names));
        ProjectOptions project;
        OptionSet options;
        project.declare(options);
        std::string out = "[project]: the project file's own table\n";
        text_rows(options, "  ", out);
        return out;
    }
    const std::string usage =
        kind->needs_project
            ? "atlante " + subcommand(*kind) + " PROJECT" +
                  (kind->repeated ? " --" + kind->name + " NAME" : "") + " [--out DIR] [flags]"
            : "atlante " + subcommand(*kind) + " --out " +
                  (kind->name == "demo_brownfields" ? "FILE" : "DIR") + " [flags]";
    std::string out = kind->name + ": " + kind->description + "\n" + "  project file: " +
                      (kind->repeated ? "[[" + kind->name + "]]" : "[" + kind->name + "]") +
                      "\n  command line: " + usage + "\n\noptions:\n";
    std::unique_ptr<Step> step = kind->make();
    OptionSet options;
    step->declare(options);
    text_rows(options, "  ", out);
    const std::vector<StepOutputDecl> outputs = step->outputs();
    if (!outputs.empty()) {
        out += "\noutputs other steps read:\n";
        for (const StepOutputDecl& o : outputs)
            out += "  " + kind->name + ":" + o.name + "  " + o.description + "\n";
    }
    return out;
}

std::string options_markdown() {
    std::string out =
        "<!-- Generated by `atlante help --markdown` (scripts/readme_options.py): do not edit. "
        "-->\n";
    {
        ProjectOptions project;
        OptionSet options;
        project.declare(options);
        out += "\n#### `[project]`\n\n" + std::string(kHeader);
        markdown_rows(options, true, out);
    }
    for (const StepKind* kind : step_kinds()) {
        std::unique_ptr<Step> step = kind->make();
        OptionSet options;
        step->declare(options);
        out += "\n#### `" + (kind->repeated ? "[[" + kind->name + "]]" : "[" + kind->name + "]") +
               "`: " + kind->description + " (`atlante " + subcommand(*kind) + "`)\n\n" + kHeader;
        markdown_rows(options, true, out);
        for (BoundOption& o : options.entries())
            if (o.spec.type == OptionType::Tables)
                o.tables.schema([&](OptionSet& element) {
                    out += "\nEach `[[" + kind->name + "." + o.spec.key +
                           "]]` (on the command line `" + cli_flag(o.spec.key) +
                           " '{ key = value, … }'`, repeated):\n\n" + kHeader;
                    markdown_rows(element, false, out);
                });
        const std::vector<StepOutputDecl> outputs = step->outputs();
        if (!outputs.empty()) {
            out += "\nOutputs other steps read: ";
            for (std::size_t i = 0; i < outputs.size(); ++i)
                out += (i ? ", " : "") + code(kind->name + ":" + outputs[i].name);
            out += ".\n";
        }
    }
    return out;
}

}  // namespace atlante
