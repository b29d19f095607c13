#include "core/overlapreport.h"

#include "core/diagnostic.h"

#include <charconv>
#include <cmath>
#include <span>
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

template<typename Parts>
std::string joined(const Parts &parts, std::string_view separator)
{
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += separator;
        out += parts[i];
    }
    return out;
}

std::string percent(double fraction)
{
    return std::to_string(static_cast<int>(std::lround(fraction * 100))) + "%";
}

// The overlaps are in score order, so the role ids, duty texts and matched words a listing reads
// lie anywhere in a large process: at 100,000 roles, writing waited on memory most of the time.
// Read for a batch of rows at once, in a loop that does nothing else, the reads of many rows are
// in flight together instead of one after another between the formatting.
class OverlapRows
{
public:
    struct Duty
    {
        const Role *role;
        int index;
        std::string_view text;
    };
    struct Row
    {
        const DutyOverlap *overlap;
        Duty a;
        Duty b;
        std::span<const std::string_view> terms;
    };

    OverlapRows(const Model &model, const std::vector<DutyOverlap> &overlaps)
        : m_model(model)
        , m_overlaps(overlaps)
    {
    }

    size_t size() const { return m_overlaps.size(); }

    // Row ROW; rows are meant to be read in order.
    const Row &operator[](size_t row)
    {
        if (row < m_first || row >= m_first + m_rows.size())
            read(row);
        return m_rows[row - m_first];
    }

private:
    void read(size_t first)
    {
        constexpr size_t BatchRows = 256;
        m_first = first;
        m_rows.clear();
        m_terms.clear();
        const size_t end = std::min(m_overlaps.size(), first + BatchRows);
        // Room for every term of the batch first, so the rows' spans into it stay valid.
        size_t termCount = 0;
        for (size_t r = first; r < end; ++r)
            termCount += m_overlaps[r].terms.size();
        m_terms.reserve(termCount);
        for (size_t r = first; r < end; ++r) {
            const DutyOverlap &o = m_overlaps[r];
            auto duty = [&](const DutyRef &ref) {
                return Duty{&m_model.role(ref.role), ref.index, dutyOf(m_model, ref).text};
            };
            const size_t termsBegin = m_terms.size();
            m_terms.insert(m_terms.end(), o.terms.begin(), o.terms.end());
            m_rows.push_back({&o, duty(o.a), duty(o.b),
                              std::span<const std::string_view>(m_terms).subspan(termsBegin)});
        }
    }

    const Model &m_model;
    const std::vector<DutyOverlap> &m_overlaps;
    std::vector<Row> m_rows;
    std::vector<std::string_view> m_terms;
    size_t m_first = 0;
};

std::string jsonDuty(const OverlapRows::Duty &duty)
{
    return "{\"role\": " + jsonQuote(duty.role->id) + ", \"index\": " + std::to_string(duty.index)
           + ", \"text\": " + jsonQuote(duty.text) + "}";
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
    OverlapRows rows(model, result.overlaps);
    for (size_t i = 0; i < rows.size(); ++i) {
        const OverlapRows::Row &row = rows[i];
        const DutyOverlap &o = *row.overlap;
        out << '\n' << formatScore(o.score) << "  " << matchReasonName(o.reason) << "\n";
        for (const OverlapRows::Duty &duty : {row.a, row.b})
            out << "  " << duty.role->title << " #" << duty.index + 1 << ": " << duty.text << "\n";
        if (!row.terms.empty())
            out << "  " << (o.kind == OverlapKind::Tag ? "tag: " : "matched: ")
                << joined(row.terms, ", ") << "\n";
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
    OverlapRows rows(model, result.overlaps);
    for (size_t i = 0; i < rows.size(); ++i) {
        const OverlapRows::Row &row = rows[i];
        const DutyOverlap &o = *row.overlap;
        out << formatScore(o.score) << ',' << overlapKindName(o.kind) << ','
            << matchReasonName(o.reason);
        for (const OverlapRows::Duty &duty : {row.a, row.b})
            out << ',' << csvField(duty.role->id) << ',' << duty.index << ',' << csvField(duty.text);
        out << ',' << csvField(joined(row.terms, "; ")) << "\r\n";
    }
}

void writeOverlapsJson(std::ostream &out, const Model &model, const OverlapResult &result)
{
    out << "{\"threshold\": " << formatScore(result.threshold) << ",\n \"overlaps\": [";
    bool first = true;
    OverlapRows rows(model, result.overlaps);
    for (size_t i = 0; i < rows.size(); ++i) {
        const OverlapRows::Row &row = rows[i];
        const DutyOverlap &o = *row.overlap;
        out << (first ? "\n  " : ",\n  ");
        first = false;
        out << "{\"score\": " << formatScore(o.score)
            << ", \"kind\": " << jsonQuote(overlapKindName(o.kind))
            << ",\n   \"a\": " << jsonDuty(row.a) << ",\n   \"b\": " << jsonDuty(row.b)
            << ",\n   \"terms\": [";
        for (size_t t = 0; t < row.terms.size(); ++t)
            out << (t > 0 ? ", " : "") << jsonQuote(row.terms[t]);
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
