#include "core/overlapreport.h"

#include "core/diagnostic.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <future>
#include <span>
#include <sstream>

namespace rolescope {

namespace {

const Responsibility &dutyOf(const Model &model, const DutyRef &ref)
{
    return model.role(ref.role).responsibilities[static_cast<size_t>(ref.index)];
}

// Appends TEXT as a CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
void appendCsvField(std::string &out, std::string_view text)
{
    // Not find_first_of, which searches the four characters once per character of the text.
    const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
        return c == ',' || c == '"' || c == '\r' || c == '\n';
    });
    if (plain) {
        out += text;
        return;
    }
    out += '"';
    for (size_t quote; (quote = text.find('"')) != std::string_view::npos;
         text.remove_prefix(quote + 1)) {
        out += text.substr(0, quote + 1);
        out += '"';
    }
    out += text;
    out += '"';
}

template<typename Parts>
void appendJoined(std::string &out, const Parts &parts, std::string_view separator)
{
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += separator;
        out += parts[i];
    }
}

void appendNumber(std::string &out, long long number)
{
    char buffer[24];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
    out.append(buffer, error == std::errc() ? end : buffer);
}

void appendPercent(std::string &out, double fraction)
{
    appendNumber(out, std::lround(fraction * 100));
    out += '%';
}

void appendScore(std::string &out, double score)
{
    // Not printf: a desktop application runs in the user's locale, where "%.3f" may write
    // "0,500" and break the CSV and JSON.
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, score,
                                            std::chars_format::fixed, 3);
    std::string_view s(buffer, error == std::errc() ? static_cast<size_t>(end - buffer) : 0);
    while (s.size() > 1 && s.back() == '0')
        s.remove_suffix(1);
    if (!s.empty() && s.back() == '.')
        s.remove_suffix(1);
    out += s;
}

// A listing is formatted into strings and handed to the stream a block at a time. With a
// stream insertion per field (each a call into the C library's locked buffer, most with a
// temporary string), the 944 MB CSV of 100,000 generated roles took 10-12 s to write.
class ListingWriter
{
public:
    explicit ListingWriter(std::ostream &out)
        : m_out(out)
    {
    }

    // For the few lines around the rows.
    std::string &text() { return m_text; }

    // Rows [0, COUNT), FORMAT(text, first, end) appending rows [first, end) to text. Blocks of
    // rows are formatted on two other threads while this one writes those done, in order: at
    // 100,000 roles a listing runs to gigabytes, and the 944 MB CSV took 3.8-4.1 s to write
    // formatted on this thread, 2.7 s this way.
    template<typename Format>
    void writeRows(size_t count, const Format &format)
    {
        constexpr size_t BlockRows = 8192;
        const size_t blocks = (count + BlockRows - 1) / BlockRows;
        if (blocks <= 1) {
            format(m_text, 0, count);
            return;
        }
        flush();
        std::deque<std::future<std::string>> formatting;
        size_t next = 0;
        auto formatNext = [&] {
            const size_t first = next++ * BlockRows;
            const size_t end = std::min(count, first + BlockRows);
            formatting.push_back(std::async(std::launch::async, [&format, first, end] {
                std::string block;
                format(block, first, end);
                return block;
            }));
        };
        while (next < blocks && formatting.size() < 2)
            formatNext();
        while (!formatting.empty()) {
            const std::string block = formatting.front().get();
            formatting.pop_front();
            if (next < blocks)
                formatNext();
            write(block);
        }
    }

    void flush()
    {
        write(m_text);
        m_text.clear();
    }

private:
    void write(const std::string &block)
    {
        m_out.write(block.data(), static_cast<std::streamsize>(block.size()));
    }

    std::ostream &m_out;
    std::string m_text;
};

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

void appendJsonDuty(std::string &out, const OverlapRows::Duty &duty)
{
    out += "{\"role\": ";
    appendJsonQuoted(out, duty.role->id);
    out += ", \"index\": ";
    appendNumber(out, duty.index);
    out += ", \"text\": ";
    appendJsonQuoted(out, duty.text);
    out += '}';
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
    std::string s;
    appendScore(s, score);
    return s;
}

void writeOverlapsText(std::ostream &out, const Model &model, const OverlapResult &result)
{
    ListingWriter writer(out);
    std::string &head = writer.text();
    appendNumber(head, static_cast<long long>(result.overlaps.size()));
    head += result.overlaps.size() == 1 ? " overlapping duty pair" : " overlapping duty pairs";
    head += " (minimum score ";
    appendScore(head, result.threshold);
    head += ")\n";
    writer.writeRows(result.overlaps.size(), [&](std::string &text, size_t first, size_t end) {
        OverlapRows rows(model, result.overlaps);
        for (size_t i = first; i < end; ++i) {
            const OverlapRows::Row &row = rows[i];
            const DutyOverlap &o = *row.overlap;
            text += '\n';
            appendScore(text, o.score);
            text += "  ";
            text += matchReasonName(o.reason);
            text += '\n';
            for (const OverlapRows::Duty &duty : {row.a, row.b}) {
                text += "  ";
                text += duty.role->title;
                text += " #";
                appendNumber(text, duty.index + 1);
                text += ": ";
                text += duty.text;
                text += '\n';
            }
            if (!row.terms.empty()) {
                text += o.kind == OverlapKind::Tag ? "  tag: " : "  matched: ";
                appendJoined(text, row.terms, ", ");
                text += '\n';
            }
        }
    });
    if (!result.rolePairs.empty()) {
        writer.text() += "\nRole pairs\n";
        writer.writeRows(result.rolePairs.size(), [&](std::string &text, size_t first, size_t end) {
            for (size_t i = first; i < end; ++i) {
                const RolePairOverlap &p = result.rolePairs[i];
                const Role &a = model.role(p.a);
                const Role &b = model.role(p.b);
                appendScore(text, p.score);
                text += "  ";
                text += a.title;
                text += " / ";
                text += b.title;
                text += ": ";
                appendNumber(text, p.shared);
                text += " shared (";
                appendPercent(text, p.coverageA);
                text += " of ";
                text += a.title;
                text += "'s duties, ";
                appendPercent(text, p.coverageB);
                text += " of ";
                text += b.title;
                text += "'s)\n";
            }
        });
    }
    if (!result.genericDuties.empty()) {
        std::string &text = writer.text();
        text += "\nGeneric duties (held by many roles, not listed pair by pair)\n";
        for (const GenericDutyCluster &c : result.genericDuties) {
            appendNumber(text, c.roleCount);
            text += " roles  ";
            text += c.byTag ? "tag " : "";
            text += c.text;
            text += '\n';
        }
    }
    writer.flush();
}

void writeOverlapsCsv(std::ostream &out, const Model &model, const OverlapResult &result)
{
    ListingWriter writer(out);
    writer.text() += "score,kind,reason,role_a,index_a,text_a,role_b,index_b,text_b,terms\r\n";
    writer.writeRows(result.overlaps.size(), [&](std::string &text, size_t first, size_t end) {
        OverlapRows rows(model, result.overlaps);
        std::string terms;
        for (size_t i = first; i < end; ++i) {
            const OverlapRows::Row &row = rows[i];
            const DutyOverlap &o = *row.overlap;
            appendScore(text, o.score);
            text += ',';
            text += overlapKindName(o.kind);
            text += ',';
            text += matchReasonName(o.reason);
            for (const OverlapRows::Duty &duty : {row.a, row.b}) {
                text += ',';
                appendCsvField(text, duty.role->id);
                text += ',';
                appendNumber(text, duty.index);
                text += ',';
                appendCsvField(text, duty.text);
            }
            text += ',';
            terms.clear();
            appendJoined(terms, row.terms, "; ");
            appendCsvField(text, terms);
            text += "\r\n";
        }
    });
    writer.flush();
}

void writeOverlapsJson(std::ostream &out, const Model &model, const OverlapResult &result)
{
    ListingWriter writer(out);
    std::string &head = writer.text();
    head += "{\"threshold\": ";
    appendScore(head, result.threshold);
    head += ",\n \"overlaps\": [";
    writer.writeRows(result.overlaps.size(), [&](std::string &text, size_t first, size_t end) {
        OverlapRows rows(model, result.overlaps);
        for (size_t i = first; i < end; ++i) {
            const OverlapRows::Row &row = rows[i];
            const DutyOverlap &o = *row.overlap;
            text += i == 0 ? "\n  " : ",\n  ";
            text += "{\"score\": ";
            appendScore(text, o.score);
            text += ", \"kind\": ";
            appendJsonQuoted(text, overlapKindName(o.kind));
            text += ",\n   \"a\": ";
            appendJsonDuty(text, row.a);
            text += ",\n   \"b\": ";
            appendJsonDuty(text, row.b);
            text += ",\n   \"terms\": [";
            for (size_t t = 0; t < row.terms.size(); ++t) {
                if (t > 0)
                    text += ", ";
                appendJsonQuoted(text, row.terms[t]);
            }
            text += "]}";
        }
    });
    writer.text() += "],\n \"role_pairs\": [";
    writer.writeRows(result.rolePairs.size(), [&](std::string &text, size_t first, size_t end) {
        for (size_t i = first; i < end; ++i) {
            const RolePairOverlap &p = result.rolePairs[i];
            text += i == 0 ? "\n  " : ",\n  ";
            text += "{\"a\": ";
            appendJsonQuoted(text, model.role(p.a).id);
            text += ", \"b\": ";
            appendJsonQuoted(text, model.role(p.b).id);
            text += ", \"score\": ";
            appendScore(text, p.score);
            text += ", \"shared\": ";
            appendNumber(text, p.shared);
            text += '}';
        }
    });
    std::string &text = writer.text();
    text += ']';
    if (!result.genericDuties.empty()) {
        text += ",\n \"generic_duties\": [";
        bool first = true;
        for (const GenericDutyCluster &c : result.genericDuties) {
            text += first ? "\n  " : ",\n  ";
            first = false;
            text += "{\"text\": ";
            appendJsonQuoted(text, c.text);
            text += ", \"tag\": ";
            text += c.byTag ? "true" : "false";
            text += ", \"roles\": ";
            appendNumber(text, c.roleCount);
            text += ", \"duties\": [";
            for (size_t i = 0; i < c.duties.size(); ++i) {
                if (i > 0)
                    text += ", ";
                text += "{\"role\": ";
                appendJsonQuoted(text, model.role(c.duties[i].role).id);
                text += ", \"index\": ";
                appendNumber(text, c.duties[i].index);
                text += '}';
            }
            text += "]}";
        }
        text += ']';
    }
    text += "}\n";
    writer.flush();
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
