#include "core/diagnostic.h"

#include <algorithm>
#include <cstdio>

namespace rolescope {

bool hasErrors(const std::vector<Diagnostic> &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.isError(); });
}

int countErrors(const std::vector<Diagnostic> &diagnostics)
{
    return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                          [](const Diagnostic &d) { return d.isError(); }));
}

int countWarnings(const std::vector<Diagnostic> &diagnostics)
{
    return static_cast<int>(diagnostics.size()) - countErrors(diagnostics);
}

static const char *severityName(Severity severity)
{
    return severity == Severity::Error ? "error" : "warning";
}

std::string formatDiagnostic(std::string_view fileName, const Diagnostic &diagnostic)
{
    std::string line(fileName);
    line += ':';
    // Editors and compilers use 1:1 for "somewhere in this file" too.
    line += std::to_string(diagnostic.pos.isValid() ? diagnostic.pos.line : 1);
    line += ':';
    line += std::to_string(diagnostic.pos.isValid() ? diagnostic.pos.column : 1);
    line += ": ";
    line += severityName(diagnostic.severity);
    line += ": ";
    line += diagnostic.message;
    line += " [";
    line += diagnostic.code;
    line += ']';
    return line;
}

static std::string plural(int count, const char *word)
{
    return std::to_string(count) + ' ' + word + (count == 1 ? "" : "s");
}

std::string summarizeDiagnostics(const std::vector<Diagnostic> &diagnostics)
{
    const int errors = countErrors(diagnostics);
    const int warnings = countWarnings(diagnostics);
    if (errors == 0 && warnings == 0)
        return "no problems";
    return plural(errors, "error") + ", " + plural(warnings, "warning");
}

void appendJsonQuoted(std::string &out, std::string_view text)
{
    out += '"';
    // Runs of characters that need no escape are appended whole.
    size_t plain = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20)
            continue;
        out.append(text.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
            out += escaped;
        }
        }
    }
    out.append(text.substr(plain));
    out += '"';
}

std::string jsonQuote(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    appendJsonQuoted(out, text);
    return out;
}

std::string diagnosticsToJson(std::string_view fileName, const std::vector<Diagnostic> &diagnostics)
{
    std::string json = "{\"file\": " + jsonQuote(fileName);
    json += ", \"errors\": " + std::to_string(countErrors(diagnostics));
    json += ", \"warnings\": " + std::to_string(countWarnings(diagnostics));
    json += ", \"diagnostics\": [";
    bool first = true;
    for (const Diagnostic &d : diagnostics) {
        json += first ? "\n  " : ",\n  ";
        first = false;
        json += "{\"severity\": ";
        json += jsonQuote(severityName(d.severity));
        json += ", \"code\": " + jsonQuote(d.code);
        json += ", \"message\": " + jsonQuote(d.message);
        json += ", \"line\": " + std::to_string(d.pos.line);
        json += ", \"column\": " + std::to_string(d.pos.column);
        if (!d.roleId.empty())
            json += ", \"role\": " + jsonQuote(d.roleId);
        json += '}';
    }
    json += first ? "]}\n" : "\n]}\n";
    return json;
}

} // namespace rolescope
