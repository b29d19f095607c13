#pragma once

#include "core/model.h"

#include <atomic>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rolescope {

inline constexpr double DefaultOverlapThreshold = 0.5;

// One duty of the model: the role and the 0-based position in its responsibilities.
struct DutyRef
{
    RoleIndex role = NoRole;
    int index = -1;

    friend bool operator==(const DutyRef &, const DutyRef &) = default;
    friend auto operator<=>(const DutyRef &, const DutyRef &) = default;
};

enum class OverlapKind { Tag, Text };

// Why two duties were matched, for the explanation shown beside the score.
enum class MatchReason {
    SameTag,       // equal explicit tags
    SameText,      // the same words once normalised
    SharedTerms,   // shared words or phrases
    Synonym,       // shared terms, at least one through a synonym group or verb class
};

// The matched words and phrases of an overlap, never changed once made. Every overlap of the
// same two wordings shares one list: at 100,000 generated roles, the 4.5 million overlaps come
// from 2.2 million pairs of wordings, and a copy each took memory and time to make and free.
// A list is one block of memory (its count, where each term ends, then the characters), not a
// vector of strings, each longer phrase in an allocation of its own.
class MatchedTerms
{
public:
    class const_iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::string_view;

        const_iterator() = default;
        std::string_view operator*() const { return (*m_terms)[m_index]; }
        const_iterator &operator++()
        {
            ++m_index;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++m_index;
            return before;
        }
        bool operator==(const const_iterator &other) const { return m_index == other.m_index; }

    private:
        friend class MatchedTerms;
        const_iterator(const MatchedTerms *terms, size_t index)
            : m_terms(terms)
            , m_index(index)
        {}

        const MatchedTerms *m_terms = nullptr;
        size_t m_index = 0;
    };
    using iterator = const_iterator;
    using value_type = std::string_view;

    MatchedTerms() = default;
    // Implicit: a list of words is what an overlap's terms are.
    MatchedTerms(const std::vector<std::string> &terms);

    size_t size() const { return m_block ? m_block[0] : 0; }
    bool empty() const { return size() == 0; }
    std::string_view operator[](size_t i) const;
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

    bool operator==(const MatchedTerms &other) const;
    bool operator==(const std::vector<std::string> &other) const;

private:
    // [0] the count, [1 + i] where term i ends in the characters that follow.
    std::shared_ptr<const std::uint32_t[]> m_block;
};

struct DutyOverlap
{
    DutyRef a; // a comes before b in model order
    DutyRef b;
    OverlapKind kind = OverlapKind::Text;
    MatchReason reason = MatchReason::SharedTerms;
    double score = 0.0; // 1 for tags
    // The shared tags, or the matched words and phrases as written in a ("market research");
    // a synonym shows both wordings ("hire ~ recruit").
    MatchedTerms terms;
};

// How much two roles do the same work. Counts use the overlaps reported (generic duty
// clusters are left out: they say nothing about these two roles in particular).
struct RolePairOverlap
{
    RoleIndex a = NoRole; // a < b
    RoleIndex b = NoRole;
    int matchedA = 0;      // duties of a that have a match among b's duties
    int matchedB = 0;      // duties of b that have a match among a's duties
    double coverageA = 0;  // matchedA / a's duties: how much of a's work b also does
    double coverageB = 0;  // matchedB / b's duties
    double score = 0;      // (matchedA + matchedB) / (a's duties + b's duties), symmetric
    int shared = 0;        // overlapping duty pairs between the two roles
};

// A duty that very many roles hold in (almost) the same words, such as "Supervise staff" or a
// shared tag: reported once instead of as thousands of pairs.
struct GenericDutyCluster
{
    std::string text;          // a representative wording (or the tag)
    bool byTag = false;
    std::vector<DutyRef> duties; // in model order
    int roleCount = 0;
};

struct OverlapOptions
{
    // Minimum score of an inferred overlap; when unset the model's setting, else 0.5.
    std::optional<double> minScore;
    // A duty (identical wording, or one tag) held by more roles than this becomes a generic
    // cluster; so does a duty that matches more other duty wordings than maxMatchesPerDuty.
    int maxRolesPerDuty = 40;
    int maxMatchesPerDuty = 200;
    // When not empty, only what involves a duty of these roles is found: the overlaps with one
    // of them on either side, their role pairs and the generic clusters holding their duties,
    // exactly as the whole analysis would report them. Only their duties and their partners'
    // are compared, so this takes seconds where the whole analysis of a very large model takes
    // minutes.
    std::vector<RoleIndex> roles;
    // Set (from any thread) to stop early; findOverlaps() then returns an empty result.
    const std::atomic<bool> *cancelled = nullptr;
    // Raised as the work goes on, in thousandths of it, to 1000 at the end (for a progress bar
    // on another thread).
    std::atomic<int> *progress = nullptr;
    // Reading every duty's words is most of the work of one role's overlaps (seconds at
    // 100,000 roles) and does not depend on the threshold or the roles asked about. With
    // preparedDutiesOut set, a run that read them leaves them there in a compact form; given
    // back as preparedDuties to a later run on the same duties, they are read back instead, in
    // a fraction of the time. The form is private to one build of Rolescope, like the cache of
    // parsed files it is kept beside. Bytes made from other duties or synonym groups, damaged
    // or foreign, are ignored, and the duties are read afresh.
    std::string_view preparedDuties;
    std::string *preparedDutiesOut = nullptr;
};

struct OverlapResult
{
    double threshold = DefaultOverlapThreshold;
    std::vector<DutyOverlap> overlaps;       // by descending score, then model order
    std::vector<RolePairOverlap> rolePairs;  // by descending score, then model order
    std::vector<GenericDutyCluster> genericDuties; // by descending role count
};

double effectiveThreshold(const Model &model, const OverlapOptions &options);

// Every overlap between duties of different roles, each unordered pair once.
OverlapResult findOverlaps(const Model &model, const OverlapOptions &options = {});

// The role-pair score of each of ROLECOUNT roles against ROLE in RESULT (what a chart is tinted
// by): 0 for a role that shares no work with it, and for ROLE itself.
std::vector<double> rolePairScoresAgainst(const OverlapResult &result, RoleIndex role,
                                          int roleCount);

// Where each role appears in one result, so that what a few roles need of a large result is
// read without going through all of it: at 100,000 roles, one pass over the 4.5 million
// overlaps (about 45 ms) for each comparison opened, or over the 4.3 million role pairs
// (about 20 ms) for each role whose Who Else is shown. It holds the positions of the
// overlaps and generic clusters of each role (40 MB there), not the result, which the calls
// are given again.
class OverlapsByRole
{
public:
    OverlapsByRole() = default;
    // RESULT is one of MODEL's.
    OverlapsByRole(const Model &model, const OverlapResult &result);

    // What RESULT says between any two of ROLES: the overlaps between them and their role
    // pairs, in RESULT's order, and the generic clusters holding duties of at least two of
    // them (whole, as RESULT has them).
    OverlapResult among(const Model &model, const OverlapResult &result,
                        std::vector<RoleIndex> roles) const;
    // rolePairScoresAgainst(RESULT, ROLE, MODEL's role count), from ROLE's overlaps only.
    std::vector<double> scoresAgainst(const Model &model, const OverlapResult &result,
                                      RoleIndex role) const;

private:
    // For each role, the positions of what holds it, ascending: those of role R are
    // items[start[R]] up to items[start[R + 1]].
    struct Positions
    {
        std::vector<std::uint32_t> start;
        std::vector<std::uint32_t> items;

        std::span<const std::uint32_t> of(RoleIndex role) const;
    };
    Positions m_overlaps;
    Positions m_clusters;
};

// Every duty of a model normalised, weighed and indexed once, to find the overlaps of a few
// roles at a time: building it costs most of what findOverlaps() with OverlapOptions::roles
// does (seconds at 100,000 roles), each find() after it only the roles' share (a fraction of a
// second). One find() at a time.
class OverlapIndex
{
public:
    // MODEL must outlive the index. OPTIONS give the threshold and limits (not the roles);
    // their cancelled and progress apply to building it (progress reaches 1000 when built).
    OverlapIndex(const Model &model, const OverlapOptions &options);
    ~OverlapIndex();
    OverlapIndex(const OverlapIndex &) = delete;
    OverlapIndex &operator=(const OverlapIndex &) = delete;

    // False when building it was cancelled: find() then finds nothing.
    bool isComplete() const;
    // What findOverlaps() with OverlapOptions::roles = ROLES gives (all roles when empty).
    // Setting CANCELLED stops it early, with an empty result.
    OverlapResult find(const std::vector<RoleIndex> &roles,
                       const std::atomic<bool> *cancelled = nullptr);
    // What findOverlaps() gives for every role, as the index's last answer: like
    // findOverlaps(), it lets the index go once the pairs are found, before the overlaps are
    // made, and is not complete afterwards. PROGRESS (in thousandths, as
    // OverlapOptions::progress) starts past the share of the whole analysis that building the
    // index did.
    OverlapResult findAllOnce(const std::atomic<bool> *cancelled = nullptr,
                              std::atomic<int> *progress = nullptr);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The textual similarity of two duties, with corpus statistics from a set of duty texts (the
// words common in the corpus weigh less). findOverlaps() scores with exactly this.
class DutySimilarity
{
public:
    DutySimilarity(const std::vector<std::string> &corpus,
                   const std::vector<std::vector<std::string>> &synonyms = {});
    ~DutySimilarity();
    DutySimilarity(const DutySimilarity &) = delete;
    DutySimilarity &operator=(const DutySimilarity &) = delete;

    struct Match
    {
        double score = 0;
        MatchReason reason = MatchReason::SharedTerms;
        std::vector<std::string> terms;
    };
    Match compare(std::string_view a, std::string_view b) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace rolescope
