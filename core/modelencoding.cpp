#include "core/modelencoding.h"

#include <cstdint>
#include <cstring>
#include <functional>

namespace rolescope {

namespace {

// Changed whenever the layout below or the meaning of a field changes.
constexpr char Magic[8] = {'R', 'S', 'M', 'O', 'D', 'E', 'L', '1'};
// Written in host order: a file from a machine of the other byte order reads back differently
// and is refused.
constexpr std::uint32_t ByteOrderMark = 0x01020304;

using Checksum = std::uint64_t;

constexpr size_t WordBytes = sizeof(std::uint32_t);
constexpr size_t SourcePosBytes = 2 * sizeof(std::int32_t);

// Writer and Reader offer the same calls, so that transfer() below lists every field once for
// both directions: one takes the values of a const model, the other fills a model in.
class Writer
{
public:
    std::string out;

    void u32(std::uint32_t v) { raw(&v, sizeof v); }
    void str(const std::string &s)
    {
        u32(static_cast<std::uint32_t>(s.size()));
        out.append(s);
    }
    void pos(const SourcePos &p)
    {
        raw(&p.line, sizeof p.line);
        raw(&p.column, sizeof p.column);
    }
    void flag(bool value) { u32(value ? 1 : 0); }
    void severity(Severity value) { flag(value == Severity::Error); }
    void number(const std::optional<double> &value)
    {
        flag(value.has_value());
        const double v = value.value_or(0.0);
        raw(&v, sizeof v);
    }
    // The items' count, then each item as FIELDS writes it.
    template<typename T, typename Fields>
    void list(const std::vector<T> &items, size_t, Fields fields)
    {
        u32(static_cast<std::uint32_t>(items.size()));
        for (const T &item : items)
            fields(item);
    }
    void strings(const std::vector<std::string> &list)
    {
        this->list(list, WordBytes, [this](const std::string &s) { str(s); });
    }

private:
    void raw(const void *data, size_t size) { out.append(static_cast<const char *>(data), size); }
};

// Every read is checked against the bytes left; a count is checked against what its items
// need at the least (MINITEMBYTES), so damaged data cannot make a huge allocation. After the
// first failure ok() is false and nothing more is read.
class Reader
{
public:
    explicit Reader(std::string_view data)
        : m_data(data)
    {}

    bool atEnd() const { return m_ok && m_at == m_data.size(); }

    void str(std::string &s)
    {
        const size_t n = count(1);
        s.assign(m_data.substr(m_at, n));
        m_at += n;
    }
    void pos(SourcePos &p)
    {
        p.line = rawValue<std::int32_t>();
        p.column = rawValue<std::int32_t>();
    }
    void flag(bool &value)
    {
        const std::uint32_t v = rawValue<std::uint32_t>();
        m_ok = m_ok && v <= 1;
        value = v == 1;
    }
    void severity(Severity &value)
    {
        bool error = false;
        flag(error);
        value = error ? Severity::Error : Severity::Warning;
    }
    void number(std::optional<double> &value)
    {
        bool present = false;
        flag(present);
        const double v = rawValue<double>();
        if (present)
            value = v;
    }
    template<typename T, typename Fields>
    void list(std::vector<T> &items, size_t minItemBytes, Fields fields)
    {
        items.resize(count(minItemBytes));
        for (T &item : items) {
            if (!m_ok)
                return;
            fields(item);
        }
    }
    void strings(std::vector<std::string> &list)
    {
        this->list(list, WordBytes, [this](std::string &s) { str(s); });
    }

private:
    size_t count(size_t minItemBytes)
    {
        const size_t n = rawValue<std::uint32_t>();
        if (!m_ok || n > (m_data.size() - m_at) / minItemBytes) {
            m_ok = false;
            return 0;
        }
        return n;
    }
    template<typename T>
    T rawValue()
    {
        T v{};
        if (!m_ok || m_data.size() - m_at < sizeof v) {
            m_ok = false;
            return v;
        }
        std::memcpy(&v, m_data.data() + m_at, sizeof v);
        m_at += sizeof v;
        return v;
    }

    std::string_view m_data;
    size_t m_at = 0;
    bool m_ok = true;
};

constexpr size_t HeaderBytes = sizeof Magic + sizeof ByteOrderMark;

Checksum checksumOf(std::string_view payload)
{
    return static_cast<Checksum>(std::hash<std::string_view>{}(payload));
}

// Every field of a loaded model and its diagnostics, in the order of the encoding. MODEL and
// DIAGNOSTICS are const for a Writer.
template<typename Io, typename ModelT, typename Diagnostics>
void transfer(Io &io, ModelT &model, Diagnostics &diagnostics)
{
    io.str(model.organization.name);
    io.str(model.organization.description);
    io.pos(model.organization.pos);
    io.list(model.departments, 3 * WordBytes + SourcePosBytes, [&io](auto &d) {
        io.str(d.id);
        io.str(d.name);
        io.str(d.color);
        io.pos(d.pos);
    });
    io.list(model.roles, 9 * WordBytes + 5 * SourcePosBytes, [&io](auto &r) {
        io.str(r.id);
        io.str(r.title);
        io.str(r.reportsTo);
        io.strings(r.alsoReportsTo);
        io.str(r.department);
        io.strings(r.holders);
        io.str(r.summary);
        io.list(r.responsibilities, 2 * WordBytes + SourcePosBytes, [&io](auto &duty) {
            io.str(duty.text);
            io.strings(duty.tags);
            io.pos(duty.pos);
        });
        io.pos(r.pos);
        io.pos(r.idPos);
        io.pos(r.titlePos);
        io.pos(r.reportsToPos);
        io.pos(r.departmentPos);
        io.list(r.alsoReportsToPos, SourcePosBytes, [&io](auto &p) { io.pos(p); });
    });
    io.number(model.overlapSettings.threshold);
    io.list(model.overlapSettings.synonyms, WordBytes, [&io](auto &group) { io.strings(group); });
    io.list(diagnostics, 4 * WordBytes + SourcePosBytes, [&io](auto &d) {
        io.severity(d.severity);
        io.str(d.code);
        io.str(d.message);
        io.pos(d.pos);
        io.str(d.roleId);
    });
}

} // namespace

std::string encodeLoadedModel(const Model &model, const std::vector<Diagnostic> &diagnostics)
{
    Writer w;
    w.out.append(Magic, sizeof Magic);
    w.u32(ByteOrderMark);
    transfer(w, model, diagnostics);
    const Checksum checksum = checksumOf(std::string_view(w.out).substr(HeaderBytes));
    w.out.append(reinterpret_cast<const char *>(&checksum), sizeof checksum);
    return std::move(w.out);
}

std::optional<LoadResult> decodeLoadedModel(std::string_view data)
{
    if (data.size() < HeaderBytes + sizeof(Checksum)
        || std::memcmp(data.data(), Magic, sizeof Magic) != 0)
        return std::nullopt;
    std::uint32_t byteOrder = 0;
    std::memcpy(&byteOrder, data.data() + sizeof Magic, sizeof byteOrder);
    if (byteOrder != ByteOrderMark)
        return std::nullopt;
    const std::string_view payload = data.substr(HeaderBytes,
                                                 data.size() - HeaderBytes - sizeof(Checksum));
    Checksum stored = 0;
    std::memcpy(&stored, data.data() + data.size() - sizeof stored, sizeof stored);
    if (stored != checksumOf(payload))
        return std::nullopt;

    Reader r(payload);
    LoadResult result;
    Model &model = result.model.emplace();
    transfer(r, model, result.diagnostics);
    // Only models without errors are ever encoded (the loader returns no other kind), and the
    // index is only meaningful for those.
    if (!r.atEnd() || hasErrors(result.diagnostics))
        return std::nullopt;
    model.rebuildIndex();
    return result;
}

} // namespace rolescope
