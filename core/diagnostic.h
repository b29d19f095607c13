#pragma once

#include "core/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace rolescope {

enum class Severity { Warning, Error };

// One problem found in a model file. `code` is stable (tests, scripts and the JSON output
// rely on it); `message` is for people.
struct Diagnostic
{
    Severity severity = Severity::Error;
    std::string code;
    std::string message;
    SourcePos pos;
    std::string roleId; // the role the problem belongs to, when there is one

    bool isError() const { return severity == Severity::Error; }
};

bool hasErrors(const std::vector<Diagnostic> &diagnostics);
int countErrors(const std::vector<Diagnostic> &diagnostics);
int countWarnings(const std::vector<Diagnostic> &diagnostics);

// "FILE:LINE:COLUMN: error: message [code]", the form compilers and editors understand.
std::string formatDiagnostic(std::string_view fileName, const Diagnostic &diagnostic);
// "2 errors, 1 warning" / "no problems".
std::string summarizeDiagnostics(const std::vector<Diagnostic> &diagnostics);
// {"file": ..., "errors": N, "warnings": N, "diagnostics": [{...}]}
std::string diagnosticsToJson(std::string_view fileName, const std::vector<Diagnostic> &diagnostics);

// JSON string literal with quotes, escaping per RFC 8259.
std::string jsonQuote(std::string_view text);
// The same, appended to OUT.
void appendJsonQuoted(std::string &out, std::string_view text);

} // namespace rolescope
