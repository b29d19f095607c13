// The only file that includes yaml-cpp. It turns yaml-cpp's parse events into small node
// trees, one per top-level item, converts each into model values as soon as it is complete
// (so memory stays close to the size of the model, not of a YAML node tree), and checks
// everything yaml-cpp lets through: duplicate keys, aliases, further documents, unclosed
// quotes and the size limits.
#include "core/loader.h"

#include "core/colors.h"
#include "core/prescan.h"
#include "core/sourcetext.h"
#include "core/validate.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <iterator>
#include <mutex>
#include <optional>
#include <istream>
#include <streambuf>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rolescope {

namespace {

struct Node
{
    enum Kind : unsigned char { Null, Scalar, Sequence, Mapping };
    Kind kind = Null;
    bool quoted = false;     // a quoted scalar is always a string, never null
    std::uint64_t offset = 0; // byte offset in the source text
    std::string value;       // scalars
    std::vector<Node> items; // sequence items, or mapping keys and values alternating

    size_t pairCount() const { return items.size() / 2; }
    const Node &key(size_t i) const { return items[2 * i]; }
    const Node &valueAt(size_t i) const { return items[2 * i + 1]; }
};

// Thrown by the event handler to stop yaml-cpp at once when a limit is reached.
struct StopParsing
{
};

// Adds up the bytes the parsing threads have consumed and hands the sum to the caller's
// progress callback in steps of about half a percent, one call at a time, never going back.
// Tells every thread when the caller has cancelled.
class LoadMeter
{
public:
    // REPORTS false: a parse whose bytes are not the file's (a probe of its beginning) only
    // listens for cancellation.
    LoadMeter(LoadControl *control, std::uint64_t total, bool reports = true)
        : m_control(control)
        , m_total(total)
        , m_step(std::max<std::uint64_t>(total / 200, 1))
        , m_reports(reports && control && control->progress)
    {
    }

    bool cancelled() const { return m_control && m_control->cancelled.load(std::memory_order_relaxed); }

    void start()
    {
        if (m_reports)
            report(0);
    }
    void advance(std::uint64_t bytes)
    {
        if (!m_reports || bytes == 0)
            return;
        const std::uint64_t done = m_done.fetch_add(bytes, std::memory_order_relaxed) + bytes;
        if (done >= m_nextReport.load(std::memory_order_relaxed))
            report(done);
    }
    // The file is parsed again (its pieces could not be trusted): the bar holds where it is
    // until the new parse passes that point.
    void restart() { m_done.store(0, std::memory_order_relaxed); }
    void finish()
    {
        if (m_reports)
            report(m_total);
    }

private:
    void report(std::uint64_t done)
    {
        const std::lock_guard lock(m_mutex);
        done = std::min(done, m_total);
        // Another thread may have reported past this point since the caller looked; the
        // total is always reported once.
        if (m_started
            && (done <= m_reported
                || (done < m_nextReport.load(std::memory_order_relaxed) && done < m_total)))
            return;
        m_started = true;
        m_reported = done;
        m_nextReport.store(done + m_step, std::memory_order_relaxed);
        m_control->progress(done, m_total);
    }

    LoadControl *m_control;
    const std::uint64_t m_total;
    const std::uint64_t m_step;
    const bool m_reports;
    std::atomic<std::uint64_t> m_done{0};
    std::atomic<std::uint64_t> m_nextReport{0};
    std::mutex m_mutex;
    std::uint64_t m_reported = 0;
    bool m_started = false;
};

// Lets yaml-cpp read the text in place instead of copying it into a stringstream.
class MemoryStreamBuffer : public std::streambuf
{
public:
    explicit MemoryStreamBuffer(std::string_view text)
    {
        char *begin = const_cast<char *>(text.data()); // only ever read
        setg(begin, begin, begin + text.size());
    }
};

const char *kindName(const Node &node)
{
    switch (node.kind) {
    case Node::Null: return "nothing";
    case Node::Scalar: return "a single value";
    case Node::Sequence: return "a list";
    case Node::Mapping: return "a mapping";
    }
    return "";
}

size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    });
    return out;
}

// A known key close to an unknown one: "titel" -> "title", "reports-to" -> "reports_to".
std::string didYouMean(std::string_view unknown, const std::vector<std::string_view> &known)
{
    if (unknown.size() > 64)
        return {};
    const std::string needle = lowered(unknown);
    std::string_view best;
    size_t bestDistance = std::max<size_t>(2, needle.size() / 4) + 1;
    for (const std::string_view candidate : known) {
        const size_t distance = editDistance(needle, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return std::string(best);
}

class ModelBuilder;

// Which part of a file one parse covers. The whole file is one piece; for a large file the
// items of the top-level roles list are cut into pieces parsed on several threads, and the
// rest of the file (everything but those items) is parsed as a piece of its own.
struct Piece
{
    std::string_view text;       // what yaml-cpp reads
    std::uint64_t base = 0;      // offset of text[0] in the whole file
    std::uint64_t gapAt = UINT64_MAX; // text offsets from here on skip `gapSize` bytes of the file
    std::uint64_t gapSize = 0;
    bool isRoleItems = false;    // the piece is a run of roles-list items, not a whole document

    std::uint64_t fileOffset(std::uint64_t local) const
    {
        return base + local + (local >= gapAt ? gapSize : 0);
    }
};

// Receives yaml-cpp's events and builds the node tree of one top-level item at a time.
class EventCollector final : public YAML::EventHandler
{
public:
    EventCollector(ModelBuilder &builder, const Piece &piece, const LoadLimits &limits,
                   std::atomic<std::uint64_t> &nodeCount, LoadMeter &meter)
        : m_builder(builder), m_piece(piece), m_limits(limits), m_nodes(nodeCount), m_meter(meter)
    {
    }

    void OnDocumentStart(const YAML::Mark &mark) override;
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override;
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override;
    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override;
    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override;
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override;
    void OnMapEnd() override { close(); }
    void OnAnchor(const YAML::Mark &mark, const std::string &name) override;

    bool rootSeen() const { return m_rootSeen; }
    // Runs yaml-cpp over the piece. False when it stopped early (a syntax error or a limit).
    bool parse();

private:
    struct Frame
    {
        Node node;
        bool streamsRoles = false; // items of the top-level "roles" list go straight to the builder
        bool holdsResponsibilities = false; // a role's "responsibilities" list
        std::unordered_map<std::string, std::uint64_t> keyIndex; // for mappings with many keys
    };

    std::uint64_t localOffset(const YAML::Mark &mark) const;
    std::uint64_t offsetOf(const YAML::Mark &mark) const { return m_piece.fileOffset(localOffset(mark)); }
    void countNode(std::uint64_t offset);
    void open(Node::Kind kind, const YAML::Mark &mark, YAML::anchor_t anchor);
    void close();
    void add(Node node);
    void checkDuplicateKey(Frame &frame, const Node &key);
    void checkQuoteClosed(const YAML::Mark &mark);
    void reportConsumed(std::uint64_t fileOffset);

    ModelBuilder &m_builder;
    const Piece &m_piece;
    const LoadLimits &m_limits;
    std::vector<Frame> m_stack;
    std::atomic<std::uint64_t> &m_nodes; // shared by the pieces of one file
    LoadMeter &m_meter;
    std::uint64_t m_consumed = 0; // bytes of the piece passed to the meter
    int m_documents = 0;
    bool m_rootSeen = false;
};

// Converts node trees into model values and records every problem it meets.
class ModelBuilder
{
public:
    static constexpr size_t MaxDiagnostics = 1000;

    ModelBuilder(const SourceText &source, const LoadLimits &limits, std::vector<Diagnostic> &diagnostics)
        : m_source(source), m_limits(limits), m_diagnostics(diagnostics)
    {
    }

    void error(std::string code, std::string message, std::uint64_t offset, std::string roleId = {})
    {
        if (m_diagnostics.size() > MaxDiagnostics)
            return; // a hostile file can hold millions of problems; positions cost time
        report(Severity::Error, std::move(code), std::move(message), m_source.positionOf(offset),
               std::move(roleId));
    }
    void warning(std::string code, std::string message, std::uint64_t offset, std::string roleId = {})
    {
        if (m_diagnostics.size() > MaxDiagnostics)
            return;
        report(Severity::Warning, std::move(code), std::move(message), m_source.positionOf(offset),
               std::move(roleId));
    }

    SourcePos positionOf(std::uint64_t offset) const { return m_source.positionOf(offset); }
    // Holds as many problems as are listed (and the too-many-diagnostics error).
    bool isFull() const { return m_diagnostics.size() > MaxDiagnostics; }

    // A complete item of the top-level "roles" list.
    void addRoleItem(const Node &item);
    // The whole document, with the roles list already consumed item by item.
    void finishDocument(const Node &root);

    // Checks that need every piece of the file: call once, after all of them were parsed.
    void finish(std::uint64_t roleItemsOfOtherPieces);

    Model &model() { return m_model; }
    std::uint64_t roleItems() const { return m_roleItems; }
    std::uint64_t rolesKeyOffset() const { return m_rolesKeyOffset; }

private:
    void report(Severity severity, std::string code, std::string message, SourcePos pos, std::string roleId)
    {
        if (m_diagnostics.size() < MaxDiagnostics) {
            m_diagnostics.push_back(Diagnostic{severity, std::move(code), std::move(message), pos,
                                               std::move(roleId)});
        } else if (m_diagnostics.size() == MaxDiagnostics) {
            m_diagnostics.push_back(Diagnostic{Severity::Error, "too-many-diagnostics",
                                               "too many problems; the rest are not listed", pos, {}});
        }
    }

    // Reports keys that the format does not know (with a hint) and returns the known ones.
    void checkKeys(const Node &mapping, const std::vector<std::string_view> &known,
                   std::string_view where, const std::string &roleId = {});
    bool expectKind(const Node &node, Node::Kind kind, std::string_view what, const std::string &roleId = {});
    // A scalar field: false (and an error) when it holds a list or mapping.
    bool readScalar(const Node &node, std::string_view what, std::string &out, const std::string &roleId = {});
    // A list of scalars (null = empty list).
    bool readScalarList(const Node &node, std::string_view what, std::vector<std::string> &out,
                        std::vector<SourcePos> *positions, const std::string &roleId = {});
    void readOrganization(const Node &node);
    void readDepartments(const Node &node);
    void readSettings(const Node &node);
    void readResponsibilities(const Node &node, Role &role);

    const SourceText &m_source;
    const LoadLimits &m_limits;
    std::vector<Diagnostic> &m_diagnostics;
    Model m_model;
    bool m_sawRolesKey = false;
    bool m_rolesIsList = false;
    std::uint64_t m_rolesOffset = 0;
    std::uint64_t m_rolesKeyOffset = UINT64_MAX;
    std::uint64_t m_roleItems = 0;
    bool m_reportedTooManyRoles = false;
};

// ---- EventCollector --------------------------------------------------------------------

std::uint64_t EventCollector::localOffset(const YAML::Mark &mark) const
{
    return mark.pos < 0 ? m_piece.text.size() : static_cast<std::uint64_t>(mark.pos);
}

void EventCollector::countNode(std::uint64_t offset)
{
    if (m_meter.cancelled())
        throw StopParsing{};
    // Past the thousandth problem nothing more is listed, so reading on only costs time: a
    // file of a million aliases or duplicate keys took seconds to say what its start said.
    if (m_builder.isFull())
        throw StopParsing{};
    if (m_nodes.fetch_add(1, std::memory_order_relaxed) + 1 > m_limits.maxNodes) {
        m_builder.error("too-many-nodes",
                        "the file has more than " + std::to_string(m_limits.maxNodes)
                            + " values; reading stopped here",
                        offset);
        throw StopParsing{};
    }
}

void EventCollector::OnDocumentStart(const YAML::Mark &mark)
{
    if (++m_documents > 1) {
        m_builder.error("multiple-documents",
                        "a second YAML document starts here; a model file holds exactly one",
                        offsetOf(mark));
        throw StopParsing{};
    }
}

void EventCollector::OnAnchor(const YAML::Mark &mark, const std::string &name)
{
    m_builder.error("anchor-not-supported",
                    "anchors (&" + name + ") are not supported in role models; write the value out",
                    offsetOf(mark));
}

void EventCollector::OnNull(const YAML::Mark &mark, YAML::anchor_t)
{
    const std::uint64_t offset = offsetOf(mark);
    countNode(offset);
    Node node;
    node.kind = Node::Null;
    node.offset = offset;
    add(std::move(node));
}

void EventCollector::OnAlias(const YAML::Mark &mark, YAML::anchor_t)
{
    const std::uint64_t offset = offsetOf(mark);
    countNode(offset);
    const std::string_view text = m_piece.text.substr(std::min<std::uint64_t>(localOffset(mark), m_piece.text.size()));
    const size_t nameEnd = std::min<size_t>(text.find_first_of(" \t\r\n,]}"), 64);
    m_builder.error("alias-not-supported",
                    "aliases (" + std::string(text.substr(0, nameEnd))
                        + ") are not supported in role models; write the value out",
                    offset);
    Node node; // keeps the structure intact so that later problems are still found
    node.offset = offset;
    add(std::move(node));
}

void EventCollector::checkQuoteClosed(const YAML::Mark &mark)
{
    // yaml-cpp accepts a quoted scalar that never closes, swallowing the rest of the file
    // into one value. Only this piece is searched: a piece boundary inside a quoted value
    // must count as unclosed so that the file is parsed again as a whole.
    const std::string_view text = m_piece.text;
    const std::uint64_t offset = localOffset(mark);
    if (offset >= text.size())
        return;
    const char quote = text[offset];
    if ((quote != '"' && quote != '\'') || closingQuote(text, offset) != std::string_view::npos)
        return;
    m_builder.error("unclosed-quote",
                    std::string("this ") + (quote == '"' ? "double" : "single")
                        + "-quoted value is never closed: add the missing " + quote,
                    m_piece.fileOffset(offset));
    throw StopParsing{};
}

void EventCollector::OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t,
                              const std::string &value)
{
    const std::uint64_t offset = offsetOf(mark);
    countNode(offset);
    Node node;
    node.kind = Node::Scalar;
    node.offset = offset;
    // yaml-cpp tags plain scalars "?" and quoted (or block) scalars "!".
    node.quoted = tag != "?";
    if (node.quoted)
        checkQuoteClosed(mark);
    if (value.size() > m_limits.maxScalarBytes) {
        m_builder.error("scalar-too-long",
                        "this value is " + std::to_string(value.size()) + " bytes long; the limit is "
                            + std::to_string(m_limits.maxScalarBytes),
                        offset);
        node.value = value.substr(0, 256); // enough to recognise it, without the memory
    } else {
        node.value = value;
    }
    add(std::move(node));
}

void EventCollector::OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                                     YAML::EmitterStyle::value)
{
    open(Node::Sequence, mark, anchor);
}

void EventCollector::OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                                YAML::EmitterStyle::value)
{
    open(Node::Mapping, mark, anchor);
}

void EventCollector::open(Node::Kind kind, const YAML::Mark &mark, YAML::anchor_t)
{
    const std::uint64_t offset = offsetOf(mark);
    countNode(offset);
    if (static_cast<int>(m_stack.size()) >= m_limits.maxNestingDepth) {
        m_builder.error("nesting-too-deep",
                        "lists and mappings are nested more than "
                            + std::to_string(m_limits.maxNestingDepth) + " levels deep here",
                        offset);
        throw StopParsing{};
    }
    Frame frame;
    frame.node.kind = kind;
    frame.node.offset = offset;
    // The value of the root mapping's "roles" key: its items are converted one by one.
    if (m_piece.isRoleItems) {
        frame.streamsRoles = m_stack.empty() && kind == Node::Sequence;
    } else if (kind == Node::Sequence && m_stack.size() == 1 && m_stack[0].node.kind == Node::Mapping) {
        const Node &root = m_stack[0].node;
        frame.streamsRoles = root.items.size() % 2 == 1 && root.items.back().kind == Node::Scalar
                             && root.items.back().value == "roles";
    }
    if (kind == Node::Sequence && m_stack.size() >= 2 && m_stack[m_stack.size() - 2].streamsRoles) {
        const Node &role = m_stack.back().node;
        frame.holdsResponsibilities = role.kind == Node::Mapping && role.items.size() % 2 == 1
                                      && role.items.back().kind == Node::Scalar
                                      && role.items.back().value == "responsibilities";
    }
    m_stack.push_back(std::move(frame));
}

void EventCollector::close()
{
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    if (frame.streamsRoles)
        frame.node.items.clear(); // already converted; the root keeps an empty placeholder
    add(std::move(frame.node));
}

void EventCollector::checkDuplicateKey(Frame &frame, const Node &key)
{
    if (key.kind != Node::Scalar)
        return;
    const Node &mapping = frame.node;
    const auto report = [&](std::uint64_t firstOffset) {
        const SourcePos first = m_builder.positionOf(firstOffset);
        m_builder.error("duplicate-key",
                        "key '" + key.value + "' appears twice in this mapping (first at line "
                            + std::to_string(first.line) + ", column " + std::to_string(first.column) + ")",
                        key.offset);
    };
    // Small mappings (nearly all of them) are scanned; big ones get a hash index.
    constexpr size_t IndexThreshold = 16;
    if (mapping.pairCount() < IndexThreshold) {
        for (size_t i = 0; i < mapping.pairCount(); ++i) {
            const Node &earlier = mapping.key(i);
            if (earlier.kind == Node::Scalar && earlier.value == key.value)
                return report(earlier.offset);
        }
        return;
    }
    if (frame.keyIndex.empty()) {
        for (size_t i = 0; i < mapping.pairCount(); ++i) {
            if (mapping.key(i).kind == Node::Scalar)
                frame.keyIndex.emplace(mapping.key(i).value, mapping.key(i).offset);
        }
    }
    const auto [it, inserted] = frame.keyIndex.emplace(key.value, key.offset);
    if (!inserted)
        report(it->second);
}

void EventCollector::add(Node node)
{
    if (m_stack.empty()) {
        m_rootSeen = true;
        if (m_piece.isRoleItems) {
            if (node.kind != Node::Sequence)
                throw StopParsing{}; // not what the split expected: parse the file as a whole
            return;
        }
        m_builder.finishDocument(node);
        return;
    }
    Frame &top = m_stack.back();
    // yaml-cpp places an empty value at the next token, often on the next line; the key
    // it belongs to is where a person looks.
    if (node.kind == Node::Null && top.node.kind == Node::Mapping && top.node.items.size() % 2 == 1)
        node.offset = top.node.items.back().offset;
    if (top.node.kind == Node::Mapping && top.node.items.size() % 2 == 0) {
        // Each key past the format's own is a warning, so a role of 200,000 keys took two
        // seconds of parsing only to list its first thousand.
        if (top.node.pairCount() >= m_limits.maxKeysPerMapping) {
            m_builder.error("too-many-keys",
                            "this mapping has more than " + std::to_string(m_limits.maxKeysPerMapping)
                                + " keys; reading stopped here",
                            node.offset);
            throw StopParsing{};
        }
        if (node.kind == Node::Sequence || node.kind == Node::Mapping) {
            m_builder.error("wrong-type", "a list or mapping cannot be used as a key", node.offset);
        } else if (node.kind == Node::Scalar && !node.quoted && node.value == "<<") {
            m_builder.error("merge-key-not-supported",
                            "merge keys (<<) are not supported in role models; write the keys out",
                            node.offset);
        }
        checkDuplicateKey(top, node);
    }
    if (top.streamsRoles) {
        reportConsumed(node.offset);
        m_builder.addRoleItem(node);
        return;
    }
    // Stopped here rather than when the role is complete: reading two million duties only
    // to refuse them took seconds.
    if (top.holdsResponsibilities && top.node.items.size() >= m_limits.maxResponsibilitiesPerRole) {
        m_builder.error("too-many-responsibilities",
                        "this role has more than " + std::to_string(m_limits.maxResponsibilitiesPerRole)
                            + " responsibilities; the limit is "
                            + std::to_string(m_limits.maxResponsibilitiesPerRole),
                        top.node.offset);
        throw StopParsing{};
    }
    top.node.items.push_back(std::move(node));
}

// Called for each item of the roles list, nearly all of a large file: often enough for a
// smooth progress bar, rarely enough to cost nothing.
void EventCollector::reportConsumed(std::uint64_t fileOffset)
{
    const std::uint64_t local = std::min<std::uint64_t>(fileOffset - std::min(fileOffset, m_piece.base),
                                                        m_piece.text.size());
    if (local > m_consumed) {
        m_meter.advance(local - m_consumed);
        m_consumed = local;
    }
}

// ---- ModelBuilder ----------------------------------------------------------------------

bool ModelBuilder::expectKind(const Node &node, Node::Kind kind, std::string_view what,
                              const std::string &roleId)
{
    if (node.kind == kind)
        return true;
    const char *expected = kind == Node::Sequence ? "a list" : kind == Node::Mapping ? "a mapping" : "a single value";
    error("wrong-type", std::string(what) + " must be " + expected + ", not " + kindName(node), node.offset, roleId);
    return false;
}

bool ModelBuilder::readScalar(const Node &node, std::string_view what, std::string &out,
                              const std::string &roleId)
{
    if (node.kind == Node::Null) {
        out.clear();
        return true;
    }
    if (!expectKind(node, Node::Scalar, what, roleId))
        return false;
    out = node.value;
    return true;
}

bool ModelBuilder::readScalarList(const Node &node, std::string_view what, std::vector<std::string> &out,
                                  std::vector<SourcePos> *positions, const std::string &roleId)
{
    out.clear();
    if (node.kind == Node::Null)
        return true;
    if (!expectKind(node, Node::Sequence, what, roleId))
        return false;
    for (const Node &item : node.items) {
        if (item.kind == Node::Null || (item.kind == Node::Scalar && item.value.empty())) {
            error("empty-value", std::string("an item of ") + std::string(what) + " is empty", item.offset, roleId);
            continue;
        }
        if (!expectKind(item, Node::Scalar, std::string("each item of ") + std::string(what), roleId))
            continue;
        out.push_back(item.value);
        if (positions)
            positions->push_back(m_source.positionOf(item.offset));
    }
    return true;
}

void ModelBuilder::checkKeys(const Node &mapping, const std::vector<std::string_view> &known,
                             std::string_view where, const std::string &roleId)
{
    for (size_t i = 0; i < mapping.pairCount() && !isFull(); ++i) { // hints cost time
        const Node &key = mapping.key(i);
        if (key.kind != Node::Scalar || key.value == "<<")
            continue; // already reported by the collector
        if (std::find(known.begin(), known.end(), key.value) != known.end())
            continue;
        std::string message = "unknown key '" + key.value + "' in " + std::string(where);
        if (const std::string hint = didYouMean(key.value, known); !hint.empty())
            message += "; did you mean '" + hint + "'?";
        else
            message += " (ignored)";
        warning("unknown-key", std::move(message), key.offset, roleId);
    }
}

void ModelBuilder::readOrganization(const Node &node)
{
    if (!expectKind(node, Node::Mapping, "organization"))
        return;
    m_model.organization.pos = m_source.positionOf(node.offset);
    checkKeys(node, {"name", "description"}, "organization");
    bool hasName = false;
    for (size_t i = 0; i < node.pairCount(); ++i) {
        const std::string &key = node.key(i).value;
        const Node &value = node.valueAt(i);
        if (key == "name") {
            hasName = true;
            if (readScalar(value, "organization name", m_model.organization.name)
                && m_model.organization.name.empty())
                error("empty-value", "the organization's name is empty", value.offset);
        } else if (key == "description") {
            readScalar(value, "organization description", m_model.organization.description);
        }
    }
    if (!hasName)
        error("missing-key", "organization has no 'name'", node.offset);
}

void ModelBuilder::readDepartments(const Node &node)
{
    if (node.kind == Node::Null || !expectKind(node, Node::Sequence, "departments"))
        return;
    for (const Node &item : node.items) {
        if (!expectKind(item, Node::Mapping, "each department"))
            continue;
        checkKeys(item, {"id", "name", "color"}, "a department");
        Department department;
        department.pos = m_source.positionOf(item.offset);
        bool hasId = false;
        for (size_t i = 0; i < item.pairCount(); ++i) {
            const std::string &key = item.key(i).value;
            const Node &value = item.valueAt(i);
            if (key == "id") {
                hasId = true;
                if (readScalar(value, "a department id", department.id) && department.id.empty())
                    error("empty-value", "the department id is empty", value.offset);
                department.pos = m_source.positionOf(value.offset);
            } else if (key == "name") {
                readScalar(value, "a department name", department.name);
            } else if (key == "color") {
                if (readScalar(value, "a department color", department.color) && !department.color.empty()
                    && !isValidColorName(department.color)) {
                    warning("invalid-color",
                            "'" + department.color
                                + "' is not a colour name or #RRGGBB value; a default colour is used",
                            value.offset);
                    department.color.clear();
                }
            }
        }
        if (!hasId) {
            error("missing-key", "department has no 'id'", item.offset);
            continue;
        }
        if (department.name.empty())
            department.name = department.id;
        m_model.departments.push_back(std::move(department));
    }
}

void ModelBuilder::readSettings(const Node &node)
{
    if (node.kind == Node::Null || !expectKind(node, Node::Mapping, "settings"))
        return;
    checkKeys(node, {"overlap"}, "settings");
    for (size_t i = 0; i < node.pairCount(); ++i) {
        if (node.key(i).value != "overlap")
            continue;
        const Node &overlap = node.valueAt(i);
        if (overlap.kind == Node::Null || !expectKind(overlap, Node::Mapping, "settings.overlap"))
            continue;
        checkKeys(overlap, {"threshold", "synonyms"}, "settings.overlap");
        for (size_t k = 0; k < overlap.pairCount(); ++k) {
            const std::string &key = overlap.key(k).value;
            const Node &value = overlap.valueAt(k);
            if (key == "threshold") {
                if (value.kind == Node::Null || !expectKind(value, Node::Scalar, "settings.overlap.threshold"))
                    continue;
                double threshold = -1;
                const char *begin = value.value.data();
                const char *end = begin + value.value.size();
                const auto [rest, ec] = std::from_chars(begin, end, threshold);
                if (ec != std::errc() || rest != end || value.quoted || !(threshold >= 0 && threshold <= 1)) {
                    error("invalid-value",
                          "settings.overlap.threshold must be a number from 0 to 1, not '" + value.value + "'",
                          value.offset);
                } else {
                    m_model.overlapSettings.threshold = threshold;
                }
            } else if (key == "synonyms") {
                if (value.kind == Node::Null || !expectKind(value, Node::Sequence, "settings.overlap.synonyms"))
                    continue;
                for (const Node &group : value.items) {
                    std::vector<std::string> words;
                    if (readScalarList(group, "a synonym group", words, nullptr) && group.kind != Node::Null) {
                        if (words.size() < 2)
                            warning("invalid-value", "a synonym group needs at least two entries", group.offset);
                        else
                            m_model.overlapSettings.synonyms.push_back(std::move(words));
                    }
                }
            }
        }
    }
}

void ModelBuilder::readResponsibilities(const Node &node, Role &role)
{
    if (node.kind == Node::Null || !expectKind(node, Node::Sequence, "responsibilities", role.id))
        return;
    role.responsibilities.reserve(node.items.size());
    for (const Node &item : node.items) {
        Responsibility duty;
        duty.pos = m_source.positionOf(item.offset);
        if (item.kind == Node::Scalar) {
            duty.text = item.value;
        } else if (item.kind == Node::Mapping) {
            checkKeys(item, {"text", "tags"}, "a responsibility", role.id);
            bool hasText = false;
            for (size_t i = 0; i < item.pairCount(); ++i) {
                const std::string &key = item.key(i).value;
                const Node &value = item.valueAt(i);
                if (key == "text") {
                    hasText = readScalar(value, "a responsibility's text", duty.text, role.id);
                } else if (key == "tags") {
                    readScalarList(value, "tags", duty.tags, nullptr, role.id);
                }
            }
            if (!hasText) {
                error("missing-key", "this responsibility has no 'text'", item.offset, role.id);
                continue;
            }
        } else if (item.kind != Node::Null) {
            error("wrong-type", "a responsibility must be a text or a mapping with 'text' and 'tags', not a list",
                  item.offset, role.id);
            continue;
        }
        if (duty.text.empty()) {
            error("empty-value", "this responsibility is empty", item.offset, role.id);
            continue;
        }
        role.responsibilities.push_back(std::move(duty));
    }
}

void ModelBuilder::addRoleItem(const Node &item)
{
    ++m_roleItems;
    if (m_model.roles.size() >= m_limits.maxRoles) {
        if (!m_reportedTooManyRoles) {
            error("too-many-roles",
                  "the model has more than " + std::to_string(m_limits.maxRoles) + " roles; the rest are ignored",
                  item.offset);
            m_reportedTooManyRoles = true;
        }
        return;
    }
    if (!expectKind(item, Node::Mapping, "each role"))
        return;

    Role role;
    role.pos = m_source.positionOf(item.offset);
    // The id first, so that every later problem can name its role.
    const Node *idNode = nullptr;
    const Node *titleNode = nullptr;
    for (size_t i = 0; i < item.pairCount(); ++i) {
        if (item.key(i).value == "id" && !idNode)
            idNode = &item.valueAt(i);
        else if (item.key(i).value == "title" && !titleNode)
            titleNode = &item.valueAt(i);
    }
    if (!idNode) {
        error("missing-key", "role has no 'id'", item.offset);
    } else {
        role.idPos = m_source.positionOf(idNode->offset);
        if (readScalar(*idNode, "a role id", role.id) && role.id.empty())
            error("empty-value", "the role id is empty", idNode->offset);
    }
    if (!titleNode) {
        error("missing-key", "role '" + role.id + "' has no 'title'", item.offset, role.id);
    } else {
        role.titlePos = m_source.positionOf(titleNode->offset);
        if (readScalar(*titleNode, "a role title", role.title, role.id) && role.title.empty())
            error("empty-value", "role '" + role.id + "' has an empty title", titleNode->offset, role.id);
    }

    static const std::vector<std::string_view> roleKeys = {
        "id", "title", "reports_to", "also_reports_to", "department", "holders", "summary", "responsibilities"};
    checkKeys(item, roleKeys, "a role", role.id);
    for (size_t i = 0; i < item.pairCount(); ++i) {
        const std::string &key = item.key(i).value;
        const Node &value = item.valueAt(i);
        if (key == "reports_to") {
            role.reportsToPos = m_source.positionOf(value.offset);
            if (readScalar(value, "reports_to", role.reportsTo, role.id) && value.kind == Node::Scalar
                && role.reportsTo.empty()) {
                error("empty-value", "reports_to is empty; leave it out for a top role", value.offset, role.id);
            }
        } else if (key == "also_reports_to") {
            readScalarList(value, "also_reports_to", role.alsoReportsTo, &role.alsoReportsToPos, role.id);
        } else if (key == "department") {
            role.departmentPos = m_source.positionOf(value.offset);
            readScalar(value, "department", role.department, role.id);
        } else if (key == "holders") {
            readScalarList(value, "holders", role.holders, nullptr, role.id);
        } else if (key == "summary") {
            readScalar(value, "summary", role.summary, role.id);
        } else if (key == "responsibilities") {
            readResponsibilities(value, role);
        }
    }
    if (role.id.empty())
        return; // nothing can refer to it; the error is reported above
    m_model.roles.push_back(std::move(role));
}

void ModelBuilder::finishDocument(const Node &root)
{
    if (root.kind == Node::Null) {
        error("empty-file", "the file holds no model (it is empty or only comments)", root.offset);
        return;
    }
    if (root.kind != Node::Mapping) {
        error("wrong-type",
              std::string("a role model must be a mapping with 'organization' and 'roles', not ") + kindName(root),
              root.offset);
        return;
    }
    checkKeys(root, {"format", "organization", "departments", "roles", "settings"}, "the model");
    bool hasOrganization = false;
    for (size_t i = 0; i < root.pairCount(); ++i) {
        const std::string &key = root.key(i).value;
        const Node &value = root.valueAt(i);
        if (key == "format") {
            std::string format;
            if (readScalar(value, "format", format) && format != "rolescope/1") {
                error("unsupported-format",
                      "format '" + format + "' is not supported; this version reads 'rolescope/1'", value.offset);
            }
        } else if (key == "organization") {
            hasOrganization = true;
            readOrganization(value);
        } else if (key == "departments") {
            readDepartments(value);
        } else if (key == "roles") {
            // The items were converted one by one as they were parsed (see EventCollector);
            // whether there were any is known once every piece is parsed (see finish()).
            m_sawRolesKey = true;
            m_rolesKeyOffset = root.key(i).offset;
            m_rolesOffset = value.offset;
            m_rolesIsList = value.kind == Node::Sequence || value.kind == Node::Null;
            if (!m_rolesIsList)
                expectKind(value, Node::Sequence, "roles");
        } else if (key == "settings") {
            readSettings(value);
        }
    }
    if (!hasOrganization)
        error("missing-key", "the model has no 'organization'", root.offset);
    if (!m_sawRolesKey)
        error("missing-key", "the model has no 'roles' list", root.offset);
}

void ModelBuilder::finish(std::uint64_t roleItemsOfOtherPieces)
{
    if (m_rolesIsList && m_roleItems + roleItemsOfOtherPieces == 0)
        error("no-roles", "the roles list is empty; a model needs at least one role", m_rolesOffset);
}

bool EventCollector::parse()
{
    bool complete = false;
    try {
        MemoryStreamBuffer buffer(m_piece.text);
        std::istream stream(&buffer);
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(*this)) {
        }
        complete = true;
    } catch (const StopParsing &) {
    } catch (const YAML::Exception &e) {
        const std::uint64_t local = e.mark.pos < 0 ? m_piece.text.size() : static_cast<std::uint64_t>(e.mark.pos);
        m_builder.error("syntax-error", "invalid YAML: " + e.msg, m_piece.fileOffset(local));
    }
    if (!m_meter.cancelled())
        reportConsumed(m_piece.base + m_piece.text.size()); // done with, whatever stopped it
    return complete;
}

struct ParsedFile
{
    Model model;
    std::vector<Diagnostic> diagnostics;
    bool complete = false; // the whole file was parsed, so whole-model checks apply
};

// `text` is the whole file, or a beginning of it (see deepFlowBeginning()).
ParsedFile parseWhole(const SourceText &source, const LoadLimits &limits, std::string_view text,
                      LoadMeter &meter)
{
    ParsedFile parsed;
    std::atomic<std::uint64_t> nodes{0};
    ModelBuilder builder(source, limits, parsed.diagnostics);
    const Piece piece{text};
    EventCollector collector(builder, piece, limits, nodes, meter);
    parsed.complete = collector.parse();
    if (parsed.complete && !collector.rootSeen())
        builder.error("empty-file", "the file holds no model (it is empty or only comments)", 0);
    if (parsed.complete)
        builder.finish(0);
    parsed.model = std::move(builder.model());
    return parsed;
}

// Parses a beginning of the file to see what the parser says there; the progress bar is the
// whole file's and does not move.
ParsedFile parseBeginning(const SourceText &source, const LoadLimits &limits, std::string_view text,
                          LoadControl *control)
{
    LoadMeter probe(control, text.size(), false);
    return parseWhole(source, limits, text, probe);
}

bool reports(const ParsedFile &parsed, std::string_view code)
{
    return std::any_of(parsed.diagnostics.begin(), parsed.diagnostics.end(),
                       [code](const Diagnostic &d) { return d.code == code; });
}

// yaml-cpp reads a flow collection all the way to its end before it reports the collection's
// first event (any '[' may still turn out to start a key), holding about 240 bytes per
// bracket: 64 MB of '[' took 15 GB before the depth limit could stop it. So this finds where
// flow brackets would nest deeper than the limit, skipping quoted values and comments as the
// parser does, and returns the text up to there with its brackets closed: parsing that
// reports the depth error at the same place for little memory. The count may see nesting
// that is not there (brackets in a block scalar); that text then parses without the error and
// the file is parsed whole as usual.
std::optional<std::string> deepFlowBeginning(std::string_view text, int maxDepth)
{
    std::string closers;
    char previous = '\n';
    for (size_t i = 0; i < text.size(); previous = text[i++]) {
        const char c = text[i];
        const bool afterSpace = previous == ' ' || previous == '\t' || previous == '\n' || previous == '\r';
        if (c == '#' && afterSpace) {
            i = std::min(text.find('\n', i), text.size() - 1);
        } else if ((c == '"' || c == '\'') && (afterSpace || previous == '[' || previous == '{' || previous == ',')) {
            i = closingQuote(text, i);
            if (i == std::string_view::npos)
                return std::nullopt; // unclosed: reported by checkQuoteClosed()
        } else if (c == '[' || c == '{') {
            closers += c == '[' ? ']' : '}';
            if (closers.size() > static_cast<size_t>(std::max(maxDepth, 0)))
                return std::string(text.substr(0, i + 1)).append(closers.rbegin(), closers.rend());
        } else if ((c == ']' || c == '}') && !closers.empty()) {
            closers.pop_back();
        }
    }
    return std::nullopt;
}

// The items of the top-level block list "roles:", as byte offsets of whole lines.
struct RolesRegion
{
    size_t keyLine = 0; // start of the "roles:" line
    size_t begin = 0;   // start of the first item's line
    size_t end = 0;     // start of the first line after the list
    size_t indent = 0;  // of the items' dashes
};

bool isBlankOrComment(std::string_view line)
{
    const size_t first = line.find_first_not_of(" \r\n");
    return first == std::string_view::npos || line[first] == '#';
}

bool isItemLine(std::string_view line, size_t indent)
{
    return line.size() > indent && line.find_first_not_of(' ') == indent && line[indent] == '-'
           && (line.size() == indent + 1 || line[indent + 1] == ' ' || line[indent + 1] == '\r'
               || line[indent + 1] == '\n');
}

// Finds the roles list by its lines. It only has to be right for ordinary files: whatever it
// gets wrong makes a piece fail to parse (or the "roles" key turn up elsewhere), and the file
// is then parsed as a whole.
std::optional<RolesRegion> findRolesRegion(std::string_view text)
{
    std::optional<RolesRegion> region;
    for (size_t at = 0; at < text.size(); at = lineEnd(text, at)) {
        const std::string_view line = text.substr(at, lineEnd(text, at) - at);
        if (line.substr(0, 6) != "roles:")
            continue;
        if (!isBlankOrComment(line.substr(6)) || region)
            return std::nullopt; // a flow list, or "roles:" twice
        region = RolesRegion{at, 0, 0, 0};
    }
    if (!region)
        return std::nullopt;
    size_t at = lineEnd(text, region->keyLine);
    while (at < text.size() && isBlankOrComment(text.substr(at, lineEnd(text, at) - at)))
        at = lineEnd(text, at);
    const std::string_view first = text.substr(at, lineEnd(text, at) - at);
    region->indent = first.find_first_not_of(' ');
    if (region->indent == std::string_view::npos || !isItemLine(first, region->indent))
        return std::nullopt;
    region->begin = at;
    for (; at < text.size(); at = lineEnd(text, at)) {
        const std::string_view line = text.substr(at, lineEnd(text, at) - at);
        if (line[0] == '\t')
            return std::nullopt;
        if (isBlankOrComment(line))
            continue;
        const size_t indentation = line.find_first_not_of(' ');
        if (indentation < region->indent || (indentation == region->indent && !isItemLine(line, region->indent)))
            break;
    }
    region->end = at;
    return region;
}

// The first item line at or after `at`.
size_t nextItemStart(std::string_view text, size_t at, const RolesRegion &region)
{
    if (at <= region.begin)
        return region.begin;
    at = lineEnd(text, at - 1); // the start of the next whole line
    while (at < region.end && !isItemLine(text.substr(at, lineEnd(text, at) - at), region.indent))
        at = lineEnd(text, at);
    return std::min(at, region.end);
}

// The start of the line of item number `limit` + 1 (counting from 1) of the roles list.
std::optional<size_t> itemBeyond(std::string_view text, const RolesRegion &region, size_t limit)
{
    size_t items = 0;
    for (size_t at = region.begin; at < region.end; at = lineEnd(text, at)) {
        if (isItemLine(text.substr(at, lineEnd(text, at) - at), region.indent) && ++items > limit)
            return at;
    }
    return std::nullopt;
}

// Parses a large file on every core: yaml-cpp's scanner costs about 80 ns a byte, so the
// items of the roles list, nearly all of a big file, are cut at item boundaries and parsed
// in parallel, while the rest of the file is parsed on its own. Returns nothing when the
// file is small or the cut cannot be trusted; the caller then parses the file whole.
std::optional<ParsedFile> parseInPieces(const SourceText &source, const LoadLimits &limits,
                                        LoadMeter &meter)
{
    constexpr size_t MinBytesToSplit = 2 * 1024 * 1024;
    const std::string_view text = source.text();
    const unsigned cores = limits.parseThreads ? limits.parseThreads : std::min(4u, std::thread::hardware_concurrency());
    if (text.size() < MinBytesToSplit || cores < 2)
        return std::nullopt;
    const std::optional<RolesRegion> region = findRolesRegion(text);
    if (!region || region->end - region->begin < MinBytesToSplit / 2)
        return std::nullopt;
    // Two million roles take minutes to parse only to be refused: count them first.
    if (const std::optional<size_t> extra = itemBeyond(text, *region, limits.maxRoles)) {
        ParsedFile refused;
        refused.diagnostics.push_back(Diagnostic{
            Severity::Error, "too-many-roles",
            "the model has more than " + std::to_string(limits.maxRoles)
                + " roles; the file was not read further",
            source.positionOf(*extra + region->indent), {}});
        return refused;
    }

    std::vector<size_t> cuts{region->begin};
    for (unsigned k = 1; k < cores; ++k) {
        const size_t cut = nextItemStart(text, region->begin + (region->end - region->begin) * k / cores, *region);
        if (cut > cuts.back() && cut < region->end)
            cuts.push_back(cut);
    }
    cuts.push_back(region->end);

    struct Part
    {
        Piece piece;
        std::vector<Diagnostic> diagnostics;
        std::optional<ModelBuilder> builder;
        bool ok = false;
    };
    std::atomic<std::uint64_t> nodes{0};
    const std::string head = std::string(text.substr(0, region->begin)) + std::string(text.substr(region->end));
    std::vector<Part> parts(cuts.size()); // parts[0] is the head: the file without the items
    parts[0].piece = Piece{head, 0, region->begin, region->end - region->begin, false};
    for (size_t k = 1; k < cuts.size(); ++k)
        parts[k].piece = Piece{text.substr(cuts[k - 1], cuts[k] - cuts[k - 1]), cuts[k - 1], UINT64_MAX, 0, true};
    for (Part &part : parts)
        part.builder.emplace(source, limits, part.diagnostics);

    bool headHasRoot = false;
    const auto run = [&](Part &part) {
        EventCollector collector(*part.builder, part.piece, limits, nodes, meter);
        part.ok = collector.parse();
        if (&part == &parts[0])
            headHasRoot = collector.rootSeen();
    };
    std::vector<std::thread> threads;
    for (size_t k = 1; k + 1 < parts.size(); ++k)
        threads.emplace_back(run, std::ref(parts[k]));
    run(parts.back());
    run(parts[0]);
    for (std::thread &thread : threads)
        thread.join();
    if (meter.cancelled())
        return std::nullopt;

    std::uint64_t roleItems = 0;
    size_t roles = 0;
    for (size_t k = 1; k < parts.size(); ++k) {
        roleItems += parts[k].builder->roleItems();
        roles += parts[k].builder->model().roles.size();
    }
    size_t diagnosticCount = 0;
    for (const Part &part : parts)
        diagnosticCount += part.diagnostics.size();
    // Past the cap on listed problems only the whole-file parse knows which ones come first.
    const bool trusted = diagnosticCount <= ModelBuilder::MaxDiagnostics
                         && std::all_of(parts.begin(), parts.end(), [](const Part &p) { return p.ok; })
                         && headHasRoot && parts[0].builder->rolesKeyOffset() == region->keyLine
                         && parts[0].builder->roleItems() == 0 && roles <= limits.maxRoles;
    if (!trusted)
        return std::nullopt;

    ParsedFile parsed;
    parsed.complete = true;
    parts[0].builder->finish(roleItems);
    parsed.model = std::move(parts[0].builder->model());
    parsed.model.roles.reserve(roles);
    for (Part &part : parts) {
        if (&part != &parts[0]) {
            std::vector<Role> &pieceRoles = part.builder->model().roles;
            std::move(pieceRoles.begin(), pieceRoles.end(), std::back_inserter(parsed.model.roles));
            std::vector<Role>().swap(pieceRoles);
        }
        parsed.diagnostics.insert(parsed.diagnostics.end(), std::make_move_iterator(part.diagnostics.begin()),
                                  std::make_move_iterator(part.diagnostics.end()));
    }
    return parsed;
}

LoadResult readFailure(std::string code, std::string message)
{
    LoadResult result;
    result.readFailed = true;
    result.diagnostics.push_back(Diagnostic{Severity::Error, std::move(code), std::move(message), {}, {}});
    return result;
}

LoadResult tooLarge(std::uint64_t size, const LoadLimits &limits)
{
    LoadResult result;
    result.diagnostics.push_back(Diagnostic{
        Severity::Error, "file-too-large",
        "the file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(limits.maxFileBytes),
        SourcePos{1, 1}, {}});
    return result;
}

LoadResult cancelledLoad()
{
    LoadResult result;
    result.cancelled = true;
    return result;
}

} // namespace

LoadResult loadModelFromBytes(std::string_view bytes, const LoadLimits &limits, LoadControl *control)
{
    if (control && control->cancelled)
        return cancelledLoad();
    if (bytes.size() > limits.maxFileBytes)
        return tooLarge(bytes.size(), limits);

    LoadResult result;
    std::vector<Diagnostic> &diagnostics = result.diagnostics;
    const SourceText source(bytes, diagnostics);
    // Broken characters would make the parser's own errors misleading; report them alone.
    if (!source.checkCharacters(diagnostics) || hasErrors(diagnostics))
        return result;

    LoadMeter meter(control, source.text().size());
    meter.start();
    std::optional<ParsedFile> parsed;
    if (const std::optional<std::string> beginning = deepFlowBeginning(source.text(), limits.maxNestingDepth)) {
        ParsedFile probed = parseBeginning(source, limits, *beginning, control);
        if (reports(probed, "nesting-too-deep"))
            parsed = std::move(probed);
    }
    if (!parsed) {
        if (std::optional<OverlongLine> overlong = findOverlongLine(source, limits)) {
            ParsedFile refused;
            if (overlong->diagnostic.code == "line-too-long") {
                // What the parser finds up to the limit, such as lists nested too deep on this
                // line, is news; the syntax errors of a line cut short are not.
                refused = parseBeginning(source, limits,
                                         source.text().substr(0, overlong->lineStart + limits.maxLineBytes),
                                         control);
                refused.complete = false;
                std::erase_if(refused.diagnostics, [](const Diagnostic &d) {
                    return d.code == "syntax-error" || d.code == "unclosed-quote";
                });
            }
            refused.diagnostics.push_back(std::move(overlong->diagnostic));
            parsed = std::move(refused);
        }
    }
    if (!parsed && !meter.cancelled()) {
        // A quote that never closes has yaml-cpp read the rest of the file as its value: parse
        // only up to it. Past the middle of the file that saves little, and it may be no quote.
        const std::optional<size_t> quoteLineEnd = unclosedQuoteLineEnd(source.text());
        if (quoteLineEnd && *quoteLineEnd <= source.text().size() / 2) {
            ParsedFile probed = parseBeginning(source, limits, source.text().substr(0, *quoteLineEnd), control);
            if (reports(probed, "unclosed-quote"))
                parsed = std::move(probed);
        }
    }
    if (!parsed && !meter.cancelled())
        parsed = parseInPieces(source, limits, meter);
    if (!parsed && !meter.cancelled()) {
        meter.restart();
        parsed = parseWhole(source, limits, source.text(), meter);
    }
    if (meter.cancelled())
        return cancelledLoad();
    meter.finish();

    Model &model = parsed->model;
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(parsed->diagnostics.begin()),
                       std::make_move_iterator(parsed->diagnostics.end()));
    // Whole-model checks only make sense when the whole file was read.
    if (parsed->complete)
        validateModel(model, diagnostics);
    if (meter.cancelled())
        return cancelledLoad();
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    if (!hasErrors(diagnostics)) {
        model.rebuildIndex();
        result.model = std::move(model);
    }
    return result;
}

namespace {

ModelFileBytes failedRead(LoadResult failure)
{
    ModelFileBytes file;
    file.failure = std::move(failure);
    return file;
}

} // namespace

ModelFileBytes readModelFile(const std::string &path, const LoadLimits &limits)
{
    const auto unreadable = [&path] {
        return failedRead(
            readFailure("file-unreadable", "cannot read '" + path + "': " + std::strerror(errno)));
    };
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return unreadable();
    if (!S_ISREG(info.st_mode)) {
        return failedRead(readFailure("not-a-regular-file",
                                      "'" + path + "' is "
                                          + (S_ISDIR(info.st_mode) ? "a directory"
                                                                   : "not a regular file")
                                          + "; give the path of a YAML file"));
    }
    // O_NONBLOCK: if the path was swapped for a FIFO since stat(), opening must not hang.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return unreadable();
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))
        return failedRead(
            readFailure("not-a-regular-file", "'" + path + "' is not a regular file"));
    if (static_cast<std::uint64_t>(info.st_size) > limits.maxFileBytes)
        return failedRead(tooLarge(static_cast<std::uint64_t>(info.st_size), limits));

    ModelFileBytes file;
    std::string &bytes = file.bytes;
    bytes.resize(static_cast<size_t>(info.st_size));
    size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t got = ::read(fd, bytes.data() + filled, bytes.size() - filled);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return unreadable();
        if (got == 0)
            break; // the file shrank while we read it: load what is there
        filled += static_cast<size_t>(got);
    }
    bytes.resize(filled);
    return file;
}

LoadResult loadModelFromFile(const std::string &path, const LoadLimits &limits, LoadControl *control)
{
    ModelFileBytes file = readModelFile(path, limits);
    if (file.failure)
        return std::move(*file.failure);
    return loadModelFromBytes(file.bytes, limits, control);
}

LoadResult loadModelFromStdin(const LoadLimits &limits)
{
    std::string bytes;
    char chunk[65536];
    for (;;) {
        const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return readFailure("file-unreadable", std::string("cannot read standard input: ") + std::strerror(errno));
        if (got == 0)
            break;
        bytes.append(chunk, static_cast<size_t>(got));
        if (bytes.size() > limits.maxFileBytes)
            return tooLarge(bytes.size(), limits);
    }
    return loadModelFromBytes(bytes, limits);
}

} // namespace rolescope
