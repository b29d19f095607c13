#include "core/overlapreport.h"

#include "core/diagnostic.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace rolescope {

namespace {

const Responsibility &dutyOf(const Model &model, const DutyRef &ref)
{
    return model.role(ref.role).responsibilities[static_cast<size_t>(ref.index)];
}

std::string csvField(std::string_view text)
{
    const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote)
        return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string joined(const std::vector<std::string> &parts, std::string_view separator)
{
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += separator;
        out += parts[i];
    }
    return out;
}

std::string jsonDuty(const Model &model, const DutyRef &ref)
{
    return "{\"role\": " + jsonQuote(model.role(ref.role).id)
           + ", \"index\": " + std::to_string(ref.index)
           + ", \"text\": " + jsonQuote(dutyOf(model, ref).text) + "}";
}

std::string percent(double fraction)
{
    return std::to_string(static_cast<int>(std::lround(fraction * 100))) + "%";
}

} // namespace

const char *overlapKindName(OverlapKind kind)
{
    return kind == OverlapKind::Tag ? "tag" : "text";
}

const char *matchReasonName(MatchReason reason)
{
    switch (reason) {
    case MatchReason::SameTag: return "same tag";
    case MatchReason::SameText: return "same text";
    case MatchReason::SharedTerms: return "shared terms";
    case MatchReason::Synonym: return "synonym";
    }
    return "";
}

std::string formatScore(double score)
{
    // Not printf: a desktop application runs in the user's locale, where "%.3f" may write
    // "0,500" and break the CSV and JSON.
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, score,
                                            std::chars_format::fixed, 3);
    std::string s(buffer, error == std::errc() ? end : buffer);
    while (s.size() > 1 && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

void writeOverlapsText(std::ostream &out, const Model &model, const OverlapResult &result)
{
    out << result.overlaps.size() << " overlapping dut"
        << (result.overlaps.size() == 1 ? "y pair" : "y pairs") << " (minimum score "
        << formatScore(result.threshold) << ")\n";
    for (const DutyOverlap &o : result.overlaps) {
        out << '\n' << formatScore(o.score) << "  " << matchReasonName(o.reason) << "\n";
        for (const DutyRef &ref : {o.a, o.b}) {
            out << "  " << model.role(ref.role).title << " #" << ref.index + 1 << ": "
                << dutyOf(model, ref).text << "\n";
        }
        if (!o.terms.empty())
            out << "  " << (o.kind == OverlapKind::Tag ? "tag: " : "matched: ")
                << joined(o.terms, ", ") << "\n";
    }
    if (!result.rolePairs.empty()) {
        out << "\nRole pairs\n";
        for (const RolePairOverlap &p : result.rolePairs) {
            const Role &a = model.role(p.a);
            const Role &b = model.role(p.b);
            out << formatScore(p.score) << "  " << a.title << " / " << b.title << ": " << p.shared
                << " shared (" << percent(p.coverageA) << " of " << a.title << "'s duties, "
                << percent(p.coverageB) << " of " << b.title << "'s)\n";
        }
    }
    if (!result.genericDuties.empty()) {
        out << "\nGeneric duties (held by many roles, not listed pair by pair)\n";
        for (const GenericDutyCluster &c : result.genericDuties)
            out << c.roleCount << " roles  " << (c.byTag ? "tag " : "") << c.text << "\n";
    }
}

void writeOverlapsCsv(std::ostream &out, const Model &model, const OverlapResult &result)
{
    out << "score,kind,reason,role_a,index_a,text_a,role_b,index_b,text_b,terms\r\n";
    for (const DutyOverlap &o : result.overlaps) {
        out << formatScore(o.score) << ',' << overlapKindName(o.kind) << ','
            << matchReasonName(o.reason);
        for (const DutyRef &ref : {o.a, o.b}) {
            out << ',' << csvField(model.role(ref.role).id) << ',' << ref.index << ','
                << csvField(dutyOf(model, ref).text);
        }
        out << ',' << csvField(joined(o.terms, "; ")) << "\r\n";
    }
}

void writeOverlapsJson(std::ostream &out, const Model &model, const OverlapResult &result)
{
    out << "{\"threshold\": " << formatScore(result.threshold) << ",\n \"overlaps\": [";
    bool first = true;
    for (const DutyOverlap &o : result.overlaps) {
        out << (first ? "\n  " : ",\n  ");
        first = false;
        out << "{\"score\": " << formatScore(o.score)
            << ", \"kind\": " << jsonQuote(overlapKindName(o.kind))
            << ",\n   \"a\": " << jsonDuty(model, o.a) << ",\n   \"b\": " << jsonDuty(model, o.b)
            << ",\n   \"terms\": [";
        for (size_t i = 0; i < o.terms.size(); ++i)
            out << (i > 0 ? ", " : "") << jsonQuote(o.terms[i]);
        out << "]}";
    }
    out << "],\n \"role_pairs\": [";
    first = true;
    for (const RolePairOverlap &p : result.rolePairs) {
        out << (first ? "\n  " : ",\n  ");
        first = false;
        out << "{\"a\": " << jsonQuote(model.role(p.a).id)
            << ", \"b\": " << jsonQuote(model.role(p.b).id)
            << ", \"score\": " << formatScore(p.score) << ", \"shared\": " << p.shared << "}";
    }
    out << "]";
    if (!result.genericDuties.empty()) {
        out << ",\n \"generic_duties\": [";
        first = true;
        for (const GenericDutyCluster &c : result.genericDuties) {
            out << (first ? "\n  " : ",\n  ");
            first = false;
            out << "{\"text\": " << jsonQuote(c.text) << ", \"tag\": " << (c.byTag ? "true" : "false")
                << ", \"roles\": " << c.roleCount << ", \"duties\": [";
            for (size_t i = 0; i < c.duties.size(); ++i) {
                out << (i > 0 ? ", " : "") << "{\"role\": " << jsonQuote(model.role(c.duties[i].role).id)
                    << ", \"index\": " << c.duties[i].index << "}";
            }
            out << "]}";
        }
        out << "]";
    }
    out << "}\n";
}

std::string overlapsToText(const Model &model, const OverlapResult &result)
{
    std::ostringstream out;
    writeOverlapsText(out, model, result);
    return std::move(out).str();
}

std::string overlapsToCsv(const Model &model, const OverlapResult &result)
{
    std::ostringstream out;
    writeOverlapsCsv(out, model, result);
    return std::move(out).str();
}

std::string overlapsToJson(const Model &model, const OverlapResult &result)
{
    std::ostringstream out;
    writeOverlapsJson(out, model, result);
    return std::move(out).str();
}

} // namespace rolescope
