#include "tests/bench/orgwriter.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <ostream>
#include <string_view>

namespace rolescope::bench {

namespace {

// Plain when YAML reads it back as the same string in both block and flow context, else
// double-quoted.
std::string yamlScalar(std::string_view s, bool flow = false)
{
    bool plain = !s.empty() && s.front() != ' ' && s.back() != ' '
                 && std::string_view("-?:,[]{}#&*!|>'\"%@`~").find(s.front())
                        == std::string_view::npos;
    for (char c : s) {
        if (c == ':' || c == '#' || c == '"' || c == '\\' || c == '\n' || c == '\t'
            || (flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}'))) {
            plain = false;
            break;
        }
    }
    if (plain)
        return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else
            out += c;
    }
    return out + '"';
}

void writeFlowList(std::ostream &out, const std::vector<std::string> &items)
{
    out << '[';
    for (size_t i = 0; i < items.size(); ++i)
        out << (i ? ", " : "") << yamlScalar(items[i], true);
    out << ']';
}

std::string quoted(std::string_view s, bool json)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            // DOT has no escapes for control characters; a space keeps the label readable.
            char buf[8] = " ";
            if (json)
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string csvField(std::string_view s)
{
    if (s.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

} // namespace

void writeYaml(const Model &model, std::ostream &out)
{
    out << "format: rolescope/1\n"
        << "organization:\n"
        << "  name: " << yamlScalar(model.organization.name) << '\n';
    if (!model.organization.description.empty())
        out << "  description: " << yamlScalar(model.organization.description) << '\n';
    if (!model.departments.empty()) {
        out << "departments:\n";
        for (const Department &d : model.departments) {
            out << "  - id: " << yamlScalar(d.id) << '\n';
            if (!d.name.empty())
                out << "    name: " << yamlScalar(d.name) << '\n';
            if (!d.color.empty())
                out << "    color: " << yamlScalar(d.color) << '\n';
        }
    }
    out << "roles:\n";
    for (const Role &role : model.roles) {
        out << "  - id: " << yamlScalar(role.id) << '\n'
            << "    title: " << yamlScalar(role.title) << '\n';
        if (!role.reportsTo.empty())
            out << "    reports_to: " << yamlScalar(role.reportsTo) << '\n';
        if (!role.alsoReportsTo.empty()) {
            out << "    also_reports_to: ";
            writeFlowList(out, role.alsoReportsTo);
            out << '\n';
        }
        if (!role.department.empty())
            out << "    department: " << yamlScalar(role.department) << '\n';
        if (!role.holders.empty()) {
            out << "    holders: ";
            writeFlowList(out, role.holders);
            out << '\n';
        }
        if (!role.summary.empty())
            out << "    summary: " << yamlScalar(role.summary) << '\n';
        if (role.responsibilities.empty())
            continue;
        out << "    responsibilities:\n";
        for (const Responsibility &duty : role.responsibilities) {
            if (duty.tags.empty()) {
                out << "      - " << yamlScalar(duty.text) << '\n';
            } else {
                out << "      - text: " << yamlScalar(duty.text) << '\n' << "        tags: ";
                writeFlowList(out, duty.tags);
                out << '\n';
            }
        }
    }
}

void writeDot(const Model &model, std::ostream &out)
{
    out << "digraph org {\n  node [shape=box];\n";
    for (const Role &role : model.roles)
        out << "  " << quoted(role.id, false) << " [label=" << quoted(role.title, false) << "];\n";
    for (const Role &role : model.roles) {
        if (!role.reportsTo.empty())
            out << "  " << quoted(role.reportsTo, false) << " -> " << quoted(role.id, false)
                << ";\n";
    }
    out << "}\n";
}

void writeCsv(const Model &model, std::ostream &out)
{
    out << "id,parentId,title\n";
    for (const Role &role : model.roles)
        out << csvField(role.id) << ',' << csvField(role.reportsTo) << ','
            << csvField(role.title) << '\n';
}

void writeJson(const Model &model, std::ostream &out)
{
    out << "[\n";
    for (size_t i = 0; i < model.roles.size(); ++i) {
        const Role &role = model.roles[i];
        out << "{\"id\":" << quoted(role.id, true) << ",\"parentId\":"
            << (role.reportsTo.empty() ? std::string("null") : quoted(role.reportsTo, true))
            << ",\"title\":" << quoted(role.title, true) << '}'
            << (i + 1 < model.roles.size() ? ",\n" : "\n");
    }
    out << "]\n";
}

bool writeModelFile(const Model &model, const std::string &path,
                    void (*writer)(const Model &, std::ostream &))
{
    if (path == "-") {
        writer(model, std::cout);
        std::cout.flush();
        return bool(std::cout);
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        return false;
    writer(model, out);
    out.close();
    return bool(out);
}

} // namespace rolescope::bench
