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

class Writer
{
public:
    std::string out;

    void u32(std::uint32_t v) { raw(&v, sizeof v); }
    void i32(std::int32_t v) { raw(&v, sizeof v); }
    void f64(double v) { raw(&v, sizeof v); }
    void count(size_t n) { u32(static_cast<std::uint32_t>(n)); }
    void str(const std::string &s)
    {
        count(s.size());
        out.append(s);
    }
    void pos(const SourcePos &p)
    {
        i32(p.line);
        i32(p.column);
    }
    void strings(const std::vector<std::string> &list)
    {
        count(list.size());
        for (const std::string &s : list)
            str(s);
    }

private:
    void raw(const void *data, size_t size) { out.append(static_cast<const char *>(data), size); }
};

// Every read is checked against the bytes left; a count is checked against what its items
// need at the least, so damaged data cannot make a huge allocation.
class Reader
{
public:
    explicit Reader(std::string_view data)
        : m_data(data)
    {}

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_ok && m_at == m_data.size(); }

    std::uint32_t u32() { return rawValue<std::uint32_t>(); }
    std::int32_t i32() { return rawValue<std::int32_t>(); }
    double f64() { return rawValue<double>(); }
    bool flag()
    {
        const std::uint32_t v = u32();
        m_ok = m_ok && v <= 1;
        return v == 1;
    }
    size_t count(size_t minItemBytes)
    {
        const size_t n = u32();
        if (!m_ok || n > (m_data.size() - m_at) / minItemBytes) {
            m_ok = false;
            return 0;
        }
        return n;
    }
    std::string str()
    {
        const size_t n = count(1);
        std::string s(m_data.substr(m_at, n));
        m_at += n;
        return s;
    }
    SourcePos pos()
    {
        SourcePos p;
        p.line = i32();
        p.column = i32();
        return p;
    }
    std::vector<std::string> strings()
    {
        std::vector<std::string> list(count(sizeof(std::uint32_t)));
        for (std::string &s : list)
            s = str();
        return list;
    }

private:
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
constexpr size_t SourcePosBytes = 2 * sizeof(std::int32_t);

Checksum checksumOf(std::string_view payload)
{
    return static_cast<Checksum>(std::hash<std::string_view>{}(payload));
}

void writeModel(Writer &w, const Model &model)
{
    w.str(model.organization.name);
    w.str(model.organization.description);
    w.pos(model.organization.pos);

    w.count(model.departments.size());
    for (const Department &d : model.departments) {
        w.str(d.id);
        w.str(d.name);
        w.str(d.color);
        w.pos(d.pos);
    }

    w.count(model.roles.size());
    for (const Role &r : model.roles) {
        w.str(r.id);
        w.str(r.title);
        w.str(r.reportsTo);
        w.strings(r.alsoReportsTo);
        w.str(r.department);
        w.strings(r.holders);
        w.str(r.summary);
        w.count(r.responsibilities.size());
        for (const Responsibility &duty : r.responsibilities) {
            w.str(duty.text);
            w.strings(duty.tags);
            w.pos(duty.pos);
        }
        for (const SourcePos &p : {r.pos, r.idPos, r.titlePos, r.reportsToPos, r.departmentPos})
            w.pos(p);
        w.count(r.alsoReportsToPos.size());
        for (const SourcePos &p : r.alsoReportsToPos)
            w.pos(p);
    }

    w.u32(model.overlapSettings.threshold.has_value());
    w.f64(model.overlapSettings.threshold.value_or(0.0));
    w.count(model.overlapSettings.synonyms.size());
    for (const std::vector<std::string> &group : model.overlapSettings.synonyms)
        w.strings(group);
}

void readModel(Reader &r, Model &model)
{
    model.organization.name = r.str();
    model.organization.description = r.str();
    model.organization.pos = r.pos();

    model.departments.resize(r.count(3 * sizeof(std::uint32_t) + SourcePosBytes));
    for (Department &d : model.departments) {
        d.id = r.str();
        d.name = r.str();
        d.color = r.str();
        d.pos = r.pos();
    }

    model.roles.resize(r.count(9 * sizeof(std::uint32_t) + 5 * SourcePosBytes));
    for (Role &role : model.roles) {
        role.id = r.str();
        role.title = r.str();
        role.reportsTo = r.str();
        role.alsoReportsTo = r.strings();
        role.department = r.str();
        role.holders = r.strings();
        role.summary = r.str();
        role.responsibilities.resize(r.count(2 * sizeof(std::uint32_t) + SourcePosBytes));
        for (Responsibility &duty : role.responsibilities) {
            duty.text = r.str();
            duty.tags = r.strings();
            duty.pos = r.pos();
        }
        for (SourcePos *p : {&role.pos, &role.idPos, &role.titlePos, &role.reportsToPos,
                             &role.departmentPos})
            *p = r.pos();
        role.alsoReportsToPos.resize(r.count(SourcePosBytes));
        for (SourcePos &p : role.alsoReportsToPos)
            p = r.pos();
        if (!r.ok())
            return;
    }

    const bool hasThreshold = r.flag();
    const double threshold = r.f64();
    if (hasThreshold)
        model.overlapSettings.threshold = threshold;
    model.overlapSettings.synonyms.resize(r.count(sizeof(std::uint32_t)));
    for (std::vector<std::string> &group : model.overlapSettings.synonyms)
        group = r.strings();
}

} // namespace

std::string encodeLoadedModel(const Model &model, const std::vector<Diagnostic> &diagnostics)
{
    Writer w;
    w.out.append(Magic, sizeof Magic);
    w.u32(ByteOrderMark);
    writeModel(w, model);
    w.count(diagnostics.size());
    for (const Diagnostic &d : diagnostics) {
        w.u32(d.severity == Severity::Error);
        w.str(d.code);
        w.str(d.message);
        w.pos(d.pos);
        w.str(d.roleId);
    }
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
    readModel(r, model);
    result.diagnostics.resize(r.count(4 * sizeof(std::uint32_t) + SourcePosBytes));
    for (Diagnostic &d : result.diagnostics) {
        d.severity = r.flag() ? Severity::Error : Severity::Warning;
        d.code = r.str();
        d.message = r.str();
        d.pos = r.pos();
        d.roleId = r.str();
    }
    // Only models without errors are ever encoded (the loader returns no other kind), and the
    // index is only meaningful for those.
    if (!r.atEnd() || hasErrors(result.diagnostics))
        return std::nullopt;
    model.rebuildIndex();
    return result;
}

} // namespace rolescope
